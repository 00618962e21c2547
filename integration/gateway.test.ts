import { config } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { Seed, useStack } from "./testkit";

let stack: Stack;
let seed: Seed;
useStack((started) => ({ stack, seed } = started));

const base = () => stack.gateway.url.replace(/\/graphql$/, "");

it("is live and ready when every subgraph answers", async () => {
  expect((await fetch(`${base()}/health`)).status).toBe(200);
  const ready = await fetch(`${base()}/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: "ready" });
});

it("serves Apollo Sandbox to a browser outside production", async () => {
  const page = await fetch(`${base()}/graphql`, { headers: { accept: "text/html" } });
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/sandbox/i);
});

it("refuses a malformed Authorization header", async () => {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Token abc" },
    body: JSON.stringify({ query: "{ me { id } }" }),
  });
  const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
  expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
});

it("refuses an operation nested deeper than the limit before asking any subgraph", async () => {
  const person = await seed.person();
  let selection = "id";
  for (let i = 0; i < config().limits.maxDepth; i++) selection = `memberships { organization { ${selection} } }`;
  const failure = await seed.client.error(person, `{ me { homeOrganization { ${selection} } } }`);
  expect(failure.message).toMatch(/nested \d+ deep/);
  expect(failure.response.status).toBe(400);
  expect(failure.code).toBe("QUERY_TOO_COMPLEX");
});

it("answers a bad request body with a client error, not a crash", async () => {
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{not json",
  });
  expect(response.status).toBe(400);
});

it("is no longer ready when a subgraph stops", async () => {
  await stack.subgraphs.support.stop();
  const ready = await fetch(`${base()}/ready`);
  expect(ready.status).toBe(503);
});
