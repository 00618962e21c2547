import { composeServices } from "@apollo/composition";
import { DEFAULT_PORTS, subgraphSchema, subgraphSdl, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { parse } from "graphql";
import { apiSchemaSdl } from "@partnergraph/gateway";
import { join } from "node:path";
import { SUBGRAPHS } from "./subgraphs";

export const SCHEMA_DIR = join(__dirname, "..", "..", "schema");

export interface Composition {
  /** schema/<file> → contents */
  files: Record<string, string>;
}

/** Emits each subgraph's SDL and composes the supergraph (what `npm run compose` writes to schema/). */
export async function compose(): Promise<Composition> {
  const files: Record<string, string> = {};
  const services = [];
  for (const name of SUBGRAPH_NAMES) {
    const sdl = await subgraphSdl(await subgraphSchema(SUBGRAPHS[name]));
    files[`${name}.graphql`] = sdl.trimEnd() + "\n";
    // The URL recorded here is the default local one; the gateway and routers override it per deployment.
    services.push({ name, url: `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`, typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join("\n")}`);
  files["supergraph.graphql"] = result.supergraphSdl.trimEnd() + "\n";
  files["api.graphql"] = apiSchemaSdl(result.supergraphSdl);
  return { files };
}
