import { DayRetentionOptions, newId, pruneOlderThanRetention } from "@partnergraph/kit";
import { MyNotificationsDocument } from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { NOTIFICATION_RETENTION } from "@partnergraph/support";
import { Client, Seed, useStack } from "./testkit";

// Notifications are pruned by age: NOTIFICATION_RETENTION_DAYS (730 by default), in batches, each with its dismissals.

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

it("keeps notifications two years, and removes older ones with their dismissals in bounded batches", async () => {
  const customer = await seed.customer();
  const dataSource = stack.subgraphs.support.dataSource;
  const notifications = dataSource.getRepository("Notification");
  const dismissals = dataSource.getRepository("NotificationDismissal");
  const ids = new Map<number, string>();
  for (const days of [800, 731, 760, 729, 1]) {
    const id = newId("NTF");
    ids.set(days, id);
    await notifications.insert({
      id,
      organizationId: customer.id,
      category: "SUPPORT",
      title: `${days} days old`,
      body: "b",
      relatedOrganizationId: null,
      sourceEventId: null,
      createdAt: new Date(Date.now() - days * 24 * 3600 * 1000),
    });
    // The oldest and the youngest past the retention's edge dismissed by the customer.
    if (days === 800 || days === 729)
      await dismissals.insert({
        id: newId("NTD"),
        notificationId: id,
        organizationId: customer.id,
        dismissedByUserId: newId("USR"),
        dismissedAt: new Date(),
      });
  }
  const ages = async () =>
    (
      await client.ok(customer.admin, MyNotificationsDocument, { first: 20, includeDismissed: true })
    ).myNotifications.edges.map((edge) => [...ids].find(([, id]) => id === edge.node.id)?.[0]);
  const dismissalsOf = (days: number) => dismissals.count({ where: { notificationId: ids.get(days) } });
  const prune = (options: DayRetentionOptions) => pruneOlderThanRetention(dataSource, NOTIFICATION_RETENTION, options);
  expect(await ages()).toEqual([1, 729, 731, 760, 800]);

  // Two at a time, one batch (a pass cut short, as by a restart): the oldest two go, the 800-day-old one's dismissal
  // with it; the next pass takes the third; nothing younger than two years goes, its dismissal kept.
  expect(await prune({ batchSize: 2, maxBatches: 1 })).toBe(2);
  expect(await dismissalsOf(800)).toBe(0);
  expect(await ages()).toEqual([1, 729, 731]);
  expect(await prune({ batchSize: 2 })).toBe(1);
  expect(await prune({ batchSize: 2 })).toBe(0);
  expect(await ages()).toEqual([1, 729]);
  expect(await dismissalsOf(729)).toBe(1);
  // A shorter retention, as an operator may set it, takes the 729-day-old one too. 700, not 30: the files before
  // this one share the database, and their notifications of a few weeks ago are not this test's to count.
  expect(await prune({ retentionDays: 700 })).toBe(1);
  expect(await ages()).toEqual([1]);
  expect(await dismissalsOf(729)).toBe(0);
});
