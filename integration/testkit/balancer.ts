import { createServer, request as httpRequest, Server } from "node:http";

/**
 * A round-robin HTTP load balancer on loopback, standing in for the one in front of a service's replicas: each
 * request goes to the next replica; one that refuses the connection (stopped, draining) is skipped, as nothing
 * reached it. A replica that dies mid-answer gives the client a 502, as a real balancer would: that request's
 * outcome is unknown to the client, never retried here.
 */
export interface Balancer {
  url: string;
  /** How many requests a replica refused and the next one took. */
  readonly skipped: number;
  close(): Promise<void>;
}

const refusedConnection = (error: NodeJS.ErrnoException) => error.code === "ECONNREFUSED";

export async function startBalancer(port: number, replicaPorts: () => number[]): Promise<Balancer> {
  let next = 0;
  let skipped = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const ports = replicaPorts();
      const first = next++;
      const attempt = (tried: number) => {
        if (tried >= ports.length) {
          outgoing.writeHead(502, { "content-type": "text/plain" }).end("no replica answers");
          return;
        }
        const forward = httpRequest(
          {
            host: "127.0.0.1",
            port: ports[(first + tried) % ports.length],
            method: incoming.method,
            path: incoming.url,
            headers: incoming.headers,
            agent: false,
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
            answer.on("error", () => outgoing.destroy());
          },
        );
        forward.on("error", (error: NodeJS.ErrnoException) => {
          if (refusedConnection(error) && !outgoing.headersSent) {
            skipped++;
            attempt(tried + 1);
          } else if (!outgoing.headersSent) outgoing.writeHead(502).end(String(error.code ?? error.message));
          else outgoing.destroy();
        });
        forward.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get skipped() {
      return skipped;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
