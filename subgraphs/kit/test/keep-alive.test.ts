import { createHttpServer, listen, SERVER_IDLE_MS } from "@partnergraph/kit";
import { request } from "node:http";

// The client closes idle connections, never the server (a request sent as the server closes one is reset).

it("keeps an idle connection longer than its clients do, and tells them how long", async () => {
  const server = createHttpServer({});
  const port = await listen(server, 0);
  try {
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      const sent = request({ host: "127.0.0.1", port, path: "/health", agent: false }, (response) => {
        response.resume();
        resolve(String(response.headers["keep-alive"]));
      });
      sent.setHeader("connection", "keep-alive");
      sent.on("error", reject).end();
    });
    expect(keepAlive).toBe(`timeout=${SERVER_IDLE_MS / 1000}`);
    // Beyond a load balancer's usual 60 s, so the balancer closes first.
    expect(SERVER_IDLE_MS).toBeGreaterThan(60_000);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
