export * from "./client";
export * from "./seed";
export * from "./stack";
