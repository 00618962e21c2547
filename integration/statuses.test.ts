import { config, devSubject } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { SignJWT } from "jose";
import { post, Seed, useStack } from "./testkit";

// HTTP statuses that match the error codes, for requests refused before any operation runs.
let stack: Stack;
let seed: Seed;
useStack((started) => ({ stack, seed } = started));

const me = "{ me { id } }";
const secret = () => new TextEncoder().encode(config().jwtSecret!);
const claims = (email: string) => ({ email, sub: devSubject(email) });
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function answer(headers: Record<string, string>, body: object = { query: me }) {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text.startsWith("{") ? (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }) : {};
  return { status: response.status, code: parsed.errors?.[0]?.extensions?.code, data: (parsed as any).data };
}

describe("a broken bearer token is 401 UNAUTHENTICATED", () => {
  const email = "token-tests@test.example";
  const tokens: [string, () => Promise<string>][] = [
    ["garbage", async () => "not-a-token"],
    ["three garbage segments", async () => "abc.def.ghi"],
    ["alg none", async () => `${base64url({ alg: "none", typ: "JWT" })}.${base64url({ ...claims(email), exp: 4e9 })}.`],
    [
      "signed with another secret",
      () =>
        new SignJWT(claims(email))
          .setProtectedHeader({ alg: "HS256" })
          .setExpirationTime("1h")
          .sign(new TextEncoder().encode("another-secret-another-secret-another")),
    ],
    [
      "expired",
      () =>
        new SignJWT(claims(email))
          .setProtectedHeader({ alg: "HS256" })
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
          .sign(secret()),
    ],
    ["without exp", () => new SignJWT(claims(email)).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(secret())],
    [
      "without sub and email",
      () => new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(secret()),
    ],
  ];
  it.each(tokens)("%s", async (_, token) => {
    expect(await answer({ authorization: `Bearer ${await token()}` })).toEqual({
      status: 401,
      code: "UNAUTHENTICATED",
      data: undefined,
    });
  });

  it("a header that is not 'Bearer <token>'", async () => {
    expect(await answer({ authorization: "Basic dXNlcjpwYXNz" })).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
    });
  });

  it("a valid token still answers 200", async () => {
    const person = await seed.person();
    expect(await answer({ authorization: `Bearer ${person.token}` })).toMatchObject({ status: 200, code: undefined });
  });
});

it("a huge header is refused by the HTTP server (431) before any work", async () => {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${"x".repeat(64_000)}` },
    body: JSON.stringify({ query: me }),
  });
  expect(response.status).toBe(431);
});

describe("X-Organization-Id", () => {
  it("malformed: 400 BAD_USER_INPUT naming the header", async () => {
    const person = await seed.person();
    const response = await post(stack.gateway.url, me, {}, { token: person.token, organizationId: "ORG-../../x" });
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "X-Organization-Id" });
  });

  it("an organization the person does not administer: 403 FORBIDDEN", async () => {
    const customer = await seed.customer();
    const stranger = await seed.person();
    const response = await post(stack.gateway.url, me, {}, { token: stranger.token, organizationId: customer.id });
    expect(response.status).toBe(403);
    expect(response.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("malformed requests are 400", () => {
  it("several operations without operationName", async () => {
    const result = await answer({}, { query: "query A { __typename } query B { __typename }" });
    expect(result).toMatchObject({ status: 400, code: "OPERATION_RESOLUTION_FAILURE" });
  });

  it("an operationName the document lacks", async () => {
    const result = await answer({}, { query: "query A { __typename }", operationName: "B" });
    expect(result).toMatchObject({ status: 400, code: "OPERATION_RESOLUTION_FAILURE" });
  });

  it("several operations with operationName run the named one", async () => {
    const result = await answer({}, { query: "query A { __typename } query B { __typename }", operationName: "B" });
    expect(result).toEqual({ status: 200, code: undefined, data: { __typename: "Query" } });
  });

  it("a syntax error, and a field the schema lacks", async () => {
    expect(await answer({}, { query: "{ me { " })).toMatchObject({ status: 400, code: "GRAPHQL_PARSE_FAILED" });
    expect(await answer({}, { query: "{ nothingHere }" })).toMatchObject({
      status: 400,
      code: "GRAPHQL_VALIDATION_FAILED",
    });
  });
});
