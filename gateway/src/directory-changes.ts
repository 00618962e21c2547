import { DirectoryChange, logger, parseDirectoryChange } from "@partnergraph/kit";
import Redis from "ioredis";
import { randomUUID } from "node:crypto";
import type { CallerCache } from "./caller-cache";

/**
 * Identity's announced directory changes, applied to this gateway's caller cache before the announcing response
 * is answered, and with REDIS_URL published to every other gateway replica (they drop their entries as the
 * message arrives, within milliseconds). Without Redis, or while it is away, another replica's entry lives out
 * its CALLER_CACHE_TTL_MS: that is the bound on how stale a replica can be.
 */
export class DirectoryChanges {
  /** This gateway, so it skips its own messages (it applied them already). */
  private readonly origin = randomUUID();
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;

  constructor(
    private readonly cache: CallerCache,
    private readonly redisUrl: string | null,
    private readonly channel: string,
  ) {}

  /**
   * Connects and subscribes to the other replicas' changes, waiting at most `waitMs` (a Redis that does not answer
   * delays no start: ioredis keeps reconnecting, and subscribes again on every reconnect).
   */
  async start(waitMs = 3_000): Promise<void> {
    if (!this.redisUrl) return;
    // No offline queue on the publisher: while Redis is away a change is not sent late, other replicas' TTL bounds it.
    this.publisher = new Redis(this.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(this.redisUrl);
    for (const connection of [this.publisher, this.subscriber])
      connection.on("error", (error: Error) => logger.warn("redis (directory changes)", { error: error.message }));
    this.subscriber.on("message", (_channel: string, message: string) => this.received(message));
    const publisherReady = new Promise<void>((resolve) => this.publisher!.once("ready", () => resolve()));
    const ready = Promise.all([this.subscriber.subscribe(this.channel), publisherReady]);
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      ready.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs))),
    ]).catch(() => false);
    clearTimeout(timer);
    if (!answered) logger.warn("redis does not answer: directory changes stay on this gateway until it does");
  }

  /** A subgraph response's extension: applied here at once, then told to the other replicas. */
  announce(extension: unknown): void {
    const change = parseDirectoryChange(extension);
    if (!change) return;
    this.cache.forget(change);
    this.publisher
      ?.publish(this.channel, JSON.stringify({ origin: this.origin, ...change }))
      .catch((error: unknown) => logger.warn("could not publish a directory change", { error: String(error) }));
  }

  async stop(): Promise<void> {
    const quit = (connection: Redis | null) =>
      connection
        ? connection.quit().then(
            () => undefined,
            () => connection.disconnect(),
          )
        : Promise.resolve();
    await Promise.all([quit(this.publisher), quit(this.subscriber)]);
  }

  private received(message: string) {
    try {
      const parsed = JSON.parse(message) as { origin?: string } & DirectoryChange;
      if (parsed.origin === this.origin) return;
      const change = parseDirectoryChange(parsed);
      if (change) this.cache.forget(change);
    } catch {
      logger.warn("ignored a malformed directory change message", { message: message.slice(0, 200) });
    }
  }
}
