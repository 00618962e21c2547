import { ConfigError, loadConfig } from "../src/config";

const strong = "s3cr3t-".padEnd(40, "x");
const production = { NODE_ENV: "production", INTERNAL_SECRET: strong, JWT_SECRET: strong.toUpperCase() };
const provider = { JWKS_URL: "https://idp/jwks", JWT_ISSUER: "https://idp", JWT_AUDIENCE: "partnergraph" };

describe("production refuses development secrets", () => {
  it("starts with secrets of its own", () => {
    expect(loadConfig(production).nodeEnv).toBe("production");
    expect(loadConfig({ ...provider, NODE_ENV: "production", INTERNAL_SECRET: strong }).jwtSecret).toBe(null);
  });

  it.each([
    ["no INTERNAL_SECRET", { INTERNAL_SECRET: "" }, /INTERNAL_SECRET is required/],
    ["no JWT_SECRET nor JWKS_URL", { JWT_SECRET: "" }, /JWT_SECRET or JWKS_URL/],
    ["the development INTERNAL_SECRET", { INTERNAL_SECRET: devSecret() }, /INTERNAL_SECRET is the development secret/],
    ["the development JWT_SECRET", { JWT_SECRET: devSecret() }, /JWT_SECRET is the development secret/],
    [
      "a short INTERNAL_SECRET",
      { INTERNAL_SECRET: "change-me-internal-secret" },
      /INTERNAL_SECRET must be at least 32/,
    ],
    ["a short JWT_SECRET", { JWT_SECRET: "change-me-jwt-secret" }, /JWT_SECRET must be at least 32/],
    [
      "the development WEBHOOK_SECRET_KEY",
      { WEBHOOK_SECRET_KEY: devSecret() },
      /WEBHOOK_SECRET_KEY is the development secret/,
    ],
    ["a short WEBHOOK_SECRET_KEY", { WEBHOOK_SECRET_KEY: "change-me" }, /WEBHOOK_SECRET_KEY must be at least 32/],
  ])("refuses %s", (_, override, message) => {
    expect(() => loadConfig({ ...production, ...override })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, ...override })).toThrow(message);
  });

  it("lets development and tests run on the development secret", () => {
    expect(loadConfig({ NODE_ENV: "development" }).internalSecret).toBe(devSecret());
    expect(loadConfig({ NODE_ENV: "test" }).jwtSecret).toBe(devSecret());
  });
});

/** The development default, as the configuration hands it out outside production. */
function devSecret(): string {
  return loadConfig({ NODE_ENV: "development" }).internalSecret;
}

describe("introspection and browser origins", () => {
  it("keeps the schema to nobody and browsers out in production unless told", () => {
    expect(loadConfig(production)).toMatchObject({ introspection: "off", corsOrigins: [] });
    expect(
      loadConfig({ ...production, INTROSPECTION: "signed-in", CORS_ORIGINS: "https://portal.example.com/" }),
    ).toMatchObject({ introspection: "signed-in", corsOrigins: ["https://portal.example.com"] });
  });

  it("opens both to the developer, the portal's origin included", () => {
    expect(loadConfig({ NODE_ENV: "development", PORTAL_URL: "http://localhost:5173/app" })).toMatchObject({
      introspection: "on",
      corsOrigins: ["http://localhost:5173"],
    });
  });

  it.each([
    ["an unknown INTROSPECTION", { INTROSPECTION: "maybe" }, /INTROSPECTION must be on, signed-in or off/],
    ["an origin with a path", { CORS_ORIGINS: "https://portal.example.com/app" }, /CORS_ORIGINS holds origins/],
    ["an origin without a scheme", { CORS_ORIGINS: "portal.example.com" }, /CORS_ORIGINS holds origins/],
  ])("refuses %s", (_, override, message) => {
    expect(() => loadConfig({ ...production, ...override })).toThrow(message);
  });
});

describe("the portal's sign-in", () => {
  it("names the identity provider, its client and the scopes (issuer without a trailing slash)", () => {
    expect(
      loadConfig({ NODE_ENV: "development", OIDC_ISSUER: "https://id.example.com/", OIDC_CLIENT_ID: "portal" }).oidc,
    ).toEqual({ issuer: "https://id.example.com", clientId: "portal", scope: "openid profile email" });
    expect(loadConfig({ NODE_ENV: "development" }).oidc).toBeNull();
  });

  it.each([
    ["an issuer without a client", { OIDC_ISSUER: "https://id.example.com" }, /set together/],
    ["a client without an issuer", { OIDC_CLIENT_ID: "portal" }, /set together/],
    [
      "an issuer that is not a URL",
      { OIDC_ISSUER: "id.example.com", OIDC_CLIENT_ID: "portal" },
      /OIDC_ISSUER must be a URL/,
    ],
  ])("refuses %s", (_, override, message) => {
    expect(() => loadConfig({ NODE_ENV: "development", ...override })).toThrow(message);
  });
});

describe("tokens of an identity provider (JWKS_URL)", () => {
  it("takes the issuer from OIDC_ISSUER unless JWT_ISSUER names it, and the email from JWT_EMAIL_CLAIM", () => {
    const sameProvider = { JWKS_URL: "https://id.example.com/jwks", JWT_AUDIENCE: "partnergraph" };
    const signIn = { OIDC_ISSUER: "https://id.example.com/", OIDC_CLIENT_ID: "portal" };
    expect(loadConfig({ ...production, ...sameProvider, ...signIn })).toMatchObject({
      jwtIssuer: "https://id.example.com",
      jwtAudience: "partnergraph",
      jwtEmailClaim: "email",
    });
    expect(
      loadConfig({ ...production, ...provider, ...signIn, JWT_EMAIL_CLAIM: "https://partnergraph/email" }),
    ).toMatchObject({ jwtIssuer: "https://idp", jwtEmailClaim: "https://partnergraph/email" });
  });

  it.each([
    ["no audience", { ...provider, JWT_AUDIENCE: "" }],
    ["no issuer", { ...provider, JWT_ISSUER: "" }],
  ])("refuses %s: the provider signs its other applications' tokens with the same keys", (_, override) => {
    expect(() => loadConfig({ ...production, ...override })).toThrow(/JWKS_URL needs JWT_AUDIENCE and JWT_ISSUER/);
  });
});

describe("retention in days", () => {
  const dev = { NODE_ENV: "development" };
  // what, variable, field, default, a value taken, the least taken
  it.each([
    ["audit entries: 400 days unless told longer", "AUDIT_RETENTION_DAYS", "auditRetentionDays", 400, 730, 400],
    ["finished bulk jobs: 90 days, at least a day", "BULK_JOB_RETENTION_DAYS", "bulkJobRetentionDays", 90, 7, 1],
    [
      "notifications: two years, never under 30 days",
      "NOTIFICATION_RETENTION_DAYS",
      "notificationRetentionDays",
      730,
      90,
      30,
    ],
    [
      "received webhook events: 30 days, never under 2 (a delivery is retried for a day)",
      "WEBHOOK_EVENT_RETENTION_DAYS",
      "webhookEventRetentionDays",
      30,
      7,
      2,
    ],
  ] as const)("keeps %s", (_what, variable, field, fallback, taken, least) => {
    expect(loadConfig(dev)[field]).toBe(fallback);
    expect(loadConfig({ ...dev, [variable]: String(taken) })[field]).toBe(taken);
    expect(() => loadConfig({ ...dev, [variable]: String(least - 1) })).toThrow(
      new RegExp(`${variable} must be a whole number of at least ${least}`),
    );
  });
});

describe("webhooks' replay store and claim lease", () => {
  const dev = { NODE_ENV: "development" };

  it("keeps the delivery log as long as the events unless told longer, never shorter (replays find events by it)", () => {
    expect(loadConfig(dev).webhookDeliveryRetentionDays).toBe(30);
    expect(loadConfig({ ...dev, WEBHOOK_EVENT_RETENTION_DAYS: "7" }).webhookDeliveryRetentionDays).toBe(7);
    expect(loadConfig({ ...dev, WEBHOOK_DELIVERY_RETENTION_DAYS: "90" }).webhookDeliveryRetentionDays).toBe(90);
    expect(() => loadConfig({ ...dev, WEBHOOK_DELIVERY_RETENTION_DAYS: "7" })).toThrow(
      /WEBHOOK_DELIVERY_RETENTION_DAYS must be at least WEBHOOK_EVENT_RETENTION_DAYS \(30\), got "7"/,
    );
    expect(() => loadConfig({ ...dev, WEBHOOK_DELIVERY_RETENTION_DAYS: "soon" })).toThrow(
      /WEBHOOK_DELIVERY_RETENTION_DAYS must be a whole number/,
    );
  });

  it("holds a dispatcher's claim 5 minutes unless told otherwise, and always longer than one attempt", () => {
    expect(loadConfig(dev).webhookClaimLeaseMs).toBe(300_000);
    expect(loadConfig({ ...dev, WEBHOOK_CLAIM_LEASE_SECONDS: "30" }).webhookClaimLeaseMs).toBe(30_000);
    expect(() => loadConfig({ ...dev, WEBHOOK_CLAIM_LEASE_SECONDS: "10" })).toThrow(
      /WEBHOOK_CLAIM_LEASE_SECONDS must be longer than one attempt/,
    );
    expect(
      loadConfig({ ...dev, WEBHOOK_CLAIM_LEASE_SECONDS: "2", WEBHOOK_TIMEOUT_MS: "1000" }).webhookClaimLeaseMs,
    ).toBe(2000);
    expect(() => loadConfig({ ...dev, WEBHOOK_CLAIM_LEASE_SECONDS: "0" })).toThrow(ConfigError);
  });
});

describe("the gateway's heap growth", () => {
  it("grows the heap to 1.5 times what it holds unless told otherwise; 0 leaves it to V8; refuses a fraction", () => {
    expect(loadConfig({ NODE_ENV: "development" }).heapGrowingPercent).toBe(50);
    expect(loadConfig({ NODE_ENV: "development", HEAP_GROWING_PERCENT: "0" }).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ NODE_ENV: "development", HEAP_GROWING_PERCENT: "1.5" })).toThrow(
      /HEAP_GROWING_PERCENT must be a whole number of at least 0/,
    );
  });
});
