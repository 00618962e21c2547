// What two services must agree on, declared once: publishers and consumers, servers and callers all
// import it, so a change on one side that the other does not follow fails to compile.
export * from "./orgid";
export * from "./events";
export * from "./routes";
export * from "./audit-actions";
