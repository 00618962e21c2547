import { RunningGateway, startGateway, SUPERGRAPH_PATH } from "@partnergraph/gateway";
import { freePort } from "@partnergraph/kit";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { Actor, GraphQLResponse, Org, post, Seed, useStack } from "./testkit";

// Each organization's cost budget per minute (README, "Limits"), in one gateway and shared by two through Redis.
let seed: Seed;
useStack((started) => ({ seed } = started));

const REDIS_URL = "redis://127.0.0.1:6379";
/** 6,000 a minute: 100 a second leak away, so a request of cost 100 fits again a second after the bucket is full. */
const BUDGET = 6_000;
/** 10 aliases × (the connection 1 + 100 edges): 1,010 each. */
const SPENDER = `{ ${Array.from({ length: 10 }, (_, i) => `a${i}: customerDashboard(first: 100) { edges { cursor } }`).join(" ")} }`;
/** 1 + 99 edges = 100. */
const SMALL = `{ customerDashboard(first: 99) { edges { cursor } } }`;

const gateways: RunningGateway[] = [];
async function gateway(
  redisUrl: string | null,
  keyPrefix = `test-${randomBytes(4).toString("hex")}:`,
  trustedProxyHops = 0,
) {
  const running = await startGateway({
    trustedProxyHops,
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"),
    port: 0,
    redisUrl,
    redisKeyPrefix: keyPrefix,
    limits: { costPerMinute: BUDGET, maxCost: BUDGET },
  });
  gateways.push(running);
  return running.url;
}
afterAll(() => Promise.all(gateways.map((running) => running.stop())));

const remaining = (response: GraphQLResponse) => Number(response.headers.get("ratelimit-remaining"));

/**
 * Spends `actor`'s budget through `urls` in turn until a request is refused (at most 12 requests), and checks that
 * no more was admitted than one budget holds plus what leaked meanwhile.
 */
async function spendUntilRefused(
  urls: string[],
  actor: Actor,
): Promise<{ refused: GraphQLResponse; admitted: number }> {
  const started = Date.now();
  for (let admitted = 0; admitted < 12; admitted++) {
    const response = await post(urls[admitted % urls.length], SPENDER, {}, actor);
    if (response.status === 429) {
      const leaked = ((Date.now() - started) / 60_000) * BUDGET;
      expect(admitted * 1_010).toBeLessThanOrEqual(BUDGET + leaked);
      return { refused: response, admitted };
    }
    expect(response.status).toBe(200);
  }
  throw new Error("12 requests of 1,010 were admitted from a budget of 6,000");
}

function expectRateLimited(response: GraphQLResponse) {
  expect(response.status).toBe(429);
  expect(response.errors?.[0].extensions?.code).toBe("RATE_LIMITED");
  expect(response.headers.get("ratelimit-limit")).toBe(String(BUDGET));
  const retryAfter = Number(response.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(Math.ceil((1_010 * 60) / BUDGET));
  return retryAfter;
}

describe("in one gateway", () => {
  let url: string;
  let partner: Org;
  beforeAll(async () => {
    url = await gateway(null);
    partner = await seed.partner();
  });

  it("answers 429 with Retry-After once the organization's budget is spent, and again after the leak", async () => {
    const { refused, admitted } = await spendUntilRefused([url], partner.admin);
    expect(admitted).toBeGreaterThanOrEqual(5);
    expect(remaining(refused)).toBeLessThan(1_010);
    const retryAfter = expectRateLimited(refused);
    // A smaller request may still fit; the spender fits again once Retry-After has passed (the leak, not a reset).
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1_000));
    const again = await post(url, SPENDER, {}, partner.admin);
    expect(again.status).toBe(200);
    expect(again.extensions?.cost?.requested).toBe(1_010);
  });

  it("each organization has its own budget, and a colleague spends from the same one", async () => {
    const [spent, other] = [await seed.partner(), await seed.partner()];
    // The colleague exists before the spending: seeding takes seconds on a loaded machine, and the bucket leaks.
    const colleague = await seed.member(spent);
    await spendUntilRefused([url], spent.admin);
    expectRateLimited(await post(url, SPENDER, {}, colleague));
    expect((await post(url, SMALL, {}, other.admin)).status).toBe(200);
  });

  it("a refused request is charged its tokens: a flood of refusals meets 429s", async () => {
    const flooder = await seed.partner();
    // 300 aliases of 3 tokens, and the braces: 902 tokens, so the seventh refusal no longer fits in 6,000.
    const flood = `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    const statuses: number[] = [];
    for (let i = 0; i < 12 && statuses.at(-1) !== 429; i++)
      statuses.push((await post(url, flood, {}, flooder.admin)).status);
    expect(statuses.slice(0, 6)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
  });

  it("anonymous callers spend their client address's budget: a forged X-Forwarded-For picks no other", async () => {
    const anonymous = await post(url, "{ __typename }");
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get("ratelimit-limit")).toBe(String(BUDGET));
    let refused: GraphQLResponse | null = null;
    for (let i = 0; i < 12 && !refused; i++) {
      const forged = {
        "x-forwarded-for": `203.0.113.${i}`,
        "x-real-ip": `198.51.100.${i}`,
        forwarded: `for=192.0.2.${i}`,
      };
      const response = await post(url, SPENDER, {}, {}, forged);
      if (response.status === 429) refused = response;
    }
    expectRateLimited(refused!);
  });
});

it("behind a trusted proxy, anonymous callers are told apart by the address it forwards", async () => {
  const behindProxy = await gateway(null, undefined, 1);
  const viaProxy = (client: string, forged: string) => ({ "x-forwarded-for": `${forged}, ${client}` });
  let refused: GraphQLResponse | null = null;
  for (let i = 0; i < 12 && !refused; i++) {
    const response = await post(behindProxy, SPENDER, {}, {}, viaProxy("203.0.113.7", `198.51.100.${i}`));
    if (response.status === 429) refused = response;
  }
  expectRateLimited(refused!);
  const another = await post(behindProxy, SPENDER, {}, {}, viaProxy("203.0.113.8", "198.51.100.1"));
  expect(another.status).toBe(200);
});

describe("two gateways sharing one budget through Redis", () => {
  it("what one gateway admitted, the other counts", async () => {
    const prefix = `test-${randomBytes(4).toString("hex")}:`;
    const [a, b] = [await gateway(REDIS_URL, prefix), await gateway(REDIS_URL, prefix)];
    const partner = await seed.partner();
    const first = await post(a, SMALL, {}, partner.admin);
    const second = await post(b, SMALL, {}, partner.admin);
    expect(remaining(first)).toBeLessThanOrEqual(BUDGET - 100);
    // b saw a's spending: at most what leaked between the two requests came back.
    expect(remaining(second)).toBeLessThan(remaining(first));
    // Two gateways, one budget: no more admitted than one budget holds (each alone would admit 5 more).
    const { refused } = await spendUntilRefused([a, b], partner.admin);
    expectRateLimited(refused);
  });

  it("without a shared Redis, each gateway keeps its own budget", async () => {
    const [a, b] = [await gateway(null), await gateway(null)];
    const partner = await seed.partner();
    await spendUntilRefused([a], partner.admin);
    expect((await post(b, SPENDER, {}, partner.admin)).status).toBe(200);
  });

  it("when Redis does not answer, each gateway answers from its own budget and no request fails", async () => {
    const nobody = `redis://127.0.0.1:${await freePort()}`;
    const url = await gateway(nobody);
    const partner = await seed.partner();
    const answered = await post(url, SMALL, {}, partner.admin);
    expect(answered.status).toBe(200);
    expect(remaining(answered)).toBeLessThanOrEqual(BUDGET - 100);
    const { refused } = await spendUntilRefused([url], partner.admin);
    expectRateLimited(refused);
  });
});
