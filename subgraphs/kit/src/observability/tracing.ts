import {
  Context,
  context,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  Tracer,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  SpanExporter,
  SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import type { IncomingHttpHeaders } from "node:http";
import { config } from "../config";

/**
 * OpenTelemetry, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test hands an exporter): while off nothing is
 * registered, and every hook below returns after one null check, so a request pays nothing for tracing.
 */
let processor: SpanProcessor | null = null;
const providers = new Map<string, BasicTracerProvider>();

/** Turns tracing on for this process, once: OTLP over HTTP when configured, or the given exporter. */
export function enableTracing(exporter?: SpanExporter): boolean {
  if (processor) return true;
  const endpoint = config().otelExporterEndpoint;
  if (!exporter && !endpoint) return false;
  processor = exporter
    ? new SimpleSpanProcessor(exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint!.replace(/\/$/, "")}/v1/traces` }));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return true;
}

/** Sends what is buffered (before a process exits; tests before they look). */
export async function flushTracing(): Promise<void> {
  await processor?.forceFlush();
}

/** Tests: back to off, globals unregistered. */
export async function disableTracing(): Promise<void> {
  await processor?.shutdown();
  processor = null;
  providers.clear();
  trace.disable();
  context.disable();
  propagation.disable();
}

/**
 * The tracer of one service (its spans carry service.name partnergraph-<service>, also when several services
 * share a process), or null when tracing is off. The gateway's is also the global one, so the spans
 * @apollo/gateway makes itself (request, plan, fetch) join the same trace.
 */
export function tracerOf(service: string): Tracer | null {
  if (!processor) return null;
  let provider = providers.get(service);
  if (!provider) {
    provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": `partnergraph-${service}` }),
      spanProcessors: [processor],
    });
    providers.set(service, provider);
    if (service === "gateway") trace.setGlobalTracerProvider(provider);
  }
  return provider.getTracer("partnergraph");
}

/** The trace context of an incoming request (its traceparent), to continue the caller's trace. */
export function incomingContext(headers: IncomingHttpHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Adds traceparent for the current span to outgoing headers. */
export function injectTraceHeaders(headers: Record<string, string>, active: Context = context.active()): void {
  propagation.inject(active, headers);
}

/** Runs `work` inside a new span of `tracer` (child of the active one), ending it with the outcome. */
export async function inSpan<T>(
  tracer: Tracer,
  name: string,
  kind: SpanKind,
  attributes: Record<string, string | number>,
  work: (span: Span) => Promise<T>,
  parent: Context = context.active(),
): Promise<T> {
  const span = tracer.startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

export { SpanKind, SpanStatusCode };
