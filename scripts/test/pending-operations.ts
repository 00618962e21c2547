/**
 * Contract operations whose issue has not landed yet. Remove a name when its issue lands: schema.test.ts then
 * holds it to the supergraph, and integration/hive-gateway.test.ts to answering alike through Hive Gateway.
 */
export const PENDING_OPERATIONS = new Set<string>([]);
