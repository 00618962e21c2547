import { createHash, randomBytes } from "node:crypto";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, JWK, SignJWT } from "jose";

/**
 * A small OpenID Connect provider for the browser test, on 127.0.0.1: discovery, an authorize endpoint with a
 * sign-in form, a token endpoint that checks the PKCE verifier (S256) and the redirect, and the JWKS the gateway
 * verifies its RS256 access tokens with. One registered public client, people known by email.
 */
export interface TestIssuerOptions {
  clientId: string;
  redirectUri: string;
  /** The API the access tokens are for (their `aud`). */
  audience: string;
  /** email → subject. */
  people: Record<string, string>;
}

/** How the provider issues tokens from now on (a test changes it between sign-ins). */
export interface TokenPolicy {
  /** An access token's lifetime. */
  accessTokenSeconds: number;
  /** Whether a refresh token comes with the access token (rotated at each refresh). */
  refreshTokens: boolean;
}

export interface TestIssuer {
  issuer: string;
  jwksUri: string;
  /** What the token endpoint did, in order: "issued", "refreshed", or why it refused. */
  tokenExchanges: string[];
  policy: TokenPolicy;
  /** Every refresh token issued so far stops being good (the person's session was ended at the provider). */
  revokeRefreshTokens(): void;
  /** An access token signed with the provider's key, claims as given (tests of refusal). */
  sign(claims: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  subject: string;
  email: string;
}

const sha256url = (text: string) => createHash("sha256").update(text).digest("base64url");
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => resolve(new URLSearchParams(body)));
    request.on("error", reject);
  });
}

function json(response: ServerResponse, status: number, body: unknown) {
  // The portal is a browser app on another origin: discovery and the token endpoint answer it (CORS).
  response.writeHead(status, {
    "content-type": "application/json",
    "access-control-allow-origin": "*",
    "cache-control": "no-store",
  });
  response.end(JSON.stringify(body));
}

function signInForm(params: URLSearchParams, problem?: string): string {
  const hidden = [...params.entries()]
    .filter(([name]) => name !== "email")
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body><main>
<h1>Test identity provider</h1>${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ""}
<form method="post" action="/authorize" aria-label="Sign in to the test identity provider">${hidden}
<label for="email">Work email</label><input id="email" name="email" type="email" required>
<button type="submit">Continue</button></form></main></body></html>`;
}

export async function startTestIssuer(options: TestIssuerOptions): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const kid = randomBytes(8).toString("hex");
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const codes = new Map<string, PendingCode>();
  const tokenExchanges: string[] = [];
  const policy: TokenPolicy = { accessTokenSeconds: 300, refreshTokens: false };
  /** Refresh token → whose it is; good for one refresh (rotation). */
  const refreshTokens = new Map<string, { subject: string; email: string }>();
  let issuer = "";

  const sign = (claims: Record<string, unknown>, seconds = 300) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt" })
      .setIssuedAt()
      .setExpirationTime(`${seconds}s`)
      .sign(privateKey);

  /** The token endpoint's answer for a person: an access token under the policy, and a refresh token if it says so. */
  async function tokensFor(person: { subject: string; email: string }, scope: string | null) {
    const accessToken = await sign(
      { iss: issuer, aud: options.audience, sub: person.subject, email: person.email, client_id: options.clientId },
      policy.accessTokenSeconds,
    );
    const refreshToken = policy.refreshTokens ? randomBytes(16).toString("base64url") : undefined;
    if (refreshToken) refreshTokens.set(refreshToken, person);
    return {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: policy.accessTokenSeconds,
      scope,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    };
  }

  async function refresh(form: URLSearchParams, response: ServerResponse) {
    const person = refreshTokens.get(form.get("refresh_token") ?? "");
    refreshTokens.delete(form.get("refresh_token") ?? "");
    const refusal = !person
      ? "unknown or used refresh token"
      : form.get("client_id") !== options.clientId
        ? "client_id"
        : null;
    tokenExchanges.push(refusal ?? "refreshed");
    if (refusal || !person) return json(response, 400, { error: "invalid_grant", error_description: refusal });
    json(response, 200, await tokensFor(person, null));
  }

  /** The authorization request is checked before anyone is asked to sign in: a wrong client or redirect stops here. */
  function authorizationProblem(params: URLSearchParams): string | null {
    if (params.get("client_id") !== options.clientId) return "unknown client";
    if (params.get("redirect_uri") !== options.redirectUri) return "redirect_uri is not registered for this client";
    if (params.get("response_type") !== "code") return "only the authorization code flow";
    if (params.get("code_challenge_method") !== "S256" || !params.get("code_challenge")) return "PKCE (S256) required";
    if (!params.get("state")) return "state required";
    return null;
  }

  async function authorize(request: IncomingMessage, response: ServerResponse, url: URL) {
    const params = request.method === "POST" ? await readForm(request) : url.searchParams;
    const problem = authorizationProblem(params);
    if (problem) {
      response.writeHead(400, { "content-type": "text/plain" });
      return response.end(problem);
    }
    const email = params.get("email")?.trim().toLowerCase() ?? "";
    const subject = options.people[email];
    if (request.method !== "POST" || !subject) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return response.end(signInForm(params, email ? "No account with that email" : undefined));
    }
    const code = randomBytes(16).toString("base64url");
    codes.set(code, {
      clientId: options.clientId,
      redirectUri: options.redirectUri,
      challenge: params.get("code_challenge")!,
      subject,
      email,
    });
    const back = new URL(options.redirectUri);
    back.searchParams.set("code", code);
    back.searchParams.set("state", params.get("state")!);
    response.writeHead(302, { location: back.toString() });
    response.end();
  }

  async function token(request: IncomingMessage, response: ServerResponse) {
    const form = await readForm(request);
    if (form.get("grant_type") === "refresh_token") return refresh(form, response);
    const code = form.get("code") ?? "";
    const pending = codes.get(code);
    codes.delete(code); // A code is good for one exchange, whatever its outcome.
    const refusal = !pending
      ? "unknown or used code"
      : form.get("grant_type") !== "authorization_code"
        ? "grant_type"
        : form.get("client_id") !== pending.clientId
          ? "client_id"
          : form.get("redirect_uri") !== pending.redirectUri
            ? "redirect_uri"
            : sha256url(form.get("code_verifier") ?? "") !== pending.challenge
              ? "code_verifier does not match the challenge"
              : null;
    tokenExchanges.push(refusal ?? "issued");
    if (refusal || !pending) return json(response, 400, { error: "invalid_grant", error_description: refusal });
    json(response, 200, await tokensFor(pending, form.get("scope")));
  }

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", issuer || "http://127.0.0.1");
    if (request.method === "OPTIONS") {
      response.writeHead(204, {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "content-type",
      });
      return response.end();
    }
    const handled =
      url.pathname === "/.well-known/openid-configuration"
        ? json(response, 200, {
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/jwks`,
            response_types_supported: ["code"],
            grant_types_supported: ["authorization_code", "refresh_token"],
            code_challenge_methods_supported: ["S256"],
            subject_types_supported: ["public"],
            id_token_signing_alg_values_supported: ["RS256"],
            token_endpoint_auth_methods_supported: ["none"],
          })
        : url.pathname === "/jwks"
          ? json(response, 200, { keys: [publicJwk] })
          : url.pathname === "/authorize"
            ? authorize(request, response, url)
            : url.pathname === "/token" && request.method === "POST"
              ? token(request, response)
              : json(response, 404, { error: "not_found" });
    Promise.resolve(handled).catch((error: Error) => {
      if (!response.headersSent) json(response, 500, { error: "server_error", error_description: error.message });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    tokenExchanges,
    policy,
    revokeRefreshTokens: () => refreshTokens.clear(),
    sign,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
