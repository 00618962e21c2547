import { Gauge } from "prom-client";
import { DataSource, IsNull } from "typeorm";
import { OutboxEvent } from "../outbox";
import type { ServiceMetrics } from "./metrics";

/** mysql2's pool keeps its connections in these queues (not public API, so read defensively). */
interface Mysql2Pool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/** Connections of the MySQL pool in use, idle, and requests waiting for one; read when scraped. */
export function watchDatabase(metrics: ServiceMetrics, dataSource: DataSource): void {
  new Gauge({
    name: "partnergraph_db_pool_connections",
    help: "MySQL pool connections by state (in_use, idle, waiting for one); absent on the embedded database",
    labelNames: ["state"],
    registers: [metrics.registry],
    collect() {
      const pool = (dataSource.driver as { pool?: Mysql2Pool }).pool;
      if (!pool?._allConnections || !pool._freeConnections) return;
      const idle = pool._freeConnections.length;
      this.set({ state: "in_use" }, pool._allConnections.length - idle);
      this.set({ state: "idle" }, idle);
      this.set({ state: "waiting" }, pool._connectionQueue?.length ?? 0);
    },
  });
}

/** Undelivered outbox events and the age of the oldest: a stuck consumer shows as a growing age. */
export function watchOutbox(metrics: ServiceMetrics, dataSource: DataSource): void {
  const pending = new Gauge({
    name: "partnergraph_outbox_pending_events",
    help: "Outbox events not yet delivered to every subscriber",
    registers: [metrics.registry],
  });
  new Gauge({
    name: "partnergraph_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest undelivered outbox event (0 when none)",
    registers: [metrics.registry],
    async collect() {
      if (!dataSource.isInitialized) return;
      const repository = dataSource.getRepository(OutboxEvent);
      const [count, oldest] = await Promise.all([
        repository.count({ where: { deliveredAt: IsNull() } }),
        repository.findOne({
          where: { deliveredAt: IsNull() },
          order: { createdAt: "ASC" },
          select: { id: true, createdAt: true },
        }),
      ]);
      pending.set(count);
      this.set(oldest ? Math.max(0, (Date.now() - oldest.createdAt.getTime()) / 1000) : 0);
    },
  });
}
