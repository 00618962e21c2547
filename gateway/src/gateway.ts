import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import {
  Caller,
  CONTEXT_HEADER,
  config,
  createHttpServer,
  drainServer,
  formatError,
  listen,
  signContext,
  SubgraphName,
  SUBGRAPH_NAMES,
} from "@partnergraph/kit";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { verifyBearer } from "./auth";
import { resolveCaller } from "./caller";
import { depthLimit } from "./limits";
import { operationChoicePlugin, withHttpStatus } from "./statuses";

export interface GatewayContext {
  requestId: string;
  caller: Caller | null;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph is; defaults to the configured URLs. */
  subgraphUrls?: Record<SubgraphName, string>;
  port?: number;
  host?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Forwards the caller to a subgraph, signed, so the subgraph can trust it (and refuse anything unsigned). */
class SignedContextDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["willSendRequest"]>>[0]) {
    const forwarded = {
      requestId: context.requestId ?? randomUUID(),
      caller: context.caller ?? null,
      issuedAt: Date.now(),
    };
    request.http?.headers.set(CONTEXT_HEADER, signContext(forwarded));
  }
}

async function contextFor(request: IncomingMessage): Promise<GatewayContext> {
  const requestId = randomUUID();
  try {
    const token = await verifyBearer(request.headers.authorization);
    if (!token) return { requestId, caller: null };
    const caller = await resolveCaller(token, request.headers["x-organization-id"] as string | undefined);
    return { requestId, caller };
  } catch (error) {
    throw withHttpStatus(error);
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const urls = options.subgraphUrls ?? config().subgraphUrls;
  const production = config().nodeEnv === "production";
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Node's fetch (undici), not the default make-fetch-happen agent: that agent keeps idle sockets forever and
    // never retries, so a request sent on a socket the subgraph's 5 s keep-alive just closed fails as
    // "socket hang up"; undici honours the server's Keep-Alive hint and drops idle sockets before it.
    buildService: ({ name, url }) =>
      new SignedContextDataSource({ url: urls[name as SubgraphName] ?? url, fetcher: fetch }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    // Shutdown is owned once, by stop() below (drain first); Apollo's own signal handlers raced it.
    stopOnTerminationSignals: false,
    validationRules: [depthLimit()],
    plugins: [
      operationChoicePlugin,
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  const ready = async () => {
    const answers = await Promise.all(
      SUBGRAPH_NAMES.map((name) =>
        fetch(urls[name].replace(/\/graphql$/, "/health"), { signal: AbortSignal.timeout(2000) })
          .then((response) => response.ok)
          .catch(() => false),
      ),
    );
    return answers.every(Boolean);
  };
  const server = createHttpServer({ apollo, context: contextFor, ready });
  await apollo.start();
  const host = options.host ?? config().listenHost;
  const port = await listen(server, options.port ?? config().port, host);
  let stopped: Promise<void> | null = null;
  return {
    url: `http://${host === "0.0.0.0" ? "localhost" : host}:${port}/graphql`,
    port,
    stop: () =>
      (stopped ??= (async () => {
        // Readiness fails and the port closes at once; every accepted request is answered before Apollo stops.
        const drained = await drainServer(server, config().drainTimeoutMs, "gateway");
        await apollo.stop();
        if (!drained) throw new Error("the gateway cut requests still open after the drain timeout");
      })()),
  };
}
