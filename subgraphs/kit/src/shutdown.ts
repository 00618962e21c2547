import { config } from "./config";
import { logger } from "./logger";

/** Time past the drain timeout for the relay, workers and pools to close. */
const CLOSE_MARGIN_MS = 10_000;

/**
 * The one owner of SIGTERM and SIGINT in a process (Apollo Server's own handlers are off): stop once, then exit 0
 * when every accepted request was answered and everything closed, 1 when stopping failed or overran its time.
 */
export function stopOnSignals(service: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { service, signal });
    const limitMs = config().drainTimeoutMs + CLOSE_MARGIN_MS;
    setTimeout(() => {
      logger.error("stopping overran its time: exiting anyway", { service, limitMs });
      process.exit(1);
    }, limitMs).unref();
    stop().then(
      () => {
        logger.info("stopped", { service });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error("stopping failed", { service, error: error instanceof Error ? error.stack : String(error) });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
