export { SUBGRAPHS, DEMO_SEEDS } from "./subgraphs";
export { launch } from "./launch";
export type { Stack, LaunchOptions } from "./launch";
export { compose, SCHEMA_DIR } from "./composition";
export { devToken } from "./dev-token";
