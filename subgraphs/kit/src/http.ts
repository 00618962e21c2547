import { ApolloServer, BaseContext, HeaderMap, HTTPGraphQLRequest } from "@apollo/server";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo, createServer as createNetServer } from "node:net";
import { inFlightRequests, isDraining, trackRequest } from "./drain";
import { InternalRoutes, SIGNATURE_HEADER, verifySignature } from "./internal";
import { logger } from "./logger";
import { observeHttpRequest, RouteKind } from "./observability/http-request";
import type { ServiceMetrics } from "./observability/metrics";

const MAX_BODY_BYTES = 1_000_000;

export interface HttpOptions<TContext extends BaseContext> {
  /** Who answers (gateway, identity…): on log lines, metrics and spans. */
  service?: string;
  /** Served at /metrics (Prometheus text). */
  metrics?: ServiceMetrics;
  /** The GraphQL server; without one only /health, /ready and /internal answer. */
  apollo?: ApolloServer<TContext>;
  /** The request's context; it sees the GraphQL request too (the gateway bounds its work before Apollo parses it). */
  context?: (request: IncomingMessage, graphql: HTTPGraphQLRequest) => Promise<TContext>;
  /** Signed service-to-service routes, served at POST /internal/<name>. */
  internalRoutes?: InternalRoutes;
  /** Readiness: /ready answers 200 only when this resolves true. */
  ready?: () => Promise<boolean>;
  /**
   * Sees every request other than /health, /ready and /internal first (the gateway's CORS and /schema.graphql):
   * true when it answered the request itself, false to let /graphql answer (it may have set headers).
   */
  intercept?: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
}

class BodyTooLargeError extends Error {}

/** A request body as text; over 1 MB it throws (the caller answers 413 or 400). */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

async function serveInternal(routes: InternalRoutes, name: string, request: IncomingMessage, response: ServerResponse) {
  const route = Object.prototype.hasOwnProperty.call(routes, name) ? routes[name] : undefined;
  if (!route || request.method !== "POST") return sendJson(response, 404, { error: "no such route" });
  const body = await readBody(request);
  if (!verifySignature(request.headers[SIGNATURE_HEADER] as string | undefined, body)) {
    return sendJson(response, 401, { error: "unsigned or badly signed internal call", code: "UNAUTHENTICATED" });
  }
  try {
    sendJson(response, 200, await route(JSON.parse(body)));
  } catch (error) {
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    if (code && code !== "INTERNAL_SERVER_ERROR")
      return sendJson(response, 400, { error: (error as Error).message, code });
    logger.error("internal route failed", { route: name, error: (error as Error).stack });
    sendJson(response, 500, { error: "internal error", code: "INTERNAL_SERVER_ERROR" });
  }
}

async function serveGraphQL<TContext extends BaseContext>(
  options: HttpOptions<TContext>,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const raw = request.method === "POST" ? await readBody(request) : "";
  let body: unknown = raw;
  if (raw && (headers.get("content-type") ?? "").includes("application/json")) {
    try {
      body = JSON.parse(raw);
    } catch {
      return sendJson(response, 400, {
        errors: [{ message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }],
      });
    }
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = { method: request.method ?? "GET", headers, search: url.search, body };
  const result = await options.apollo!.executeHTTPGraphQLRequest({
    httpGraphQLRequest,
    context: () => options.context!(request, httpGraphQLRequest),
  });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === "complete") return response.end(result.body.string);
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

function routeKind(pathname: string): RouteKind {
  if (pathname === "/graphql" || pathname === "/") return "graphql";
  return pathname.startsWith("/internal/") ? "internal" : "other";
}

/**
 * How long a server keeps an idle keep-alive connection. A client that sends on a connection the server is closing
 * at that moment gets a reset and no answer (under load: ECONNRESET on a mutation, which is never retried). Node's
 * default is 5 s, and fetch keeps an idle connection for the advertised time less 2 s, so a client stalled 2 s lost
 * that race every few seconds of idling. Clients here (fetch, load balancers with their usual 60 s) close first.
 */
export const SERVER_IDLE_MS = 65_000;

/** A plain node:http server: /graphql (Apollo), /health, /ready, /metrics and signed /internal routes. */
export function createHttpServer<TContext extends BaseContext>(options: HttpOptions<TContext>): Server {
  // Each request runs in its own scope (observeHttpRequest): its id and deadline reach every call it makes.
  const server: Server = createServer((request, response) => void handle(request, response));
  server.keepAliveTimeout = SERVER_IDLE_MS;
  server.headersTimeout = SERVER_IDLE_MS + 1_000;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const kind = routeKind(url.pathname);
    await observeHttpRequest(options.service ?? "service", options.metrics, kind, request, response, () =>
      route(url, kind, request, response),
    );
  };

  async function route(url: URL, kind: RouteKind, request: IncomingMessage, response: ServerResponse) {
    try {
      if (url.pathname === "/health")
        return sendJson(response, 200, { status: "ok", inFlight: inFlightRequests(server) });
      if (url.pathname === "/ready") {
        const ready = !isDraining(server) && (options.ready ? await options.ready().catch(() => false) : true);
        return sendJson(response, ready ? 200 : 503, { status: ready ? "ready" : "not ready" });
      }
      if (url.pathname === "/metrics" && options.metrics) {
        const text = await options.metrics.exposition();
        response.writeHead(200, { "content-type": options.metrics.contentType });
        return response.end(text);
      }
      trackRequest(server, response);
      if (kind === "internal" && options.internalRoutes) {
        return await serveInternal(options.internalRoutes, url.pathname.slice("/internal/".length), request, response);
      }
      if (options.intercept && (await options.intercept(request, response, url))) return;
      if (options.apollo && kind === "graphql") return await serveGraphQL(options, request, response, url);
      sendJson(response, 404, { error: "not found" });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendJson(response, 413, { error: "request body too large" });
      logger.error("request failed", { error: (error as Error).stack });
      if (!response.headersSent)
        sendJson(response, 500, {
          errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
        });
      else response.end();
    }
  }
  return server;
}

export async function listen(server: Server, port: number, host = "127.0.0.1"): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** A loopback port nobody listens on right now (the OS picks it; a tiny race with other binders is accepted). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
