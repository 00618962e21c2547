import { config, DEMO, listen, logger, readBody, sendJson } from "@partnergraph/kit";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { devToken } from "../dev-token";

/** Where `vite build` writes the portal (portal/vite.config.ts). */
export const PORTAL_DIST = join(__dirname, "..", "..", "..", "portal", "dist");

export interface PortalServerOptions {
  /** The gateway's /graphql: the portal's only data source, reached through this server so it is same-origin. */
  gatewayUrl: string;
  /** 0 picks a free one (tests). */
  port: number;
  host?: string;
  distDir?: string;
}

export interface RunningPortal {
  url: string;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** Only what the gateway needs to know who is asking; cookies and the browser's other headers stay here. */
const FORWARDED_HEADERS = ["authorization", "x-organization-id", "content-type", "accept", "x-request-id"];

/** What the single-page app needs before it can sign anyone in: which sign-in, and for development the demo people. */
export function portalSettings() {
  const { nodeEnv, oidc, vendorOrganizationId } = config();
  if (nodeEnv === "production") return { signIn: "oidc" as const, oidc, vendorOrganizationId };
  const demoPeople = Object.values(DEMO.users).map((user) => user.email);
  return { signIn: "development" as const, demoPeople, vendorOrganizationId };
}

async function mintDevToken(request: IncomingMessage, response: ServerResponse) {
  // Production has a real identity provider: minting tokens there would let anyone be anyone.
  if (config().nodeEnv === "production")
    return sendJson(response, 404, { error: { code: "NOT_FOUND", message: "No development sign-in in production" } });
  if (request.method !== "POST") return sendJson(response, 405, { error: { code: "METHOD_NOT_ALLOWED" } });
  let email: unknown;
  try {
    email = (JSON.parse(await readBody(request)) as { email?: unknown }).email;
  } catch {
    email = undefined;
  }
  if (typeof email !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim()))
    return sendJson(response, 400, {
      error: { code: "BAD_USER_INPUT", field: "email", message: "Enter an email address" },
    });
  sendJson(response, 200, { token: await devToken(email) });
}

function proxyToGateway(gatewayUrl: string, request: IncomingMessage, response: ServerResponse) {
  const target = new URL(gatewayUrl);
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const search = new URL(request.url ?? "/", "http://portal").search;
  const upstream = httpRequest(
    { hostname: target.hostname, port: target.port, path: target.pathname + search, method: request.method, headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on("error", (error) => {
    logger.warn("portal: the gateway did not answer", { error: error.message });
    if (!response.headersSent)
      sendJson(response, 502, {
        errors: [{ message: "The API is not answering", extensions: { code: "BAD_GATEWAY" } }],
      });
    else response.destroy();
  });
  request.pipe(upstream);
}

function serveStatic(distDir: string, pathname: string, response: ServerResponse) {
  const wanted = normalize(join(distDir, decodeURIComponent(pathname)));
  const inside = wanted.startsWith(distDir + sep);
  const isFile = inside && existsSync(wanted) && statSync(wanted).isFile();
  // Every other path is one of the app's own routes (an invitation link: /connect/TOKEN): the app decides.
  const file = isFile ? wanted : join(distDir, "index.html");
  if (!existsSync(file)) {
    response.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
    return response.end("The portal is not built: run npm run build:portal\n");
  }
  // Vite fingerprints everything under assets/, so it may be kept forever; index.html never.
  const immutable = isFile && pathname.startsWith("/assets/");
  response.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
    "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
  });
  createReadStream(file).pipe(response);
}

/** The built portal at PORTAL_URL, its GraphQL through the gateway, and (outside production) the dev sign-in. */
export async function startPortalServer(options: PortalServerOptions): Promise<RunningPortal> {
  const distDir = options.distDir ?? PORTAL_DIST;
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://portal");
    if (pathname === "/graphql") return proxyToGateway(options.gatewayUrl, request, response);
    if (pathname === "/portal/settings") return sendJson(response, 200, portalSettings());
    if (pathname === "/dev/token") {
      mintDevToken(request, response).catch((error) => {
        logger.error("portal: development token", { error: String(error) });
        if (!response.headersSent) sendJson(response, 500, { error: { code: "INTERNAL_SERVER_ERROR" } });
      });
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD")
      return sendJson(response, 405, { error: { code: "METHOD_NOT_ALLOWED" } });
    serveStatic(distDir, pathname, response);
  });
  const host = options.host ?? "127.0.0.1";
  const port = await listen(server, options.port, host);
  return {
    url: `http://${host}:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
