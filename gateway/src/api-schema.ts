import { Supergraph } from "@apollo/federation-internals";
import { printSchema } from "graphql";

/** The API schema clients see: the supergraph without federation's join and link internals. */
export function apiSchemaSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()).trimEnd() + "\n";
}
