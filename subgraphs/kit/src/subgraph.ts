import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { GraphQLError, GraphQLSchema } from "graphql";
import type { IncomingMessage } from "node:http";
import type { DataSource, MixedList } from "typeorm";
import type { NonEmptyArray } from "type-graphql";
import { AccessDecision, accessGrantPlugin, DataArea, remoteAccessDecision, verifiedAccessGrant } from "./access";
import { CONTEXT_HEADER, verifyContext } from "./caller";
import { config, SubgraphName } from "./config";
import { RequestContext } from "./context";
import { openDatabase, QueryCounter, statementsRoute } from "./database";
import { startWithin } from "./deadline";
import { directoryChangesPlugin } from "./directory";
import { drainServer } from "./drain";
import { formatError } from "./errors";
import { buildSubgraph, ReferenceResolvers } from "./federation";
import { createHttpServer, listen } from "./http";
import type { InternalRoutes } from "./internal";
import { observabilityPlugin } from "./observability/apollo-plugin";
import { watchDatabase, watchOutbox } from "./observability/database-metrics";
import { ServiceMetrics } from "./observability/metrics";
import { isAcceptableRequestId } from "./observability/request-id";
import { currentScope } from "./observability/scope";
import { traceSql } from "./observability/sql-spans";
import { startDayRetention } from "./day-retention";
import { startEventPruning } from "./event-pruning";
import { REMINDER_LEDGER_RETENTION, ReminderSent } from "./reminders";
import { enableTracing, flushTracing } from "./observability/tracing";
import { AppliedEvent, EventHandler, eventRoutes, EventSubscriptions, OutboxEvent, registerRelay } from "./outbox";
import { OutboxRelay } from "./outbox-relay";

export interface SubgraphDefinition {
  name: SubgraphName;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  /** Signed routes other services call (POST /internal/<name>). */
  internalRoutes?: (dataSource: DataSource) => InternalRoutes;
  /** Who answers "may partner P see customer C": connections decides locally; others ask it. */
  accessDecision?: (dataSource: DataSource) => AccessDecision;
  /** Cross-subgraph events: what this subgraph publishes (type → subscribers) and what it consumes. */
  events?: { publishes?: EventSubscriptions; handlers?: Record<string, EventHandler> };
  /** Work after the database is open and before the port opens (reference data, relays). Returns a stopper. */
  onStart?: (dataSource: DataSource) => Promise<(() => Promise<void>) | void>;
}

/** The subgraph's tables: its own, plus the outbox and the applied-event log when it uses events. */
export function subgraphEntities(definition: SubgraphDefinition): Function[] {
  return [
    ...(definition.entities as Function[]),
    ...(definition.events?.publishes ? [OutboxEvent] : []),
    ...(definition.events?.handlers ? [AppliedEvent] : []),
  ];
}

/** Opens a subgraph's own database with its tables (migrated to the latest on MySQL unless told not to). */
export function openSubgraphDatabase(definition: SubgraphDefinition, runMigrations?: boolean) {
  return openDatabase({
    name: definition.name,
    entities: subgraphEntities(definition),
    migrations: definition.migrations,
    runMigrations,
  });
}

export interface StartOptions {
  port?: number;
  host?: string;
  /** false when the database was migrated up front. */
  runMigrations?: boolean;
  /** How often the outbox relay looks for undelivered events. */
  relayIntervalMs?: number;
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  port: number;
  schema: GraphQLSchema;
  dataSource: DataSource;
  queries: QueryCounter;
  /** Its Prometheus series (served at /metrics). */
  metrics: ServiceMetrics;
  /** The outbox relay, when this subgraph publishes events. */
  relay: OutboxRelay | null;
  stop(): Promise<void>;
}

const schemas = new Map<SubgraphDefinition, Promise<GraphQLSchema>>();
/** The subgraph's schema, built once per process. */
export function subgraphSchema(definition: SubgraphDefinition): Promise<GraphQLSchema> {
  let schema = schemas.get(definition);
  if (!schema) {
    schema = buildSubgraph(
      { resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes },
      definition.references,
    );
    schemas.set(definition, schema);
  }
  return schema;
}

function refused(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}

/** Opens the database, builds the schema and serves it over HTTP. */
export async function startSubgraph(
  definition: SubgraphDefinition,
  options: StartOptions = {},
): Promise<RunningSubgraph> {
  const schema = await subgraphSchema(definition);
  const { dataSource, queries } = await openDatabase({
    name: definition.name,
    entities: subgraphEntities(definition),
    migrations: definition.migrations,
    runMigrations: options.runMigrations,
  });
  enableTracing();
  traceSql(definition.name, dataSource);
  const metrics = new ServiceMetrics(definition.name);
  watchDatabase(metrics, dataSource);
  if (definition.events?.publishes) watchOutbox(metrics, dataSource);
  const stopWorkers = await definition.onStart?.(dataSource);
  const relay = definition.events?.publishes
    ? new OutboxRelay(dataSource, { intervalMs: options.relayIntervalMs }).start()
    : null;
  if (relay) registerRelay(dataSource, relay);
  const stopPruning = definition.events ? startEventPruning(dataSource) : null;
  const stopLedgerRetention = dataSource.hasMetadata(ReminderSent)
    ? startDayRetention(dataSource, REMINDER_LEDGER_RETENTION)
    : null;
  const accessDecision = definition.accessDecision?.(dataSource) ?? remoteAccessDecision;

  // Subgraphs are never trusted to be reached only through the gateway: no signed context, no answer.
  const context = async (request: IncomingMessage) => {
    const forwarded = verifyContext(request.headers[CONTEXT_HEADER] as string | undefined);
    if (!forwarded) throw refused("This service answers only requests forwarded by the gateway");
    if (forwarded.deadline !== undefined) startWithin(forwarded.deadline, definition.name);
    const scope = currentScope()!;
    if (isAcceptableRequestId(forwarded.requestId)) scope.adopt(forwarded.requestId);
    scope.organizationId = forwarded.caller?.organizationId ?? null;
    const partnerId = forwarded.caller?.organizationId;
    // What connections vouched for earlier in this request: merged, each grant verified on its own.
    const granted = new Map<string, DataArea[]>();
    if (partnerId)
      for (const grant of forwarded.accessGrants ?? [])
        for (const [customerId, areas] of verifiedAccessGrant(grant, { requestId: scope.requestId, partnerId }))
          granted.set(customerId, areas);
    return new RequestContext(scope.requestId, forwarded.caller, dataSource, accessDecision, granted);
  };

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: config().nodeEnv !== "production",
    // Shutdown is owned once, by stop() below (drain first); Apollo's own signal handlers raced it and hung.
    stopOnTerminationSignals: false,
    // No Apollo Studio here: federated tracing would only add bytes to every response.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No response is cacheable (no @cacheControl hints anywhere, the gateway sends no-store): the default plugin
      // only hooked every resolved field (a cache policy object each), the one per-field hook in the subgraphs.
      ApolloServerPluginCacheControlDisabled(),
      // Tells the gateway whose cached caller a request changed (identity's grants, memberships, sign-up).
      directoryChangesPlugin,
      // Tells the gateway which customers connections found connected, for the request's later fetches.
      accessGrantPlugin,
      observabilityPlugin<RequestContext>(),
    ],
  });
  const internalRoutes = {
    ...statementsRoute(queries),
    ...definition.internalRoutes?.(dataSource),
    ...(definition.events?.handlers ? eventRoutes(dataSource, definition.events.handlers) : {}),
  };
  const server = createHttpServer({ service: definition.name, metrics, apollo, context, internalRoutes });
  await apollo.start();
  const host = options.host ?? config().listenHost;
  const port = await listen(server, options.port ?? 0, host);
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/graphql`;

  let stopped: Promise<void> | null = null;
  return {
    name: definition.name,
    url,
    port,
    schema,
    dataSource,
    queries,
    metrics,
    relay,
    stop: () =>
      (stopped ??= (async () => {
        // Readiness fails and the port closes at once; accepted requests are answered; then workers and pools.
        const drained = await drainServer(server, config().drainTimeoutMs, definition.name);
        await apollo.stop();
        await relay?.stop();
        await stopPruning?.();
        await stopLedgerRetention?.();
        await stopWorkers?.();
        await dataSource.destroy();
        await flushTracing();
        if (!drained) throw new Error(`${definition.name} cut requests still open after the drain timeout`);
      })()),
  };
}
