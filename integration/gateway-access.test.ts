import { RunningGateway, startGateway, SUPERGRAPH_PATH } from "@partnergraph/gateway";
import { Config, config, setConfig } from "@partnergraph/kit";
import * as ops from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Person, Seed, useStack } from "./testkit";

// The stack's gateway runs as in development (INTROSPECTION=on, the portal's origin allowed); two more
// gateways over the same subgraphs run as production would with INTROSPECTION=signed-in and off.
let stack: Stack;
let seed: Seed;
let person: Person;
useStack((started) => ({ stack, seed } = started));

const PORTAL = new URL(config().portalUrl).origin;
const INTROSPECT = `{ __schema { queryType { name } } }`;
/** What Apollo's landing page runs when it embeds Sandbox (its production page does not). */
const SANDBOX = "new window.EmbeddedSandbox(";
const apiSchema = readFileSync(join(__dirname, "..", "schema", "api.graphql"), "utf8");
const base = (gateway: { url: string }) => gateway.url.replace(/\/graphql$/, "");
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

async function gatewayWith(settings: Pick<Config, "introspection" | "corsOrigins">): Promise<RunningGateway> {
  const previous = config();
  setConfig(settings);
  try {
    return await startGateway({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"), port: 0 });
  } finally {
    setConfig(previous);
  }
}

beforeAll(async () => {
  person = await seed.person();
});

describe("CORS", () => {
  it("answers the portal's preflight and lets its page read the answer", async () => {
    const preflight = await fetch(stack.gateway.url, {
      method: "OPTIONS",
      headers: {
        origin: PORTAL,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, x-organization-id",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(PORTAL);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toEqual(
      expect.stringContaining("authorization, content-type, x-organization-id"),
    );

    const response = await post(
      stack.gateway.url,
      { query: `{ me { email } }` },
      { origin: PORTAL, authorization: `Bearer ${person.token}` },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(PORTAL);
    expect(response.headers.get("vary")).toMatch(/origin/i);
    expect(await response.json()).toMatchObject({ data: { me: { email: person.email } } });
  });

  it("refuses another site's page: no preflight, and its request runs nothing", async () => {
    const evil = "https://evil.example";
    const preflight = await fetch(stack.gateway.url, {
      method: "OPTIONS",
      headers: { origin: evil, "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();

    const stranger = await seed.person();
    const register = await post(
      stack.gateway.url,
      { query: `mutation { registerOrganization(input: { name: "Evil Co", country: "US" }) { id } }` },
      { origin: evil, authorization: `Bearer ${stranger.token}` },
    );
    expect(register.status).toBe(403);
    expect(register.headers.get("access-control-allow-origin")).toBeNull();
    expect((await seed.client.ok(stranger, ops.MeDocument)).me.organization).toBeNull();
  });

  it("lets the gateway's own page (Sandbox) and clients without an Origin through", async () => {
    const own = new URL(stack.gateway.url).origin;
    const fromSandbox = await post(stack.gateway.url, { query: `{ __typename }` }, { origin: own });
    expect(fromSandbox.status).toBe(200);
    expect(fromSandbox.headers.get("access-control-allow-origin")).toBe(own);
    const fromCurl = await post(stack.gateway.url, { query: `{ __typename }` });
    expect(fromCurl.status).toBe(200);
    expect(fromCurl.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("introspection, Sandbox and /schema.graphql", () => {
  it("INTROSPECTION=on (development): anyone, and /schema.graphql is the committed API schema", async () => {
    expect((await seed.client.ok({}, INTROSPECT)).__schema.queryType.name).toBe("Query");
    const schema = await fetch(`${base(stack.gateway)}/schema.graphql`);
    expect(schema.status).toBe(200);
    expect(schema.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await schema.text();
    expect(text).toBe(apiSchema);
    expect(text).not.toMatch(/join__|link__|@join|_entities|_service/);
  });

  describe("INTROSPECTION=signed-in (analysts in production)", () => {
    let gateway: RunningGateway;
    beforeAll(async () => (gateway = await gatewayWith({ introspection: "signed-in", corsOrigins: [] })));
    afterAll(() => gateway?.stop());

    it("answers introspection only with a valid token", async () => {
      const anonymous = await post(gateway.url, { query: INTROSPECT });
      expect(anonymous.status).toBe(401);
      expect(
        ((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
      ).toBe("UNAUTHENTICATED");
      const forged = await post(gateway.url, { query: INTROSPECT }, { authorization: "Bearer not.a.token" });
      expect(forged.status).toBe(401);
      const signedIn = await post(gateway.url, { query: INTROSPECT }, { authorization: `Bearer ${person.token}` });
      expect(await signedIn.json()).toMatchObject({ data: { __schema: { queryType: { name: "Query" } } } });
      // What an anonymous caller could always ask stays as it was.
      expect(await (await post(gateway.url, { query: `{ __typename }` })).json()).toMatchObject({
        data: { __typename: "Query" },
      });
    });

    it("serves Sandbox and /schema.graphql to signed-in callers only", async () => {
      const page = await fetch(gateway.url, { headers: { accept: "text/html" } });
      expect(await page.text()).toContain(SANDBOX);
      expect((await fetch(`${base(gateway)}/schema.graphql`)).status).toBe(401);
      const schema = await fetch(`${base(gateway)}/schema.graphql`, {
        headers: { authorization: `Bearer ${person.token}` },
      });
      expect(schema.status).toBe(200);
      expect(await schema.text()).toBe(apiSchema);
    });
  });

  describe("INTROSPECTION=off (production's default)", () => {
    let gateway: RunningGateway;
    beforeAll(async () => (gateway = await gatewayWith({ introspection: "off", corsOrigins: [] })));
    afterAll(() => gateway?.stop());

    it("answers nobody: no introspection, no Sandbox, no /schema.graphql", async () => {
      const signedIn = await post(gateway.url, { query: INTROSPECT }, { authorization: `Bearer ${person.token}` });
      const body = (await signedIn.json()) as { errors?: { message: string }[] };
      expect(body.errors?.[0].message).toMatch(/introspection is not allowed/i);
      const page = await fetch(gateway.url, { headers: { accept: "text/html" } });
      // Apollo's production page: no embedded Sandbox.
      expect(await page.text()).not.toContain(SANDBOX);
      const schema = await fetch(`${base(gateway)}/schema.graphql`, {
        headers: { authorization: `Bearer ${person.token}` },
      });
      expect(schema.status).toBe(404);
    });
  });
});
