import type { DataSource, EntitySubscriberInterface } from "typeorm";
import type { AfterQueryEvent } from "typeorm/subscriber/event/QueryEvent";
import { context, trace } from "@opentelemetry/api";
import { SpanKind, SpanStatusCode, tracerOf } from "./tracing";

const MAX_STATEMENT = 2000;

/**
 * One span per SQL statement, child of the span that ran it. TypeORM tells subscribers after each query how long
 * it took, so the span is drawn backwards from then: no patching of the driver. Statements carry placeholders;
 * parameters are never recorded. Only when tracing is on: otherwise no subscriber is added at all.
 */
export function traceSql(service: string, dataSource: DataSource): void {
  const tracer = tracerOf(service);
  if (!tracer) return;
  const system = dataSource.options.type === "sqljs" ? "sqlite" : "mysql";
  const subscriber: EntitySubscriberInterface = {
    afterQuery(event: AfterQueryEvent) {
      // Statements outside a traced request (the relay's polling) would each be a trace of their own: noise.
      if (!trace.getSpan(context.active())) return;
      const end = Date.now();
      const operation = /^\s*(\w+)/.exec(event.query)?.[1]?.toUpperCase() ?? "SQL";
      const span = tracer.startSpan(operation, {
        kind: SpanKind.CLIENT,
        startTime: end - (event.executionTime ?? 0),
        attributes: {
          "db.system.name": system,
          "db.operation.name": operation,
          "db.query.text": event.query.slice(0, MAX_STATEMENT),
        },
      });
      if (!event.success) span.setStatus({ code: SpanStatusCode.ERROR, message: String(event.error) });
      span.end(end);
    },
  };
  dataSource.subscribers.push(subscriber);
}
