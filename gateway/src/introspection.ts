import type { ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { Config, sendJson } from "@partnergraph/kit";
import { BREAK, DocumentNode, GraphQLError, visit } from "graphql";
import type { IncomingMessage, ServerResponse } from "node:http";
import { apiSchemaSdl } from "./api-schema";
import { verifyBearer } from "./auth";
import type { GatewayContext } from "./gateway";

type Mode = Config["introspection"];

function asksForSchema(document: DocumentNode): boolean {
  let asks = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== "__schema" && node.name.value !== "__type") return;
      asks = true;
      return BREAK;
    },
  });
  return asks;
}

/** INTROSPECTION=signed-in: `__schema` and `__type` answer only a caller with a valid token. */
const signedInIntrospection: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, contextValue }) {
        if (contextValue.caller || !asksForSchema(document)) return;
        throw new GraphQLError("Sign in to introspect this API", {
          extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
        });
      },
    };
  },
};

/**
 * Who may read the schema: INTROSPECTION=on (development) anyone, signed-in only callers with a valid token
 * (analysts in production, through Sandbox with their token), off (production's default) nobody. The Sandbox
 * page itself holds no data: without a token it can show no schema.
 */
export function introspectionSettings(mode: Mode) {
  return {
    introspection: mode !== "off",
    plugins: [
      ...(mode === "signed-in" ? [signedInIntrospection] : []),
      mode === "off"
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  };
}

/** GET /schema.graphql: the API schema (no federation internals) for tools and codegen, under the same rule. */
export function schemaRoute(mode: Mode, supergraphSdl: string) {
  const sdl = apiSchemaSdl(supergraphSdl);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (mode === "off" || request.method !== "GET") return sendJson(response, 404, { error: "not found" });
    if (mode === "signed-in" && !(await verifyBearer(request.headers.authorization).catch(() => null))) {
      return sendJson(response, 401, {
        errors: [{ message: "Sign in to read the schema", extensions: { code: "UNAUTHENTICATED" } }],
      });
    }
    response.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    response.end(sdl);
  };
}
