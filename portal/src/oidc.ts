import type { Renewal } from "./session";

/**
 * Production sign-in: the identity provider's authorization code flow with PKCE (RFC 7636), a public client.
 * The verifier and state live in sessionStorage for the one round trip; the access token becomes the session.
 */
interface Pending {
  verifier: string;
  state: string;
  tokenEndpoint: string;
  returnTo: string;
}

const KEY = "partnergraph.oidc";
export const CALLBACK_PATH = "/callback";

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

const randomText = (size: number) => base64url(crypto.getRandomValues(new Uint8Array(size)));

export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

export async function beginOidcSignIn(oidc: OidcSettings, returnTo: string): Promise<void> {
  const response = await fetch(`${oidc.issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error("The identity provider did not describe itself");
  const discovery = (await response.json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = randomText(32);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))),
  );
  const pending: Pending = { verifier, state: randomText(16), tokenEndpoint: discovery.token_endpoint, returnTo };
  sessionStorage.setItem(KEY, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: oidc.clientId,
    redirect_uri: location.origin + CALLBACK_PATH,
    scope: oidc.scope,
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  location.assign(`${discovery.authorization_endpoint}?${query.toString()}`);
}

/** On /callback: the code exchanged for the access token the gateway verifies (and a refresh token, if the provider issues one); where to go back to. */
export async function completeOidcSignIn(
  oidc: OidcSettings,
): Promise<{ token: string; renewal: Renewal | null; returnTo: string }> {
  const pending = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Pending | null;
  sessionStorage.removeItem(KEY);
  const params = new URLSearchParams(location.search);
  if (params.get("error")) throw new Error(params.get("error_description") ?? params.get("error") ?? "Sign-in refused");
  if (!pending || params.get("state") !== pending.state)
    throw new Error("This sign-in was not started here; try again");
  const tokens = await exchange(pending.tokenEndpoint, {
    grant_type: "authorization_code",
    code: params.get("code") ?? "",
    redirect_uri: location.origin + CALLBACK_PATH,
    client_id: oidc.clientId,
    code_verifier: pending.verifier,
  });
  if (!tokens) throw new Error("The identity provider refused the sign-in; try again");
  if (!tokens.access_token) throw new Error("The identity provider gave no access token");
  const renewal: Renewal | null = tokens.refresh_token
    ? {
        kind: "refresh",
        refreshToken: tokens.refresh_token,
        tokenEndpoint: pending.tokenEndpoint,
        clientId: oidc.clientId,
      }
    : null;
  return { token: tokens.access_token, renewal, returnTo: pending.returnTo };
}

/** A new access token for the refresh token (and the refresh token to use next: a new one, if the provider rotates them); null when refused. */
export async function refreshOidcToken(
  renewal: Extract<Renewal, { kind: "refresh" }>,
): Promise<{ token: string; refreshToken: string } | null> {
  const tokens = await exchange(renewal.tokenEndpoint, {
    grant_type: "refresh_token",
    refresh_token: renewal.refreshToken,
    client_id: renewal.clientId,
  });
  if (!tokens?.access_token) return null;
  return { token: tokens.access_token, refreshToken: tokens.refresh_token ?? renewal.refreshToken };
}

/** A request to the provider's token endpoint (a public client: no secret); its answer, or null when refused. */
async function exchange(
  tokenEndpoint: string,
  form: Record<string, string>,
): Promise<{ access_token?: string; refresh_token?: string } | null> {
  const response = await fetch(tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return response.ok ? ((await response.json()) as { access_token?: string; refresh_token?: string }) : null;
}
