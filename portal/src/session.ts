import { useSyncExternalStore } from "react";

/** Who is signed in (their bearer token) and which organization they act as (`X-Organization-Id`), per browser. */
export interface Session {
  token: string | null;
  /** An organization the person administers for a customer; null acts as their own. */
  actingAs: { id: string; name: string } | null;
}

const KEY = "partnergraph.session";
const listeners = new Set<() => void>();
let current: Session = read();

function read(): Session {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as Session | null;
    if (stored && typeof stored.token === "string") return { token: stored.token, actingAs: stored.actingAs ?? null };
  } catch {
    // A damaged entry is a signed-out browser.
  }
  return { token: null, actingAs: null };
}

function write(next: Session) {
  current = next;
  if (next.token) localStorage.setItem(KEY, JSON.stringify(next));
  else localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export const session = {
  get: () => current,
  signIn: (token: string) => write({ token, actingAs: null }),
  signOut: () => write({ token: null, actingAs: null }),
  actAs: (organization: Session["actingAs"]) => write({ ...current, actingAs: organization }),
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session {
  return useSyncExternalStore(session.subscribe, session.get);
}
