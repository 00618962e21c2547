import { config, databaseName, freePort, SubgraphName, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { createConnection, Connection as MysqlConnection } from "mysql2/promise";
import { randomBytes } from "node:crypto";
import { createServer, Server } from "node:http";
import {
  Actor,
  Balancer,
  contractOperation,
  customersToAdd,
  Org,
  post,
  PROCESS_VENDOR_ADMIN,
  ProcessStack,
  Seed,
  ServiceName,
  ServiceProcess,
  startBalancer,
  startService,
} from "./testkit";

/**
 * Scale-out: two replicas of every subgraph behind a round-robin balancer each, and two gateways, on one MySQL.
 * Mixed contract traffic goes through both gateways while replicas are stopped (SIGTERM) or killed (SIGKILL)
 * and started again one at a time. Afterwards no effect is lost or doubled: each event is one notification
 * and one webhook delivery per subscription, each accepted invitation one connection, each bulk item one customer.
 * The embedded database lives inside each process, so replicas cannot share one: MySQL only.
 */
const onMysql = !!config().databaseUrl;
const HOST = "127.0.0.1";
const REPLICAS = 2;

type Replica = { name: ServiceName; index: number; port: number; process: ServiceProcess | null };
const replicas = new Map<string, Replica>();
const balancers: Balancer[] = [];
let gatewayUrls: string[] = [];
let env: Record<string, string>;
let seed: Seed;
let receiver: { server: Server; byEvent: Map<string, number>; port: number };
let mysql: MysqlConnection;

const replicasOf = (name: ServiceName) => [...replicas.values()].filter((r) => r.name === name);

async function startReplica(replica: Replica) {
  replica.process = await startService(replica.name, replica.port, env, 180_000);
}

/** Sends through one gateway, and through the other when the first refuses the connection (stopped, draining). */
let turn = 0;
async function send(actor: Actor, query: string, variables: Record<string, unknown> = {}) {
  const first = turn++;
  for (let i = 0; i < gatewayUrls.length; i++) {
    try {
      return await post(gatewayUrls[(first + i) % gatewayUrls.length], query, variables, actor);
    } catch (error) {
      if (!/ECONNREFUSED/.test(String((error as { cause?: unknown }).cause ?? error))) throw error;
    }
  }
  throw new Error("no gateway accepted the connection");
}

async function rows<T>(subgraph: SubgraphName, sql: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await mysql.query(`USE \`${databaseName(subgraph)}\``).then(() => mysql.query(sql, params));
  return result as T[];
}

/** The subgraphs whose database has an outbox (those that publish events). */
async function servicesWithOutbox(): Promise<SubgraphName[]> {
  const tables = await mysql.query(
    "SELECT table_schema AS db FROM information_schema.tables WHERE table_name = 'outbox_event' AND table_schema IN (?)",
    [SUBGRAPH_NAMES.map(databaseName)],
  );
  const databases = new Set((tables[0] as { db: string }[]).map((row) => row.db));
  return SUBGRAPH_NAMES.filter((name) => databases.has(databaseName(name)));
}

async function within<T>(ms: number, what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

(onMysql ? describe : describe.skip)(
  "two replicas of everything on one MySQL (skipped on the embedded database, which replicas cannot share)",
  () => {
    beforeAll(async () => {
      const ports = new Map<string, number>();
      for (const name of [...SUBGRAPH_NAMES, "gateway"] as ServiceName[])
        for (let index = 0; index < REPLICAS; index++) {
          const port = await freePort();
          ports.set(`${name}#${index}`, port);
          replicas.set(`${name}#${index}`, { name, index, port, process: null });
        }
      const urls: Record<string, string> = {};
      for (const name of SUBGRAPH_NAMES) {
        const balancer = await startBalancer(await freePort(), () => replicasOf(name).map((r) => r.port));
        balancers.push(balancer);
        urls[`${name.toUpperCase()}_URL`] = balancer.url;
      }
      env = {
        NODE_ENV: "test",
        LISTEN_HOST: HOST,
        VENDOR_ADMIN_EMAILS: PROCESS_VENDOR_ADMIN,
        // The gateways share directory changes (caller cache) and rate limit budgets, as replicas do in production.
        REDIS_URL: "redis://127.0.0.1:6379",
        REDIS_KEY_PREFIX: `pgtest-replicas-${randomBytes(4).toString("hex")}:`,
        ...urls,
      };
      // The first replica of each subgraph migrates (in order: the others ask identity at start-up); the rest side by side.
      for (const name of SUBGRAPH_NAMES) await startReplica(replicas.get(`${name}#0`)!);
      await Promise.all(SUBGRAPH_NAMES.map((name) => startReplica(replicas.get(`${name}#1`)!)));
      await Promise.all(replicasOf("gateway").map(startReplica));
      gatewayUrls = replicasOf("gateway").map((r) => `http://${HOST}:${r.port}/graphql`);
      const target = { gateway: { url: gatewayUrls[0] }, subgraphs: { identity: {} } } as unknown as ProcessStack;
      seed = new Seed(target);

      const byEvent = new Map<string, number>();
      const server = createServer((request, response) => {
        const id = String(request.headers["partnergraph-event-id"]);
        byEvent.set(id, (byEvent.get(id) ?? 0) + 1);
        request.resume().on("end", () => response.writeHead(204).end());
      });
      const port = await freePort();
      await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
      receiver = { server, byEvent, port };
      const url = new URL(config().databaseUrl!);
      mysql = await createConnection({
        host: url.hostname,
        port: Number(url.port || 3306),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      });
    }, 900_000);

    afterAll(async () => {
      await Promise.all(
        [...replicas.values()].map(async ({ process: running }) => {
          if (!running) return;
          running.signal("SIGTERM");
          if (!(await running.waitForExit(15_000))) running.signal("SIGKILL");
        }),
      );
      await Promise.all(balancers.map((b) => b.close()));
      receiver?.server.close();
      await mysql?.end();
    });

    it("loses and doubles nothing while replicas are stopped, killed and restarted one at a time", async () => {
      const partners = [await seed.partner(), await seed.partner(), await seed.partner()];
      const vendor = await seed.vendorAdmin();
      const hooks: string[] = [];
      for (const partner of partners) {
        const response = await send(partner.admin, contractOperation("CreateWebhook"), {
          input: {
            url: `http://${HOST}:${receiver.port}/${partner.id}`,
            eventTypes: ["CUSTOMER_CONNECTED", "CONNECTION_ENDED"],
          },
        });
        hooks.push(response.data!.createWebhook.webhook.id);
      }
      const customersPerPartner = 6;
      const customers = await Promise.all(
        partners.map(async () => {
          const list: Org[] = [];
          for (let i = 0; i < customersPerPartner; i++) list.push(await seed.customer());
          return list;
        }),
      );
      const bulkNames: string[] = [];
      for (const partner of partners) {
        const { customers: toAdd } = customersToAdd(12);
        const valid = toAdd.filter((_, i) => i % 20 !== 7);
        bulkNames.push(...valid.map((c) => c.name));
        const started = await send(partner.admin, contractOperation("StartBulkJob"), {
          input: { kind: "ADD_CUSTOMERS", idempotencyKey: `replicas-${partner.id}`, addCustomers: valid },
        });
        expect(started.errors).toBeUndefined();
      }

      // One at a time, each kind of service loses a replica (alternately stopped and killed) and gets it back.
      // Webhooks is only stopped: a killed dispatcher's claims on deliveries hold for its 5-minute lease.
      const schedule: [ServiceName, NodeJS.Signals][] = [
        ["connections", "SIGKILL"],
        ["support", "SIGTERM"],
        ["identity", "SIGKILL"],
        ["webhooks", "SIGTERM"],
        ["entitlements", "SIGKILL"],
        ["gateway", "SIGTERM"],
      ];
      let disrupting = true;
      const disruptedFrom = Date.now();
      const disruptions = (async () => {
        try {
          for (const [i, [name, signal]] of schedule.entries()) {
            const replica = replicas.get(`${name}#${i % REPLICAS}`)!;
            replica.process!.signal(signal);
            expect(await replica.process!.waitForExit(20_000)).not.toBeNull();
            await new Promise((resolve) => setTimeout(resolve, 500));
            await startReplica(replica);
          }
        } finally {
          disrupting = false;
        }
      })();

      // Meanwhile: connections made (each invitation accepted through both gateways at once), ended by either
      // side, made again; dashboards and the vendor's scorecard read.
      const outcomes = { ok: 0, failed: 0 };
      const count = (response: Awaited<ReturnType<typeof send>> | null) =>
        response && !response.errors?.length ? outcomes.ok++ : outcomes.failed++;
      const attempt = (work: () => Promise<Awaited<ReturnType<typeof send>>>) =>
        work().then(
          (response) => (count(response), response),
          () => (count(null), null),
        );
      const traffic = partners.map(async (partner, p) => {
        for (let round = 0; disrupting || round < 2; round++) {
          const customer = customers[p][round % customersPerPartner];
          const link = await attempt(() => send(partner.admin, `query { partnerInvitationLink { token } }`));
          const token = link?.data?.partnerInvitationLink?.token;
          if (token) {
            const accept = `mutation($token: String!) { acceptPartnerInvitation(token: $token) { id status } }`;
            const [a, b] = await Promise.all([
              attempt(() => send(customer.admin, accept, { token })),
              attempt(() => send(customer.admin, accept, { token })),
            ]);
            const id = a?.data?.acceptPartnerInvitation?.id ?? b?.data?.acceptPartnerInvitation?.id;
            await attempt(() => send(partner.admin, contractOperation("PartnerDashboard"), { first: 10 }));
            if (id && round % 2 === 0)
              await attempt(() =>
                send(
                  round % 4 ? partner.admin : customer.admin,
                  `mutation($id: ID!) { terminateConnection(id: $id) { id } }`,
                  {
                    id,
                  },
                ),
              );
          }
          await attempt(() => send(vendor, contractOperation("PartnerScorecard"), { partnerId: partner.id }));
        }
      });
      await Promise.all([disruptions, ...traffic]);
      const disruptedMs = Date.now() - disruptedFrom;

      // Every event delivered (a killed relay's claims lapse after their lease), every job finished. Every
      // service with an outbox counts (webhooks' carries its audit entries): found by its table, so none is left out.
      const publishers = await servicesWithOutbox();
      expect(publishers).toEqual(
        expect.arrayContaining(["identity", "connections", "entitlements", "support", "webhooks"]),
      );
      await within(60_000, "every outbox event delivered", async () => {
        for (const name of publishers) {
          const [{ n }] = await rows<{ n: number }>(
            name,
            "SELECT COUNT(*) AS n FROM outbox_event WHERE delivered_at IS NULL",
          );
          if (Number(n)) return false;
        }
        return true;
      });
      await within(60_000, "every bulk job completed", async () => {
        const jobs = await rows<{ status: string }>(
          "connections",
          "SELECT status FROM bulk_job WHERE organization_id IN (?)",
          [partners.map((p) => p.id)],
        );
        return jobs.length === partners.length && jobs.every((job) => job.status === "COMPLETED");
      });

      // Each connection event of these partners: exactly one notification, exactly one delivery per webhook.
      const events = (
        await rows<{ id: string; type: string; payload: string }>(
          "connections",
          "SELECT id, type, payload FROM outbox_event WHERE type IN ('ConnectionMade', 'ConnectionEnded')",
        )
      ).filter((e) => partners.some((p) => JSON.parse(e.payload).partnerId === p.id));
      const made = events.filter((e) => e.type === "ConnectionMade");
      expect(made.length).toBeGreaterThan(partners.length);
      const notices = await rows<{ source_event_id: string; n: number }>(
        "support",
        "SELECT source_event_id, COUNT(*) AS n FROM notification WHERE source_event_id IN (?) GROUP BY source_event_id",
        [events.map((e) => e.id)],
      );
      expect(notices.filter((row) => Number(row.n) !== 1)).toEqual([]);
      expect(notices.length).toBe(events.length);

      // Each acceptance one connection: as many connections as ConnectionMade events, never two active for a pair.
      const connections = await rows<{ partner_id: string; customer_id: string; status: string }>(
        "connections",
        "SELECT partner_id, customer_id, status FROM connection WHERE partner_id IN (?)",
        [partners.map((p) => p.id)],
      );
      expect(connections.length).toBe(made.length);
      const active = connections.filter((c) => c.status === "ACTIVE").map((c) => `${c.partner_id} ${c.customer_id}`);
      expect(new Set(active).size).toBe(active.length);

      // Each bulk item one customer in identity and one connection.
      const added = await rows<{ name: string }>("identity", "SELECT name FROM organization WHERE name IN (?)", [
        bulkNames,
      ]);
      expect(added.map((row) => row.name).sort()).toEqual([...bulkNames].sort());
      const items = await rows<{ status: string; n: number }>(
        "connections",
        "SELECT i.status, COUNT(*) AS n FROM bulk_job_item i JOIN bulk_job j ON j.id = i.job_id WHERE j.organization_id IN (?) GROUP BY i.status",
        [partners.map((p) => p.id)],
      );
      expect(items.map((row) => [row.status, Number(row.n)])).toEqual([["SUCCEEDED", bulkNames.length]]);

      // Webhooks: one delivery row per subscription and event, each delivered; the receiver heard every event.
      await within(60_000, "every webhook delivery delivered", async () => {
        const pending = await rows<{ n: number }>(
          "webhooks",
          "SELECT COUNT(*) AS n FROM webhook_delivery WHERE webhook_id IN (?) AND delivered_at IS NULL",
          [hooks],
        );
        return Number(pending[0].n) === 0;
      });
      const deliveries = await rows<{ event_id: string; n: number }>(
        "webhooks",
        "SELECT event_id, COUNT(*) AS n FROM webhook_delivery WHERE webhook_id IN (?) GROUP BY webhook_id, event_id",
        [hooks],
      );
      expect(deliveries.filter((row) => Number(row.n) !== 1)).toEqual([]);
      // Bulk-added customers connected too: their ConnectionMade events are among `events`.
      expect(deliveries.length).toBe(events.length);
      expect(deliveries.every((row) => receiver.byEvent.has(row.event_id))).toBe(true);

      const redelivered = [...receiver.byEvent.values()].filter((n) => n > 1).length;
      console.log(
        `replicas: ${schedule.length} replicas stopped or killed and restarted in ${disruptedMs} ms; ${outcomes.ok} requests answered, ${outcomes.failed} failed or cut while replicas went down; ` +
          `${events.length} connection events, ${bulkNames.length} bulk customers; ${redelivered} webhook events ` +
          `received more than once; ${balancers.reduce((n, b) => n + b.skipped, 0)} requests skipped a down replica`,
      );
    }, 900_000);
  },
);
