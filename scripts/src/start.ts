import { SUPERGRAPH_PATH } from "@partnergraph/gateway";
import { config, logger, stopOnSignals } from "@partnergraph/kit";
import { readFileSync } from "node:fs";
import { launch } from "./launch";
import { RunningPortal, startPortalServer } from "./portal/server";

/**
 * The portal at PORTAL_URL's port. When another process holds that port (a second stack, the tests' own stacks
 * started side by side), the API still starts and says the portal is not served, rather than failing.
 */
async function servePortal(gatewayUrl: string): Promise<RunningPortal | null> {
  const portalUrl = new URL(config().portalUrl);
  try {
    return await startPortalServer({
      gatewayUrl,
      port: Number(portalUrl.port || (portalUrl.protocol === "https:" ? 443 : 80)),
      host: config().listenHost,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    logger.warn("the portal is not served: its port is taken", { portalUrl: config().portalUrl });
    return null;
  }
}

/**
 * `npm start`: the gateway and all four subgraphs in one process, and the portal at PORTAL_URL; demo data on the
 * embedded database. PORT=0 (tests) puts the gateway and the subgraphs on free ports.
 */
async function main() {
  const embedded = !config().databaseUrl;
  const stack = await launch({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"),
    port: config().port,
    fixedPorts: config().port !== 0,
    seedDemo: embedded,
  });
  const url = stack.gateway.url;
  const portal = await servePortal(url);
  process.stdout.write(
    [
      "",
      `PartnerGraph is up on ${embedded ? "the embedded database, with demo data" : "MySQL"}.`,
      portal
        ? `  The portal:                 ${config().portalUrl}   (served here at ${portal.url})`
        : `  The portal is NOT served: ${config().portalUrl}'s port is taken (set PORTAL_URL to a free one)`,
      `  GraphQL and Apollo Sandbox: ${url}`,
      `  Health: ${url.replace(/graphql$/, "health")}   Ready: ${url.replace(/graphql$/, "ready")}`,
      `  A token for a demo user:   npm run token -- carol@adatum.example`,
      `  Then: curl -s ${url} -H "Authorization: Bearer <token>" -H 'content-type: application/json' -d '{"query":"{ me { email organization { name } } }"}'`,
      "",
    ].join("\n"),
  );
  // The gateway drains first, then the subgraphs (each answers what it accepted, then closes its relay and pool).
  stopOnSignals("partnergraph", async () => {
    await portal?.stop();
    await stack.stop();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
