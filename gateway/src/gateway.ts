import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, HTTPGraphQLRequest } from "@apollo/server";
import { buildSchema } from "graphql";
import {
  Caller,
  config,
  RequestLimits,
  createHttpServer,
  DIRECTORY_CHANGED_EXTENSION,
  drainServer,
  currentScope,
  enableTracing,
  flushTracing,
  formatError,
  listen,
  setDeadline,
  Log,
  observabilityPlugin,
  ServiceMetrics,
  SubgraphName,
  SUBGRAPH_NAMES,
} from "@partnergraph/kit";
import type { IncomingMessage } from "node:http";
import { apiSchemaSdl } from "./api-schema";
import { verifyBearer } from "./auth";
import { resolveCaller } from "./caller";
import { CallerCache } from "./caller-cache";
import { DirectoryChanges } from "./directory-changes";
import { cors } from "./cors";
import { introspectionSettings, schemaRoute } from "./introspection";
import { Admission, budgetFor, budgetKey, clientAddressOf, limitsPlugin, RequestLimiter } from "./limits";
import { operationChoicePlugin, withHttpStatus } from "./statuses";
import { SubgraphSource } from "./subgraph-source";
import { observedSubgraphFetch, SubgraphFetchMetrics } from "./subgraph-fetch";

export interface GatewayContext {
  requestId: string;
  caller: Caller | null;
  /** The client's address: anonymous callers share a rate limit budget per address. */
  clientAddress: string;
  /** This request's logger (its lines carry the request id). */
  log: Log;
  /** Its cost and budget headers (README, "Limits"); absent when it was refused before. */
  admission?: Admission;
  /** What connections vouched for in this request's earlier fetches, for its later ones (kit access.ts). */
  accessGrants: string[];
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph is; defaults to the configured URLs. */
  subgraphUrls?: Record<SubgraphName, string>;
  port?: number;
  host?: string;
  /** Defaults to CALLER_CACHE_TTL_MS and REDIS_URL (tests run gateways with their own). */
  callerCacheTtlMs?: number;
  redisUrl?: string | null;
  /** Defaults to REDIS_KEY_PREFIX. */
  redisKeyPrefix?: string;
  /** Defaults to TRUSTED_PROXY_HOPS. */
  trustedProxyHops?: number;
  /** Defaults to the configured limits (tests run gateways with their own budgets). */
  limits?: Partial<RequestLimits>;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The request id comes from the request's scope: the client's `x-request-id` or `traceparent`, or a new one. Before
 * Apollo parses the operation, its work is bounded and charged to the caller's budget (refused here: 400 or 429).
 */
function contextFor(callers: CallerCache, limiter: RequestLimiter, trustedProxyHops: number) {
  return async (request: IncomingMessage, graphql: HTTPGraphQLRequest): Promise<GatewayContext> => {
    // The whole request, caller resolution included, is answered within REQUEST_TIMEOUT_MS.
    setDeadline(Date.now() + config().requestTimeoutMs);
    const scope = currentScope()!;
    const { requestId, log } = scope;
    const clientAddress = clientAddressOf(request, trustedProxyHops);
    try {
      const judgement = limiter.judge(graphql);
      const token = await verifyBearer(request.headers.authorization);
      const caller = token
        ? await resolveCaller(token, request.headers["x-organization-id"] as string | undefined, callers)
        : null;
      scope.organizationId = caller?.organizationId ?? null;
      const admission = await limiter.admit(judgement, budgetKey(caller, clientAddress));
      return { requestId, caller, clientAddress, log, admission, accessGrants: [] };
    } catch (error) {
      throw withHttpStatus(error);
    }
  };
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const urls = options.subgraphUrls ?? config().subgraphUrls;
  const callers = new CallerCache(options.callerCacheTtlMs ?? config().callerCacheTtlMs);
  const redisUrl = options.redisUrl === undefined ? config().redisUrl : options.redisUrl;
  const redisKeyPrefix = options.redisKeyPrefix ?? config().redisKeyPrefix;
  const directory = new DirectoryChanges(callers, redisUrl, `${redisKeyPrefix}directory-changed`);
  await directory.start();
  const limits = { ...config().limits, ...options.limits };
  const limiter = new RequestLimiter(
    buildSchema(apiSchemaSdl(options.supergraphSdl)),
    limits,
    budgetFor(limits, redisUrl, redisKeyPrefix),
  );
  enableTracing();
  const metrics = new ServiceMetrics("gateway");
  const fetchMetrics = new SubgraphFetchMetrics(metrics);
  // @apollo/gateway otherwise probes cloud metadata addresses (169.254.169.254: AWS, GCP, Azure) and sends usage
  // metrics to Apollo from every gateway it starts: nothing leaves for a third party unless an operator opts in
  // (APOLLO_TELEMETRY_DISABLED=false). Written, not read: the library reads it in its constructor.
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Signs the caller and the fetch's deadline into each fetch; a subgraph that fails nulls only its fields.
    // Node's fetch (undici), not make-fetch-happen's agent, which keeps idle sockets forever and never retries.
    buildService: ({ name, url }) => {
      const source = new SubgraphSource<GatewayContext>({
        name,
        url: urls[name as SubgraphName] ?? url,
        fetcher: observedSubgraphFetch(name, fetchMetrics, fetch),
      });
      // Identity's changes to who may act as what reach the caller cache before this request is answered.
      source.onResponse = (response) => directory.announce(response.extensions?.[DIRECTORY_CHANGED_EXTENSION]);
      return source;
    },
  });
  const introspection = introspectionSettings(config().introspection);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: introspection.introspection,
    // Shutdown is owned once, by stop() below (drain first); Apollo's own signal handlers raced it.
    stopOnTerminationSignals: false,
    plugins: [
      limitsPlugin<GatewayContext>(),
      operationChoicePlugin,
      observabilityPlugin<GatewayContext>(),
      ...introspection.plugins,
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
  const allowOrigin = cors(config().corsOrigins);
  const serveSchema = schemaRoute(config().introspection, options.supergraphSdl);
  const server = createHttpServer({
    service: "gateway",
    metrics,
    apollo,
    context: contextFor(callers, limiter, options.trustedProxyHops ?? config().trustedProxyHops),
    ready,
    intercept: async (request, response, url) => {
      if (allowOrigin(request, response)) return true;
      if (url.pathname !== "/schema.graphql") return false;
      await serveSchema(request, response);
      return true;
    },
  });
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
        await directory.stop();
        await limiter.stop();
        await flushTracing();
        if (!drained) throw new Error("the gateway cut requests still open after the drain timeout");
      })()),
  };
}
