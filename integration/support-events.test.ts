import { config, OutboxEvent, setConfig, startSubgraph } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { support } from "@partnergraph/support";
import { In } from "typeorm";
import { Client, Seed, useStack } from "./testkit";

/**
 * Events published while the support subgraph is down are kept in the publisher's outbox and all
 * arrive, once each, when it is back. Its own file: on the embedded database a restarted subgraph
 * starts empty, which would disturb other tests.
 */
let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const NOTIFICATIONS = `query { myNotifications(first: 20) { totalCount edges { node { category title relatedOrganization { id } } } } }`;

it("keeps connection events while support is stopped and delivers each once when it is back", async () => {
  const partner = await seed.partner();
  const [first, second] = await Promise.all([seed.customer(), seed.customer()]);
  const connections = stack.subgraphs.connections;
  await connections.relay!.drain();
  const outbox = connections.dataSource.getRepository(OutboxEvent);
  const before = new Set((await outbox.find({ select: { id: true } })).map((e) => e.id));

  const { port } = stack.subgraphs.support;
  await stack.subgraphs.support.stop();

  // Real traffic while support is down: two customers connect, one of them ends it again.
  await seed.connect(partner, first);
  const connectionId = await seed.connect(partner, second);
  await client.ok(second.admin, `mutation($id: ID!) { terminateConnection(id: $id) { id status } }`, {
    id: connectionId,
  });
  await connections.relay!.drain();
  const piled = (await outbox.find()).filter((e) => !before.has(e.id) && e.pending.includes("support"));
  expect(piled.map((e) => e.type).sort()).toEqual(["ConnectionEnded", "ConnectionMade", "ConnectionMade"]);
  // Support was tried (once per relay pass, not once per event) and nothing was delivered.
  expect(piled.every((e) => e.deliveredAt === null)).toBe(true);
  expect(piled.some((e) => e.attempts >= 1)).toBe(true);

  // Back on the same port: everything piled up arrives.
  const restarted = await startSubgraph(support, { port });
  stack.subgraphs.support = restarted;
  setConfig({ subgraphUrls: { ...config().subgraphUrls, support: restarted.url } });
  await connections.relay!.drain();
  const delivered = await outbox.find({ where: { id: In(piled.map((e) => e.id)) } });
  expect(delivered.every((e) => e.deliveredAt !== null && e.pending.length === 0)).toBe(true);

  const mine = (await client.ok(partner.admin, NOTIFICATIONS)).myNotifications;
  expect(mine.totalCount).toBe(3);
  expect(mine.edges.map((e: any) => `${e.node.category} ${e.node.relatedOrganization.id}`).sort()).toEqual(
    [
      `CONNECTION_ENDED_BY_CUSTOMER ${second.id}`,
      `CUSTOMER_CONNECTED ${first.id}`,
      `CUSTOMER_CONNECTED ${second.id}`,
    ].sort(),
  );

  // Delivered again (the relay lost its bookkeeping): still once each.
  await outbox.update({ id: In(piled.map((e) => e.id)) }, { deliveredAt: null, pending: ["support"] });
  await connections.relay!.drain();
  expect((await client.ok(partner.admin, NOTIFICATIONS)).myNotifications.totalCount).toBe(3);
});
