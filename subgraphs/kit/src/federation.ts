import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { graphql, GraphQLSchema, parse } from "graphql";
import { buildSchema, BuildSchemaOptions, createResolversMap } from "type-graphql";

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@override", "@tag"])`;

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: any, context: any, info: any) => unknown }
>;

function merge(target: Record<string, any>, source: Record<string, any>): Record<string, any> {
  for (const [key, value] of Object.entries(source)) {
    target[key] =
      value && typeof value === "object" && !Array.isArray(value) && target[key]
        ? merge({ ...target[key] }, value)
        : value;
  }
  return target;
}

/**
 * type-graphql classes → a Federation 2 subgraph schema. The one place that knows that plain
 * printSchema drops the federation directives (printSchemaWithDirectives keeps them).
 */
export async function buildSubgraph(
  options: Pick<BuildSchemaOptions, "resolvers" | "orphanedTypes">,
  references: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    skipCheck: true,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = merge(createResolversMap(schema) as Record<string, any>, references);
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

/** The SDL a subgraph contributes to composition (what `_service { sdl }` answers). */
export async function subgraphSdl(schema: GraphQLSchema): Promise<string> {
  const result = await graphql({ schema, source: "{ _service { sdl } }" });
  if (result.errors?.length) throw result.errors[0];
  return (result.data as { _service: { sdl: string } })._service.sdl;
}
