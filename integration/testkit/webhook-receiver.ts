import { config, freePort, setConfig } from "@partnergraph/kit";
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, IncomingMessage, Server } from "node:http";

// A webhook receiver for the tests: a real HTTP endpoint on loopback, and the README's signature check.

/** The README's verifier: the signature over "<t>.<body>" with the subscription's secret, and a fresh t. */
export function verify(secret: string, header: string | undefined, body: string, toleranceSeconds = 300): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match || Math.abs(Date.now() / 1000 - Number(match[1])) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], "hex"));
}

export interface Received {
  path: string;
  signature: string | undefined;
  eventId: string | undefined;
  body: string;
  event: { id: string; type: string; occurredAt: string; data: Record<string, any> };
}

/** An endpoint that records every request; it can go down and come back on the same port. */
export class Receiver {
  readonly received: Received[] = [];
  private server: Server | null = null;
  constructor(readonly port: number) {}

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async up(): Promise<void> {
    this.server = createServer((request: IncomingMessage, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        this.received.push({
          path: request.url ?? "",
          signature: request.headers["partnergraph-signature"] as string | undefined,
          eventId: request.headers["partnergraph-event-id"] as string | undefined,
          body,
          event: JSON.parse(body),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }

  at(path: string) {
    return this.received.filter((r) => r.path === path);
  }
}

/**
 * A receiver for a test file, up before its tests and down after them; dispatchers send one delivery at a time
 * per endpoint meanwhile, so arrival order is sending order.
 */
export function useReceiver(onUp: (receiver: Receiver) => void): void {
  let receiver: Receiver | undefined;
  const concurrency = config().webhookConcurrency;
  beforeAll(async () => {
    setConfig({ webhookConcurrency: 1 });
    receiver = new Receiver(await freePort());
    await receiver.up();
    onUp(receiver);
  });
  afterAll(async () => {
    setConfig({ webhookConcurrency: concurrency });
    await receiver?.down();
  });
}
