import {
  AppliedEvent,
  config,
  createHttpServer,
  DeliveredEvent,
  eventRoutes,
  listen,
  OutboxEvent,
  recordEvent,
  SequenceColumn,
  setConfig,
} from "@partnergraph/kit";
import type { Server } from "node:http";
import { Column, DataSource, Entity, Index } from "typeorm";
import { scratchDatabase } from "./scratch-database";

/** What the test consumer applies: one row per event, numbered in the order applied. */
@Entity("greeting")
export class Greeting {
  @SequenceColumn()
  n: number;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 40 })
  id: string;

  @Column({ type: "varchar", length: 100 })
  text: string;
}

export const SUBSCRIPTIONS = { Greeted: ["support" as const] };

/**
 * A consumer standing in for the support subgraph: its signed events route on a loopback port (the same
 * one again after a restart), an applied_event log, and a record of every delivery it was handed.
 */
export class TestConsumer {
  /** Every delivery, in arrival order, applied or not. */
  readonly received: DeliveredEvent<{ text: string }>[] = [];
  /** Runs before an event is applied; throwing refuses it (the relay sees HTTP 500). */
  before: (event: DeliveredEvent<{ text: string }>) => Promise<void> | void = () => undefined;
  private server: Server | null = null;
  port = 0;

  private constructor(readonly dataSource: DataSource) {}

  static async open(name: string): Promise<TestConsumer> {
    const { dataSource } = await scratchDatabase(name, [AppliedEvent, Greeting]);
    return new TestConsumer(dataSource);
  }

  async start(): Promise<void> {
    this.server = createHttpServer({
      internalRoutes: eventRoutes(this.dataSource, {
        Greeted: async (manager, event: DeliveredEvent<{ text: string }>) => {
          this.received.push(event);
          await this.before(event);
          await manager.insert(Greeting, { id: event.id, text: String(event.payload.text) });
        },
      }),
    });
    this.port = await listen(this.server, this.port);
    setConfig({ subgraphUrls: { ...config().subgraphUrls, support: `http://127.0.0.1:${this.port}/graphql` } });
  }

  stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** The texts applied, in the order they were applied. */
  async applied(): Promise<string[]> {
    const rows = await this.dataSource.getRepository(Greeting).find({ order: { n: "ASC" } });
    return rows.map((row) => row.text);
  }

  async close(): Promise<void> {
    await this.stop();
    await this.dataSource.destroy();
  }
}

/** Records a Greeted event in its own transaction (about `aggregate` when given); `fail` rolls it back. */
export function greet(publisher: DataSource, text: string, options: { aggregate?: string; fail?: boolean } = {}) {
  return publisher.transaction(async (manager) => {
    const event = await recordEvent(manager, SUBSCRIPTIONS, "Greeted", { text }, options.aggregate);
    if (options.fail) throw new Error("the change failed");
    return event;
  });
}

export const outboxOf = (publisher: DataSource) => publisher.getRepository(OutboxEvent);
