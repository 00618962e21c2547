import { useSyncExternalStore } from "react";

/**
 * How the portal gets a new token when the API refuses this one as expired: with the refresh token the identity
 * provider issued (production), or by minting one again for the same person as the development picker does.
 */
export type Renewal =
  | { kind: "refresh"; refreshToken: string; tokenEndpoint: string; clientId: string }
  | { kind: "development"; email: string };

/** Who is signed in (their bearer token) and which organization they act as (`X-Organization-Id`), per browser. */
export interface Session {
  token: string | null;
  /** One sign-in of one person: kept while their token is renewed, new at every sign-in. */
  signInId: string | null;
  /**
   * An organization the person administers for a customer, and with which access (custom: some services, not the
   * account's own administration); null acts as their own.
   */
  actingAs: { id: string; name: string; access?: "FULL" | "CUSTOM" } | null;
  /** Null: when the token expires, the person signs in again. */
  renewal: Renewal | null;
  /** Why the person is signed out when their session ended on its own, said on the sign-in page. */
  ended: string | null;
}

const KEY = "partnergraph.session";
const SIGNED_OUT: Session = { token: null, signInId: null, actingAs: null, renewal: null, ended: null };
const listeners = new Set<() => void>();
let current: Session = read();

function read(): Session {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as Session | null;
    if (stored && typeof stored.token === "string")
      return {
        token: stored.token,
        signInId: stored.signInId ?? crypto.randomUUID(),
        actingAs: stored.actingAs ?? null,
        renewal: stored.renewal ?? null,
        ended: null,
      };
  } catch {
    // A damaged entry is a signed-out browser.
  }
  return SIGNED_OUT;
}

function write(next: Session) {
  current = next;
  if (next.token) localStorage.setItem(KEY, JSON.stringify({ ...next, ended: null }));
  else localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export const session = {
  get: () => current,
  signIn: (token: string, renewal: Renewal | null) =>
    write({ token, signInId: crypto.randomUUID(), actingAs: null, renewal, ended: null }),
  signOut: () => write(SIGNED_OUT),
  /** A new token for the same person, still acting as the same organization. */
  renewed: (token: string, renewal: Renewal | null) => write({ ...current, token, renewal }),
  /** The session ended on its own (its token expired and could not be renewed): said when asked to sign in again. */
  end: (reason: string) => write({ ...SIGNED_OUT, ended: reason }),
  actAs: (organization: Session["actingAs"]) => write({ ...current, actingAs: organization }),
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session {
  return useSyncExternalStore(session.subscribe, session.get);
}
