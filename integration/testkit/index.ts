export * from "./client";
export * from "./processes";
export * from "./seed";
export * from "./stack";
export * from "./statements";
export * from "./use-stack";
export * from "./metrics";
export * from "./operations";
