import { composeServices } from "@apollo/composition";
import { apiSchemaSdl } from "@partnergraph/gateway";
import { DEFAULT_PORTS, SubgraphDefinition, subgraphSchema, subgraphSdl, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { parse } from "graphql";
import { join } from "node:path";
import { SUBGRAPHS } from "./subgraphs";

export const SCHEMA_DIR = join(__dirname, "..", "..", "schema");

export interface Composition {
  /** schema/<file> → contents */
  files: Record<string, string>;
}

/** A subgraph as composition sees it: its name, where the gateway finds it, and its SDL. */
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** A definition of this repository's as composition sees it (its SDL as `_service { sdl }` answers). */
export async function sdlOf(definition: SubgraphDefinition, url: string): Promise<SubgraphSdl> {
  const sdl = await subgraphSdl(await subgraphSchema(definition));
  return { name: definition.name, url, sdl: sdl.trimEnd() + "\n" };
}

/** This repository's subgraphs, each at its default local URL (the gateway and routers override it per deployment). */
export function ownSubgraphs(): Promise<SubgraphSdl[]> {
  return Promise.all(
    SUBGRAPH_NAMES.map((name) => sdlOf(SUBGRAPHS[name], `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`)),
  );
}

/** The supergraph of these subgraphs; throws with every composition error. */
export function composeSubgraphs(subgraphs: SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join("\n")}`);
  return result.supergraphSdl.trimEnd() + "\n";
}

/** Emits each subgraph's SDL and composes the supergraph (what `npm run compose` writes to schema/). */
export async function compose(): Promise<Composition> {
  const subgraphs = await ownSubgraphs();
  const files: Record<string, string> = Object.fromEntries(subgraphs.map(({ name, sdl }) => [`${name}.graphql`, sdl]));
  files["supergraph.graphql"] = composeSubgraphs(subgraphs);
  files["api.graphql"] = apiSchemaSdl(files["supergraph.graphql"]);
  return { files };
}
