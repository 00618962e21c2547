import { ApolloServer } from "@apollo/server";
import { CallerCache, verifyBearer } from "@partnergraph/gateway";
import {
  config,
  createHttpServer,
  statementsRoute,
  formatError,
  listen,
  UnauthenticatedError,
} from "@partnergraph/kit";
import type { IncomingMessage } from "node:http";
import { monolithCaller } from "./caller";
import { monolithSchema, MonolithContext } from "./dashboard";
import { Databases } from "./databases";
import { requestLoaders } from "./loaders";

export interface RunningMonolith {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The monolith baseline: one process, the gateway's API schema, PartnerDashboard answered with the subgraphs'
 * statements straight against their databases: no federation, no subgraph fetches, no access calls. The limit
 * federation is measured against.
 */
export async function startMonolith(options: {
  supergraphSdl: string;
  port?: number;
  host?: string;
}): Promise<RunningMonolith> {
  const db = new Databases();
  const apollo = new ApolloServer<MonolithContext>({ schema: monolithSchema(options.supergraphSdl), formatError });
  // The same caller cache as the gateways: most requests read no directory row.
  const callers = new CallerCache(config().callerCacheTtlMs);
  const context = async (request: IncomingMessage): Promise<MonolithContext> => {
    const token = await verifyBearer(request.headers.authorization);
    const caller = token
      ? await callers.resolve(token.subject, token.email, null, async () => {
          const found = await monolithCaller(db, token.subject);
          if (!found) throw new UnauthenticatedError("The directory does not know you");
          return found;
        })
      : null;
    return { db, caller, loaders: requestLoaders(db, caller?.organizationId ?? null, caller?.userId ?? "") };
  };
  const server = createHttpServer({
    apollo,
    context,
    internalRoutes: statementsRoute(db.statements),
  });
  await apollo.start();
  const host = options.host ?? config().listenHost;
  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    stop: async () => {
      await apollo.stop();
      server.close();
      await db.close();
    },
  };
}
