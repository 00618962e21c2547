// The contract's operations (schema/operations/*.graphql) that the composed API answers, each a
// TypedDocumentNode with its result and variables types, plus the enums and inputs they use.
// Regenerate with `npm run codegen` (or `npm run compose`); a test fails when the file is stale.
export * from "./graphql.generated";
