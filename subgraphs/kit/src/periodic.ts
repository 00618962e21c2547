import { logger } from "./logger";

/**
 * Runs `work` every `intervalMs`, never overlapping itself; a failed run is logged and the next one still comes.
 * Returns the stopper a definition's onStart hands back (it waits for a run in progress).
 */
export function startPeriodicJob(name: string, work: () => Promise<unknown>, intervalMs: number): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(work).catch((error) => logger.warn(`${name} failed`, { error: String(error) }));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
