import * as contracts from "@partnergraph/contracts";
import {
  ConnectionMade,
  EVENT_ROUTING,
  EventHandlers,
  EventType,
  isOrgId,
  publishedBy,
  publishersOf,
  SubscribedBy,
} from "@partnergraph/contracts";
import { DeliveredEvent, RouteContract, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { SUBGRAPHS } from "@partnergraph/scripts";
import type { DataSource } from "typeorm";

const types = Object.keys(EVENT_ROUTING) as EventType[];
const subscribedBy = (name: string) => types.filter((type) => EVENT_ROUTING[type].subscribers.some((s) => s === name));

describe("events: what the contract routes is what the subgraphs publish and apply", () => {
  it.each(SUBGRAPH_NAMES)("%s has exactly one handler for each event type it subscribes to", (name) => {
    const handlers = Object.keys(SUBGRAPHS[name].events?.handlers ?? {}).sort();
    expect(handlers).toEqual(subscribedBy(name).sort());
  });

  it.each(SUBGRAPH_NAMES)("%s publishes exactly the types the contract names it the publisher of", (name) => {
    expect(SUBGRAPHS[name].events?.publishes ?? {}).toEqual(publishedBy(name));
  });

  it("gives every event type a publisher and a subscriber among this repository's subgraphs", () => {
    for (const type of types) {
      const { subscribers } = EVENT_ROUTING[type];
      for (const publisher of publishersOf(type))
        expect({ type, publisher, published: type in (SUBGRAPHS[publisher].events?.publishes ?? {}) }).toEqual({
          type,
          publisher,
          published: true,
        });
      expect(subscribers.length).toBeGreaterThan(0);
      for (const subscriber of subscribers) expect(SUBGRAPHS[subscriber].events?.handlers).toHaveProperty(type);
    }
  });
});

describe("events: a handler that disagrees with the published payload does not compile", () => {
  // Checked by `npm run check:types` (tsconfig.check.json covers this file): each @ts-expect-error must meet
  // an error, so these lines fail the build the day the typing stops catching the mistake.
  it("refuses a handler that expects a field the publisher does not send, or a narrower one", () => {
    const apply = async () => undefined;
    const support: EventHandlers<"support"> = SUBGRAPHS.support.events!.handlers as EventHandlers<"support">;
    const expectsMore: EventHandlers<"support"> = {
      ...support,
      // @ts-expect-error the payload has no `channel`
      ConnectionMade: (_manager, _event: DeliveredEvent<ConnectionMade & { channel: string }>) => apply(),
    };
    const expectsNarrower: EventHandlers<"support"> = {
      ...support,
      // @ts-expect-error origin is INVITATION or ADDED_BY_PARTNER, not only INVITATION
      ConnectionMade: (_manager, _event: DeliveredEvent<ConnectionMade & { origin: "INVITATION" }>) => apply(),
    };
    // @ts-expect-error support subscribes to ConnectionEnded: leaving out its handler does not compile
    const missing: EventHandlers<"support"> = { ...support, ConnectionEnded: undefined };
    // @ts-expect-error identity subscribes to nothing called ConnectionMade
    const unsubscribed: EventHandlers<"identity"> = { CustomerAddedByPartner: apply, ConnectionMade: apply };
    const subscribed: SubscribedBy<"identity">[] = ["CustomerAddedByPartner"];
    expect([expectsMore, expectsNarrower, missing, unsubscribed, subscribed]).toHaveLength(5);
  });
});

describe("signed routes", () => {
  const routes = Object.entries(contracts as Record<string, unknown>).filter(
    (entry): entry is [string, RouteContract<unknown, unknown>] =>
      typeof entry[1] === "object" && entry[1] !== null && "service" in entry[1] && "name" in entry[1],
  );

  it("are declared", () => expect(routes.map(([name]) => name).length).toBeGreaterThanOrEqual(5));

  it.each(routes)("%s is served by the service the contract names", (_name, route) => {
    // Route tables only bind handlers to the data source; nothing is queried to list them.
    const served = SUBGRAPHS[route.service].internalRoutes?.({} as DataSource) ?? {};
    expect(Object.keys(served)).toContain(route.name);
  });
});

describe("ORGID", () => {
  it("is ORG- and ten upper-case letters or digits", () => {
    expect(["ORG-7K3M9Q2XWD", "ORG-VENDOR0001"].map(isOrgId)).toEqual([true, true]);
    expect(["ORG-7K3M9Q2XW", "ORG-7K3M9Q2XWDX", "org-7k3m9q2xwd", "ORG-7K3M9Q2XW!", ""].map(isOrgId)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
