import { CallerCache, DirectoryChanges, resolveCaller, verifyBearer } from "@partnergraph/gateway";
import {
  Caller,
  CONTEXT_HEADER,
  config,
  DIRECTORY_CHANGED_EXTENSION,
  listen,
  REQUEST_ID_HEADER,
  requestIdFrom,
  signContext,
  SubgraphName,
  SUBGRAPH_NAMES,
} from "@partnergraph/kit";
import { createServer, RequestListener } from "node:http";

/**
 * The little of @graphql-hive/gateway used here, typed by hand: its own declarations pull in lib.dom (through
 * @whatwg-node/fetch), which would retype `fetch` for every file type-checked with this one.
 */
interface HivePlugin {
  onContextBuilding?(payload: {
    context: { request: Request };
    extendContext: (extension: Record<string, unknown>) => void;
  }): Promise<void>;
  onSubgraphExecute?(payload: {
    executionRequest: { context?: CallerContext; extensions?: { headers?: Record<string, string> } };
  }): void | ((done: { result: unknown }) => void);
}
interface HiveRuntime extends RequestListener {
  dispose(): Promise<void>;
}
interface HiveGatewayModule {
  createGatewayRuntime(config: {
    supergraph: string;
    transportEntries: Record<string, { location: string }>;
    plugins: () => HivePlugin[];
    logging: string;
    landingPage: boolean;
    graphiql: boolean;
  }): HiveRuntime;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hive = require("@graphql-hive/gateway") as HiveGatewayModule;

export interface HiveGatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph is; defaults to the configured URLs (the supergraph's own are the default ports). */
  subgraphUrls?: Record<SubgraphName, string>;
  port?: number;
  host?: string;
}

export interface RunningHiveGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface CallerContext {
  partnergraph?: { requestId: string; caller: Caller | null };
}

/**
 * The per-request work our gateway does, as a Hive Gateway plugin built from the same pieces: verify the
 * bearer token, resolve the caller through identity behind the same caller cache (emptied by the directory
 * changes identity announces in its answers, as ours is), and forward the caller to every subgraph in the signed
 * context header.
 *
 * The header goes in the subgraph request's `extensions.headers`, not in an onFetch hook: Hive's HTTP executor
 * merges identical in-flight subgraph requests, keyed on URL and body, and on headers only when they come this
 * way. A header added in onFetch is not in the key, so two callers' requests with the same body (the same
 * customers' entities) would share one answer: the second caller would be served what the first may see.
 */
export function partnerGraphCallerPlugin(): HivePlugin {
  const callers = new CallerCache(config().callerCacheTtlMs);
  const directory = new DirectoryChanges(callers, null, "");
  return {
    async onContextBuilding({ context, extendContext }) {
      const headers = context.request.headers;
      const token = await verifyBearer(headers.get("authorization") ?? undefined);
      const caller = token ? await resolveCaller(token, headers.get("x-organization-id") ?? undefined, callers) : null;
      // The client's request id, as our gateway takes it, so a request is followed (and its statements counted) alike.
      const requestId = requestIdFrom({
        [REQUEST_ID_HEADER]: headers.get(REQUEST_ID_HEADER) ?? undefined,
        traceparent: headers.get("traceparent") ?? undefined,
      });
      extendContext({ partnergraph: { requestId, caller } });
    },
    onSubgraphExecute({ executionRequest }) {
      const forwarded = executionRequest.context?.partnergraph;
      if (!forwarded) return;
      const extensions = (executionRequest.extensions ??= {});
      extensions.headers = {
        ...extensions.headers,
        [CONTEXT_HEADER]: signContext({ ...forwarded, issuedAt: Date.now() }),
      };
      return ({ result }) =>
        directory.announce(
          (result as { extensions?: Record<string, unknown> })?.extensions?.[DIRECTORY_CHANGED_EXTENSION],
        );
    },
  };
}

/** Hive Gateway serving the committed supergraph over our subgraphs, on node:http. */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<RunningHiveGateway> {
  const urls = options.subgraphUrls ?? config().subgraphUrls;
  const gateway = hive.createGatewayRuntime({
    supergraph: options.supergraphSdl,
    transportEntries: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { location: urls[name] }])),
    plugins: () => [partnerGraphCallerPlugin()],
    logging: config().logLevel === "debug" ? "debug" : "error",
    landingPage: false,
    graphiql: false,
  });
  const server = createServer(gateway);
  const host = options.host ?? config().listenHost;
  const port = await listen(server, options.port ?? 0, host);
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}
