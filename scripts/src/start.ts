import { SUPERGRAPH_PATH } from "@partnergraph/gateway";
import { config, stopOnSignals } from "@partnergraph/kit";
import { readFileSync } from "node:fs";
import { launch } from "./launch";

/** `npm start`: the gateway and all four subgraphs in one process; demo data on the embedded database. */
async function main() {
  const embedded = !config().databaseUrl;
  const stack = await launch({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"),
    port: config().port,
    fixedPorts: true,
    seedDemo: embedded,
  });
  const url = stack.gateway.url;
  process.stdout.write(
    [
      "",
      `PartnerGraph is up on ${embedded ? "the embedded database, with demo data" : "MySQL"}.`,
      `  GraphQL and Apollo Sandbox: ${url}`,
      `  Health: ${url.replace(/graphql$/, "health")}   Ready: ${url.replace(/graphql$/, "ready")}`,
      `  A token for a demo user:   npm run token -- carol@adatum.example`,
      `  Then: curl -s ${url} -H "Authorization: Bearer <token>" -H 'content-type: application/json' -d '{"query":"{ me { email organization { name } } }"}'`,
      "",
    ].join("\n"),
  );
  // The gateway drains first, then the subgraphs (each answers what it accepted, then closes its relay and pool).
  stopOnSignals("partnergraph", () => stack.stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
