import { config, setConfig } from "@partnergraph/kit";
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from "jose";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { verifyBearer } from "../src/auth";

// Issuer and audience, when configured, must be in the token; exp always must.
const original = config();
afterEach(() => setConfig(original));

function token(claims: Record<string, unknown>, expires = true) {
  const jwt = new SignJWT({ email: "iss-aud@test.example", sub: "dev|iss-aud@test.example", ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt();
  if (expires) jwt.setExpirationTime("5m");
  return jwt.sign(new TextEncoder().encode(config().jwtSecret!));
}

it("accepts a token with exp and the configured issuer and audience", async () => {
  setConfig({ jwtIssuer: "https://idp.test", jwtAudience: "partnergraph" });
  const verified = await verifyBearer(`Bearer ${await token({ iss: "https://idp.test", aud: "partnergraph" })}`);
  expect(verified).toEqual({ subject: "dev|iss-aud@test.example", email: "iss-aud@test.example" });
});

it.each([
  ["no issuer", { aud: "partnergraph" }],
  ["another issuer", { iss: "https://elsewhere.test", aud: "partnergraph" }],
  ["no audience", { iss: "https://idp.test" }],
  ["another audience", { iss: "https://idp.test", aud: "someone-else" }],
])("refuses %s when issuer and audience are configured", async (_, claims) => {
  setConfig({ jwtIssuer: "https://idp.test", jwtAudience: "partnergraph" });
  await expect(verifyBearer(`Bearer ${await token(claims)}`)).rejects.toMatchObject({
    extensions: { code: "UNAUTHENTICATED" },
  });
});

it("refuses a token without exp even when nothing else is configured", async () => {
  await expect(verifyBearer(`Bearer ${await token({}, false)}`)).rejects.toMatchObject({
    extensions: { code: "UNAUTHENTICATED" },
  });
  expect(await verifyBearer(`Bearer ${await token({})}`)).not.toBeNull();
});

describe("tokens of an identity provider, verified through its JWKS", () => {
  const ISSUER = "https://idp.test";
  const AUDIENCE = "partnergraph-api";
  const claims = { iss: ISSUER, aud: AUDIENCE, sub: "idp|1234", email: "jwks@test.example" };
  let server: Server;
  let jwksUrl: string;
  const keys: Record<string, { privateKey: KeyLike; jwk: JWK }> = {};

  beforeAll(async () => {
    for (const alg of ["RS256", "ES256"]) {
      const { privateKey, publicKey } = await generateKeyPair(alg);
      keys[alg] = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: `key-${alg}`, alg, use: "sig" } };
    }
    server = createServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ keys: Object.values(keys).map((key) => key.jwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => setConfig({ jwksUrl, jwtSecret: null, jwtIssuer: ISSUER, jwtAudience: AUDIENCE }));

  const providerToken = (alg: string, payload: Record<string, unknown> = claims, privateKey = keys[alg].privateKey) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg, kid: `key-${alg}` })
      .setExpirationTime("5m")
      .sign(privateKey);

  it.each(["RS256", "ES256"])("accepts the provider's %s token for this API", async (alg) => {
    expect(await verifyBearer(`Bearer ${await providerToken(alg)}`)).toEqual({
      subject: "idp|1234",
      email: "jwks@test.example",
    });
  });

  it("reads the email from the configured claim, and refuses a token without it", async () => {
    const namespaced = { ...claims, email: undefined, "https://partnergraph/email": "named@test.example" };
    const token = `Bearer ${await providerToken("RS256", namespaced)}`;
    await expect(verifyBearer(token)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    setConfig({ jwtEmailClaim: "https://partnergraph/email" });
    expect(await verifyBearer(token)).toEqual({ subject: "idp|1234", email: "named@test.example" });
  });

  it.each([
    ["another audience", async () => providerToken("RS256", { ...claims, aud: "another-application" })],
    ["another issuer", async () => providerToken("RS256", { ...claims, iss: "https://elsewhere.test" })],
    ["a key outside the set", async () => providerToken("RS256", claims, (await generateKeyPair("RS256")).privateKey)],
    [
      "HS256 signed with the public key (algorithm confusion)",
      async () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: "HS256", kid: "key-RS256" })
          .setExpirationTime("5m")
          .sign(new TextEncoder().encode(JSON.stringify(keys.RS256.jwk))),
    ],
    [
      "a development token",
      async () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: "HS256" })
          .setExpirationTime("5m")
          .sign(new TextEncoder().encode(original.jwtSecret!)),
    ],
  ])("refuses %s", async (_, makeToken) => {
    await expect(verifyBearer(`Bearer ${await makeToken()}`)).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
  });
});
