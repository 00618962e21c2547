import { inTransaction, OutboxEvent, OutboxRelay, recordEvent, registerRelay } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { SUBSCRIPTIONS } from "./event-fixtures";
import { scratchDatabase } from "./scratch-database";

let dataSource: DataSource;
/** Each kick of the relay: how many outbox rows it found committed. */
let kicks: Promise<number>[];

beforeAll(async () => {
  ({ dataSource } = await scratchDatabase("kit_transaction", [OutboxEvent]));
  const relay = {
    kick: () => {
      kicks.push(dataSource.getRepository(OutboxEvent).count());
      return Promise.resolve(0);
    },
  };
  registerRelay(dataSource, relay as unknown as OutboxRelay);
});
beforeEach(async () => {
  kicks = [];
  await dataSource.getRepository(OutboxEvent).clear();
});
afterAll(() => dataSource?.destroy());

const greet = (text: string) => (manager: DataSource["manager"]) =>
  recordEvent(manager, SUBSCRIPTIONS, "Greeted", { text });

it("kicks the relay once, after the commit, when the work recorded events", async () => {
  const result = await inTransaction(dataSource, async (manager) => {
    await greet("one")(manager);
    await greet("two")(manager);
    return "done";
  });
  expect(result).toBe("done");
  expect(await Promise.all(kicks)).toEqual([2]);
});

it("kicks nothing when the work recorded no event", async () => {
  expect(await inTransaction(dataSource, async () => 7)).toBe(7);
  expect(await Promise.all(kicks)).toEqual([]);
});

it("writes nothing and kicks nothing when the work throws", async () => {
  const refused = inTransaction(dataSource, async (manager) => {
    await greet("lost")(manager);
    throw new Error("bad input");
  });
  await expect(refused).rejects.toThrow("bad input");
  expect(await dataSource.getRepository(OutboxEvent).count()).toBe(0);
  expect(await Promise.all(kicks)).toEqual([]);
});

it("runs the work again after a deadlock when asked to, at most three times in all", async () => {
  const deadlock = Object.assign(new Error("Deadlock found"), { errno: 1213 });
  let attempts = 0;
  const result = await inTransaction(
    dataSource,
    async (manager) => {
      await greet(`attempt ${++attempts}`)(manager);
      if (attempts < 3) throw deadlock;
      return attempts;
    },
    { retry: "lock" },
  );
  expect(result).toBe(3);
  // Only the attempt that committed left its event.
  expect(await Promise.all(kicks)).toEqual([1]);

  attempts = 0;
  await expect(
    inTransaction(dataSource, async () => {
      attempts++;
      throw deadlock;
    }),
  ).rejects.toThrow("Deadlock found");
  expect(attempts).toBe(1);
});
