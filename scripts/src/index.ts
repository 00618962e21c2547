export { SUBGRAPHS, DEMO_SEEDS } from "./subgraphs";
export { launch } from "./launch";
export type { Stack, LaunchOptions } from "./launch";
export { compose, composeSubgraphs, ownSubgraphs, SCHEMA_DIR, sdlOf } from "./composition";
export type { SubgraphSdl } from "./composition";
export { scaffoldSubgraph } from "./scaffold";
export { devToken } from "./dev-token";
