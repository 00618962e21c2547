import type { Caller } from "@partnergraph/kit";
import { CallerCache } from "../src/caller-cache";

const caller = (userId: string, organizationId: string | null, homeOrganizationId = organizationId): Caller => ({
  userId,
  email: `${userId}@test.example`,
  displayName: userId,
  homeOrganizationId,
  organizationId,
  role: "ADMIN",
  grantAccess: null,
  grantServiceCodes: [],
  isPartner: true,
  isVendorAdmin: false,
});

/** A directory that counts how often it is asked. */
function directory(answer: Caller) {
  const asked = { count: 0 };
  return { asked, ask: () => (asked.count++, Promise.resolve(answer)) };
}

afterEach(() => jest.useRealTimers());

it("asks the directory once for a caller while the entry lives, then again", async () => {
  jest.useFakeTimers({ now: 1_000_000 });
  const cache = new CallerCache(5_000);
  const { asked, ask } = directory(caller("u1", "o1"));
  await cache.resolve("s1", "e1", null, ask);
  await cache.resolve("s1", "e1", null, ask);
  expect(asked.count).toBe(1);
  jest.setSystemTime(1_000_000 + 5_001);
  await cache.resolve("s1", "e1", null, ask);
  expect(asked.count).toBe(2);
});

it("keeps apart the organizations a person acts as", async () => {
  const cache = new CallerCache(5_000);
  const { asked, ask } = directory(caller("u1", "o1"));
  await cache.resolve("s1", "e1", null, ask);
  await cache.resolve("s1", "e1", "ORG-OTHER00001", ask);
  await cache.resolve("s1", "other@test.example", null, ask);
  expect(asked.count).toBe(3);
});

it("asks once for many requests that arrive together", async () => {
  const cache = new CallerCache(5_000);
  const { asked, ask } = directory(caller("u1", "o1"));
  await Promise.all(Array.from({ length: 20 }, () => cache.resolve("s1", "e1", null, ask)));
  expect(asked.count).toBe(1);
});

it("forgets a person's callers, and callers acting as or belonging to an organization", async () => {
  const cache = new CallerCache(60_000);
  await cache.resolve("a", "a", null, directory(caller("ua", "o1")).ask);
  await cache.resolve("b", "b", "o2", directory(caller("ub", "o2", "o9")).ask);
  await cache.resolve("c", "c", null, directory(caller("uc", "o3")).ask);
  await cache.resolve("d", "d", null, directory(caller("ud", "o9")).ask);
  cache.forget({ userIds: ["ua"], organizationIds: [] });
  expect(cache.size).toBe(3);
  cache.forget({ userIds: [], organizationIds: ["o2"] });
  expect(cache.size).toBe(2);
  // o9 is b's home organization (already gone) and d's.
  cache.forget({ userIds: [], organizationIds: ["o9"] });
  expect(cache.size).toBe(1);
  const { asked, ask } = directory(caller("ua", "o1"));
  await cache.resolve("a", "a", null, ask);
  expect(asked.count).toBe(1);
});

it("does not keep an answer asked for before a change, nor share it with requests after the change", async () => {
  const cache = new CallerCache(60_000);
  let answer: (value: Caller) => void = () => undefined;
  const before = cache.resolve("s1", "e1", null, () => new Promise<Caller>((resolve) => (answer = resolve)));
  cache.forget({ userIds: ["u1"], organizationIds: [] });
  const after = directory(caller("u1", null));
  const second = cache.resolve("s1", "e1", null, after.ask);
  answer(caller("u1", "o1"));
  expect((await before).organizationId).toBe("o1");
  expect((await second).organizationId).toBeNull();
  expect(after.asked.count).toBe(1);
  // What is kept is the answer asked for after the change.
  expect((await cache.resolve("s1", "e1", null, directory(caller("u1", "x")).ask)).organizationId).toBeNull();
});

it("keeps nothing from a failed resolution", async () => {
  const cache = new CallerCache(60_000);
  await expect(cache.resolve("s1", "e1", null, () => Promise.reject(new Error("down")))).rejects.toThrow("down");
  const { asked, ask } = directory(caller("u1", "o1"));
  await cache.resolve("s1", "e1", null, ask);
  expect(asked.count).toBe(1);
});

it("with a TTL of 0 asks every time", async () => {
  const cache = new CallerCache(0);
  const { asked, ask } = directory(caller("u1", "o1"));
  await cache.resolve("s1", "e1", null, ask);
  await cache.resolve("s1", "e1", null, ask);
  expect(asked.count).toBe(2);
});

it("holds at most its maximum, dropping the oldest", async () => {
  const cache = new CallerCache(60_000, 3);
  for (const name of ["a", "b", "c", "d"]) await cache.resolve(name, name, null, directory(caller(name, "o")).ask);
  expect(cache.size).toBe(3);
  const { asked, ask } = directory(caller("a", "o"));
  await cache.resolve("a", "a", null, ask);
  expect(asked.count).toBe(1);
});
