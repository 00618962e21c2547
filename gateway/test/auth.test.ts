import { config, setConfig } from "@partnergraph/kit";
import { SignJWT } from "jose";
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
