// The one place that reads process.env: every setting is parsed and validated here, once.
export interface Config {
  nodeEnv: "development" | "test" | "production";
  /** mysql://user:pass@host:port — each subgraph uses its own database on this server. Unset: embedded sql.js. */
  databaseUrl: string | null;
  /** Prefix of the per-subgraph database names: `${prefix}identity`, … */
  databasePrefix: string;
  /** HMAC secret the gateway signs forwarded request contexts with; subgraphs verify it. */
  internalSecret: string;
  /** HS256 secret for development tokens. */
  jwtSecret: string | null;
  /** The identity provider's key set (RS256, PS256 or ES256 tokens; production). */
  jwksUrl: string | null;
  /** Required with jwksUrl (the provider signs other applications' tokens with the same keys); optional for HS256. */
  jwtIssuer: string | null;
  jwtAudience: string | null;
  /** The claim holding the person's email (providers whose access tokens name it otherwise, e.g. a namespaced one). */
  jwtEmailClaim: string;
  /** The vendor's own organization. */
  vendorOrganizationId: string;
  /** People who become vendor administrators when they first sign in. */
  vendorAdminEmails: string[];
  /** Base URL of the partner portal, used in invitation links. */
  portalUrl: string;
  /** The identity provider the portal signs people in with in production (authorization code + PKCE). */
  oidc: { issuer: string; clientId: string; scope: string } | null;
  port: number;
  /** Address servers listen on: loopback by default, 0.0.0.0 in containers. */
  listenHost: string;
  /** Where the gateway and subgraphs find each other when run as separate processes. */
  subgraphUrls: Record<SubgraphName, string>;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** On SIGTERM: how long accepted requests may take to be answered before the rest are cut. */
  drainTimeoutMs: number;
  /** The most a whole request may take at the gateway; each subgraph fetch gets a share of what is left. */
  requestTimeoutMs: number;
  /** The most a call to another service may take outside any request (the outbox relay, timers). */
  internalCallTimeoutMs: number;
  /** How long the gateway reuses a resolved caller (0: never); identity's changes drop entries at once. */
  callerCacheTtlMs: number;
  /**
   * The gateway's V8 heap grows to its live size times (1 + this/100) before a full collection (0: V8's own factor,
   * up to 4×, which let a 60 MB live heap reach 330 MB of RSS under load). See gateway/src/heap.ts.
   */
  heapGrowingPercent: number;
  /** Redis shared by the gateway replicas (directory changes reach every replica). Unset: each gateway alone. */
  redisUrl: string | null;
  /** Prefix of every key and channel the gateway uses in Redis. */
  redisKeyPrefix: string;
  /** OTLP/HTTP collector (e.g. http://127.0.0.1:4318): traces go to `${it}/v1/traces`. Unset: tracing off. */
  otelExporterEndpoint: string | null;
  /** Tests: the randomized tenancy test's seed (a number, or "random" for a new one each run); null: its fixed seed. */
  tenancySeed: number | "random" | null;
  /** Who may introspect the gateway, open Sandbox and read /schema.graphql: anyone, signed-in callers, or nobody. */
  introspection: "on" | "signed-in" | "off";
  /** Browser origins the gateway answers (CORS); the gateway's own origin always. */
  corsOrigins: string[];
  /**
   * How many proxies the operator runs in front of the gateway (each appends to X-Forwarded-For): the client address
   * anonymous budgets are kept by is read that many entries from the right. 0: the connection's peer, header ignored.
   */
  trustedProxyHops: number;
  /** The gateway's bounds on one request's work and each organization's budget (README, "Limits"). */
  limits: RequestLimits;
  /**
   * Encrypts webhook signing secrets at rest (AES-256-GCM under a key derived from it). Null only in production
   * when unset: the webhooks service then refuses to start; the others do not need it.
   */
  webhookSecretKey: string | null;
  /** The most one webhook delivery attempt may take. */
  webhookTimeoutMs: number;
  /** How many deliveries to one endpoint a dispatcher sends at a time. */
  webhookConcurrency: number;
  /** First retry delay of a failed delivery; doubled per attempt (with jitter), for 24 hours. */
  webhookRetryBaseMs: number;
  /**
   * How long a dispatcher's claim on the deliveries it is sending holds: a replica that died mid-pass has its
   * deliveries sent by another after it. Longer than one attempt (WEBHOOK_TIMEOUT_MS), or a live pass is overtaken.
   */
  webhookClaimLeaseMs: number;
  /** How long received events are kept for replays (replayWebhook reaches back this far). */
  webhookEventRetentionDays: number;
  /**
   * How long the delivery log (deliveries and their attempts) is kept: at least as long as the received events, since
   * a replay finds an event through its first delivery.
   */
  webhookDeliveryRetentionDays: number;
  /**
   * How long delivered outbox events and applied-event records are kept. An applied-event record is what makes a
   * redelivery harmless, so this must outlast any redelivery (the relay retries within seconds).
   */
  eventRetentionSeconds: number;
  /** How often each service prunes its event tables (bounded batches per pass). */
  eventPruneIntervalMs: number;
  /**
   * How long a bulk job runner's claim on a job lasts without renewal (it renews before each item): how long a job
   * whose process died waits before another one goes on with it.
   */
  bulkJobLeaseMs: number;
  /** How long a finished bulk job (with its items) is kept. */
  bulkJobRetentionDays: number;
  /** How long an organization's notifications (with their dismissals) are kept. */
  notificationRetentionDays: number;
  /** How long the audit trail keeps an entry: at least 400 days (a shorter setting is refused at start-up). */
  auditRetentionDays: number;
}

/** What the gateway refuses before any subgraph is asked, and how much work each organization may ask for. */
export interface RequestLimits {
  maxAliases: number;
  maxDepth: number;
  maxTokens: number;
  maxDirectives: number;
  /** The most one request may cost (each object 1, each list its `first` times its children). */
  maxCost: number;
  /** How many items a list without a `first` argument is counted as. */
  listSize: number;
  /** Each organization's (or anonymous client address's) budget of cost per minute, a leaky bucket; 0: no rate limit. */
  costPerMinute: number;
}

/** Every subgraph of this repository and its local port, in start order (`npm run new:subgraph` adds one). */
export const SUBGRAPH_PORTS = {
  identity: 4001,
  connections: 4002,
  entitlements: 4003,
  support: 4004,
  webhooks: 4005,
  audit: 4006,
} as const;
export type SubgraphName = keyof typeof SUBGRAPH_PORTS;
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPH_PORTS) as readonly SubgraphName[];
export const DEFAULT_PORTS: Record<SubgraphName | "gateway", number> = { gateway: 4000, ...SUBGRAPH_PORTS };

const DEV_SECRET = "partnergraph-development-secret-do-not-use-in-production";
/** Shorter HMAC secrets can be guessed offline from one signed header. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

export class ConfigError extends Error {}

function read(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/** Comma-separated browser origins (scheme://host[:port], nothing after), normalized. */
function readOrigins(env: NodeJS.ProcessEnv, name: string, fallback: string[]): string[] {
  const raw = read(env, name);
  if (raw === null) return fallback;
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let origin: string | null = null;
      try {
        origin = new URL(entry).origin;
      } catch {
        // reported below
      }
      if (!origin || origin === "null" || origin !== entry.replace(/\/$/, ""))
        throw new ConfigError(`${name} holds origins such as https://portal.example.com, got "${entry}"`);
      return origin;
    });
}

function readMilliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = read(env, name);
  if (raw === null) return fallback;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < min || ms > 3_600_000)
    throw new ConfigError(`${name} must be a whole number of milliseconds from ${min} to 3600000, got "${raw}"`);
  return ms;
}

function readCount(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = read(env, name);
  if (raw === null) return fallback;
  const count = Number(raw);
  if (!Number.isSafeInteger(count) || count < min)
    throw new ConfigError(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return count;
}

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = read(env, name);
  if (raw === null) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`${name} must be a port number, got "${raw}"`);
  return port;
}

/** Production never runs on the development secret (it is in this repository) or on a short one. */
function refuseWeakSecret(name: string, value: string) {
  if (value === DEV_SECRET) throw new ConfigError(`${name} is the development secret: set a secret of your own`);
  if (value.length < MIN_PRODUCTION_SECRET_LENGTH)
    throw new ConfigError(`${name} must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`);
}

function readSeed(env: NodeJS.ProcessEnv, name: string): number | "random" | null {
  const raw = read(env, name);
  if (raw === null || raw === "random") return raw;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new ConfigError(`${name} must be an integer or "random", got "${raw}"`);
  return seed;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = (read(env, "NODE_ENV") ?? "development") as Config["nodeEnv"];
  if (!["development", "test", "production"].includes(nodeEnv))
    throw new ConfigError(`NODE_ENV must be development, test or production`);
  const databaseUrl = read(env, "DATABASE_URL");
  if (databaseUrl !== null && !/^mysql:\/\//.test(databaseUrl))
    throw new ConfigError(`DATABASE_URL must be a mysql:// URL`);
  const production = nodeEnv === "production";
  const internalSecret = read(env, "INTERNAL_SECRET") ?? (production ? null : DEV_SECRET);
  if (!internalSecret) throw new ConfigError("INTERNAL_SECRET is required in production");
  const jwksUrl = read(env, "JWKS_URL");
  const jwtSecret = read(env, "JWT_SECRET") ?? (production ? null : DEV_SECRET);
  if (!jwtSecret && !jwksUrl) throw new ConfigError("JWT_SECRET or JWKS_URL is required");
  if (production) {
    refuseWeakSecret("INTERNAL_SECRET", internalSecret);
    if (jwtSecret) refuseWeakSecret("JWT_SECRET", jwtSecret);
  }
  const webhookSecretKey = read(env, "WEBHOOK_SECRET_KEY") ?? (production ? null : DEV_SECRET);
  if (production && webhookSecretKey) refuseWeakSecret("WEBHOOK_SECRET_KEY", webhookSecretKey);
  const webhookConcurrency = Number(read(env, "WEBHOOK_CONCURRENCY") ?? 4);
  if (!Number.isInteger(webhookConcurrency) || webhookConcurrency < 1 || webhookConcurrency > 64)
    throw new ConfigError("WEBHOOK_CONCURRENCY must be a whole number from 1 to 64");
  const webhookTimeoutMs = readMilliseconds(env, "WEBHOOK_TIMEOUT_MS", 10_000, 100);
  const webhookClaimLeaseMs = readCount(env, "WEBHOOK_CLAIM_LEASE_SECONDS", 300) * 1000;
  if (webhookClaimLeaseMs <= webhookTimeoutMs)
    throw new ConfigError("WEBHOOK_CLAIM_LEASE_SECONDS must be longer than one attempt (WEBHOOK_TIMEOUT_MS)");
  const webhookEventRetentionDays = readCount(
    env,
    "WEBHOOK_EVENT_RETENTION_DAYS",
    DEFAULT_WEBHOOK_EVENT_RETENTION_DAYS,
    MIN_WEBHOOK_EVENT_RETENTION_DAYS,
  );
  const prefix = read(env, "DATABASE_PREFIX") ?? "partnergraph_";
  if (!/^[a-z0-9_]{1,40}$/.test(prefix)) throw new ConfigError("DATABASE_PREFIX may hold only a-z, 0-9 and _");
  // Tests keep errors: a masked INTERNAL_SERVER_ERROR in a test run is only explainable by its logged stack.
  const logLevel = (read(env, "LOG_LEVEL") ?? (nodeEnv === "test" ? "error" : "info")) as Config["logLevel"];
  const redisUrl = read(env, "REDIS_URL");
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError("REDIS_URL must be a redis:// URL");
  if (!["debug", "info", "warn", "error", "silent"].includes(logLevel))
    throw new ConfigError("LOG_LEVEL must be debug, info, warn, error or silent");
  const otelExporterEndpoint = read(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
  if (otelExporterEndpoint !== null && !/^https?:\/\/[^\s]+$/.test(otelExporterEndpoint))
    throw new ConfigError("OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL");
  const introspection = (read(env, "INTROSPECTION") ?? (production ? "off" : "on")) as Config["introspection"];
  if (!["on", "signed-in", "off"].includes(introspection))
    throw new ConfigError("INTROSPECTION must be on, signed-in or off");
  const portalUrl = (read(env, "PORTAL_URL") ?? "http://localhost:3000").replace(/\/$/, "");
  if (!URL.canParse(portalUrl)) throw new ConfigError(`PORTAL_URL must be a URL, got "${portalUrl}"`);
  const oidcIssuer = read(env, "OIDC_ISSUER");
  const oidcClientId = read(env, "OIDC_CLIENT_ID");
  if ((oidcIssuer === null) !== (oidcClientId === null))
    throw new ConfigError("OIDC_ISSUER and OIDC_CLIENT_ID are set together or not at all");
  if (oidcIssuer !== null && !/^https?:\/\/[^\s]+$/.test(oidcIssuer))
    throw new ConfigError("OIDC_ISSUER must be a URL");
  // The provider's issuer is the portal's sign-in issuer unless told otherwise.
  const jwtIssuer = read(env, "JWT_ISSUER") ?? (jwksUrl ? oidcIssuer?.replace(/\/$/, "") : null) ?? null;
  const jwtAudience = read(env, "JWT_AUDIENCE");
  // Without both, a token the provider issued to any other of its applications would be let in.
  if (jwksUrl && (!jwtIssuer || !jwtAudience))
    throw new ConfigError("JWKS_URL needs JWT_AUDIENCE and JWT_ISSUER (or OIDC_ISSUER): the tokens this API accepts");
  const host = read(env, "SUBGRAPH_HOST") ?? "127.0.0.1";
  const url = (name: SubgraphName) =>
    read(env, `${name.toUpperCase()}_URL`) ??
    `http://${host}:${readPort(env, `${name.toUpperCase()}_PORT`, DEFAULT_PORTS[name])}/graphql`;
  const limits: RequestLimits = {
    maxAliases: readCount(env, "MAX_ALIASES", 30),
    maxDepth: readCount(env, "MAX_DEPTH", 12),
    maxTokens: readCount(env, "MAX_TOKENS", 5_000),
    maxDirectives: readCount(env, "MAX_DIRECTIVES", 50),
    maxCost: readCount(env, "MAX_COST", 25_000),
    listSize: readCount(env, "LIST_SIZE", 10),
    costPerMinute: readCount(env, "RATE_LIMIT_COST_PER_MINUTE", 1_000_000, 0),
  };
  // A request the bucket could never hold would be refused forever.
  if (limits.costPerMinute > 0 && limits.costPerMinute < limits.maxCost)
    throw new ConfigError("RATE_LIMIT_COST_PER_MINUTE must be 0 (off) or at least MAX_COST");
  return {
    nodeEnv,
    databaseUrl,
    databasePrefix: prefix,
    internalSecret,
    jwtSecret,
    jwksUrl,
    jwtIssuer,
    jwtAudience,
    jwtEmailClaim: read(env, "JWT_EMAIL_CLAIM") ?? "email",
    vendorOrganizationId: read(env, "VENDOR_ORGANIZATION_ID") ?? "ORG-VENDOR0001",
    vendorAdminEmails: (read(env, "VENDOR_ADMIN_EMAILS") ?? "")
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
    portalUrl,
    oidc:
      oidcIssuer && oidcClientId
        ? {
            issuer: oidcIssuer.replace(/\/$/, ""),
            clientId: oidcClientId,
            scope: read(env, "OIDC_SCOPE") ?? "openid profile email",
          }
        : null,
    port: readPort(env, "PORT", DEFAULT_PORTS.gateway),
    listenHost: read(env, "LISTEN_HOST") ?? "127.0.0.1",
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, url(name)])) as Record<SubgraphName, string>,
    tenancySeed: readSeed(env, "TENANCY_SEED"),
    logLevel,
    drainTimeoutMs: readMilliseconds(env, "DRAIN_TIMEOUT_MS", 15_000, 1),
    requestTimeoutMs: readMilliseconds(env, "REQUEST_TIMEOUT_MS", 10_000, 100),
    internalCallTimeoutMs: readMilliseconds(env, "INTERNAL_CALL_TIMEOUT_MS", 5_000, 100),
    callerCacheTtlMs: readMilliseconds(env, "CALLER_CACHE_TTL_MS", 5_000, 0),
    heapGrowingPercent: readCount(env, "HEAP_GROWING_PERCENT", 50, 0),
    redisUrl,
    redisKeyPrefix: read(env, "REDIS_KEY_PREFIX") ?? "partnergraph:",
    otelExporterEndpoint,
    introspection,
    // The portal's origin in development; production names its origins.
    corsOrigins: readOrigins(env, "CORS_ORIGINS", production ? [] : [new URL(portalUrl).origin]),
    trustedProxyHops: readCount(env, "TRUSTED_PROXY_HOPS", 0, 0),
    limits,
    webhookSecretKey,
    webhookTimeoutMs,
    webhookConcurrency,
    webhookRetryBaseMs: readMilliseconds(env, "WEBHOOK_RETRY_BASE_MS", 10_000, 1),
    webhookClaimLeaseMs,
    webhookEventRetentionDays,
    webhookDeliveryRetentionDays: readDeliveryRetentionDays(env, webhookEventRetentionDays),
    eventRetentionSeconds: readCount(env, "EVENT_RETENTION_SECONDS", 7 * 24 * 3600),
    eventPruneIntervalMs: readMilliseconds(env, "EVENT_PRUNE_INTERVAL_MS", 60_000, 100),
    bulkJobLeaseMs: readMilliseconds(env, "BULK_JOB_LEASE_MS", 15_000, 1_000),
    bulkJobRetentionDays: readCount(env, "BULK_JOB_RETENTION_DAYS", DEFAULT_BULK_JOB_RETENTION_DAYS),
    notificationRetentionDays: readCount(
      env,
      "NOTIFICATION_RETENTION_DAYS",
      DEFAULT_NOTIFICATION_RETENTION_DAYS,
      MIN_NOTIFICATION_RETENTION_DAYS,
    ),
    auditRetentionDays: readCount(env, "AUDIT_RETENTION_DAYS", MIN_AUDIT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS),
  };
}

/**
 * Received webhook events are kept 30 days for replays unless told otherwise: a receiver that lost a month can still
 * catch up, and the table stays bounded (events arrive with every change of every organization). Never under 2
 * days: a delivery is retried for 24 hours and must still find its event.
 */
export const DEFAULT_WEBHOOK_EVENT_RETENTION_DAYS = 30;
export const MIN_WEBHOOK_EVENT_RETENTION_DAYS = 2;

/** The delivery log is kept as long as the received events unless told longer; shorter is refused. */
function readDeliveryRetentionDays(env: NodeJS.ProcessEnv, eventRetentionDays: number): number {
  const days = readCount(env, "WEBHOOK_DELIVERY_RETENTION_DAYS", eventRetentionDays);
  if (days < eventRetentionDays)
    throw new ConfigError(
      `WEBHOOK_DELIVERY_RETENTION_DAYS must be at least WEBHOOK_EVENT_RETENTION_DAYS (${eventRetentionDays}), got ` +
        `"${days}": a replay finds an event through its first delivery`,
    );
  return days;
}

/**
 * A finished bulk job (up to 1,000 items) is kept 90 days for its organization to read its outcome; then it goes
 * with its items, and its idempotency key starts a new job.
 */
export const DEFAULT_BULK_JOB_RETENTION_DAYS = 90;

/**
 * Notifications are made for every event an organization hears of (connections, expiries, tickets, price notices to
 * every holder), so they are kept two years unless told otherwise; never under 30 days, so a notice is seen.
 */
export const DEFAULT_NOTIFICATION_RETENTION_DAYS = 730;
export const MIN_NOTIFICATION_RETENTION_DAYS = 30;

/** Audit entries are kept at least this long (issue 13: more than a year, against the 90 days portals keep). */
export const MIN_AUDIT_RETENTION_DAYS = 400;

let current: Config | null = null;
/** The process's configuration, read on first use. */
export function config(): Config {
  return (current ??= loadConfig());
}
/** Tests and the launcher may replace it (e.g. after choosing free ports). */
export function setConfig(next: Partial<Config>): Config {
  current = { ...config(), ...next };
  return current;
}
