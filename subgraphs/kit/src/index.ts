import "reflect-metadata";

export * from "./access";
export * from "./caller";
export * from "./config";
export * from "./context";
export * from "./database";
export * from "./errors";
export * from "./federation";
export * from "./http";
export * from "./internal";
export * from "./loaders";
export * from "./logger";
export * from "./paging";
export * from "./subgraph";
export * from "./ids";
export * from "./demo";
export * from "./columns";
