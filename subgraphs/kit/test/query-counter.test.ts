import { outsideAnyRequest, QueryCounter, RequestScope, runInScope } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { scratchDatabase } from "./scratch-database";

let dataSource: DataSource;
let queries: QueryCounter;

beforeAll(async () => {
  ({ dataSource, queries } = await scratchDatabase("kit_query_counter", []));
});
afterAll(() => dataSource.destroy());

const select = () => dataSource.query("SELECT 1 AS one");
/** A statement for a request served by this service, as the HTTP server's scope runs it. */
const asRequest = (requestId: string, statements: number) =>
  runInScope(new RequestScope(requestId, "identity"), async () => {
    for (let i = 0; i < statements; i++) await select();
  });
/** A timer's statement, started from inside a request (a relay kicked after a commit) yet nobody's request. */
const inBackground = (statements: number) =>
  runInScope(new RequestScope("kicker", "identity"), () =>
    outsideAnyRequest(async () => {
      for (let i = 0; i < statements; i++) await select();
    }),
  );

describe("QueryCounter", () => {
  it("counts the statements of requests and of the measured work, never background work meanwhile", async () => {
    const measured = await queries.measure(async () => {
      await select();
      await Promise.all([asRequest("req-a", 2), inBackground(3)]);
    });
    expect(measured.count).toBe(3);
  });

  it("with a request id, counts only that request's statements", async () => {
    const measured = await queries.measure(() => Promise.all([asRequest("req-b", 2), asRequest("req-c", 4)]), {
      requestId: "req-b",
    });
    expect(measured.count).toBe(2);
  });

  it("tells each request's statements apart afterwards (the benchmark's route), background work in none", async () => {
    const before = queries.requestCount;
    await Promise.all([asRequest("req-d", 1), asRequest("req-e", 3), inBackground(2)]);
    expect(queries.statementsOf("req-d")).toBe(1);
    expect(queries.statementsOf("req-e")).toBe(3);
    expect(queries.statementsOf("never-seen")).toBe(0);
    expect(queries.requestCount - before).toBe(4);
  });

  it("remembers the last thousand requests only: a long-running service's counts stay bounded", () => {
    const counter = new QueryCounter();
    const request = (n: number) =>
      runInScope(new RequestScope(`bounded-${n}`, "identity"), () => counter.logQuery("SELECT 1"));
    for (let n = 0; n < 5_000; n++) request(n);
    expect(counter.requestCount).toBe(5_000);
    expect(counter.statementsOf("bounded-3999")).toBe(0);
    expect(counter.statementsOf("bounded-4000")).toBe(1);
    expect(counter.statementsOf("bounded-4999")).toBe(1);
    expect((counter as unknown as { byRequest: Map<string, number> }).byRequest.size).toBe(1_000);
  });
});
