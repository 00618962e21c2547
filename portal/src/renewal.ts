import { refreshOidcToken } from "./oidc";
import { Renewal, session } from "./session";

export const SESSION_ENDED = "Your session has ended. Sign in again to continue where you were.";

/** The development sign-in (the picker): a token for this email from the portal server, or why not. */
export async function mintDevToken(email: string): Promise<{ token: string } | { problem: string }> {
  const response = await fetch("/dev/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  const body = (await response.json()) as { token?: string; error?: { message?: string } };
  if (!response.ok || !body.token)
    return { problem: body.error?.message ?? "The development sign-in is not available" };
  return { token: body.token };
}

async function renewedToken(renewal: Renewal): Promise<{ token: string; renewal: Renewal } | null> {
  if (renewal.kind === "refresh") {
    const refreshed = await refreshOidcToken(renewal);
    return refreshed && { token: refreshed.token, renewal: { ...renewal, refreshToken: refreshed.refreshToken } };
  }
  const minted = await mintDevToken(renewal.email);
  return "token" in minted ? { token: minted.token, renewal } : null;
}

let renewing: Promise<boolean> | null = null;

/**
 * The API refused `refused` (401: expired, or no longer good): a new token through the session's renewal, once however
 * many requests were refused together; without one (or when the provider refuses it) the session ends, and the person
 * is asked to sign in again on the page they were on. Whether there is a new token to retry with.
 */
export function renewSession(refused: string): Promise<boolean> {
  const now = session.get();
  if (now.token !== refused) return Promise.resolve(now.token !== null);
  renewing ??= (async () => {
    try {
      const renewed = now.renewal && (await renewedToken(now.renewal).catch(() => null));
      if (renewed) session.renewed(renewed.token, renewed.renewal);
      else session.end(SESSION_ENDED);
      return renewed !== null;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}
