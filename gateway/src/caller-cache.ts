import type { Caller, DirectoryChange } from "@partnergraph/kit";

interface Entry {
  caller: Caller;
  expiresAt: number;
}

/**
 * Callers resolved moments ago, kept for CALLER_CACHE_TTL_MS: most requests then ask identity nothing, and while
 * identity is down a person served moments ago is still served. An entry goes as soon as identity announces a
 * change to its person or organization (`forget`), so a revoked grant or badge applies on the very next request.
 * A lookup is a string key and a Map read.
 */
export class CallerCache {
  private readonly entries = new Map<string, Entry>();
  /** Resolutions under way, shared by the requests that wait for the same caller. */
  private readonly pending = new Map<string, Promise<Caller>>();
  /** Moves on with every change: an answer asked for before a change may predate it and is not kept. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  /** The cached caller for this token and acting organization, or `ask()`'s answer (kept unless it failed). */
  resolve(subject: string, email: string, organizationId: string | null, ask: () => Promise<Caller>): Promise<Caller> {
    if (this.ttlMs <= 0) return ask();
    const key = `${subject}\n${email}\n${organizationId ?? ""}`;
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return Promise.resolve(hit.caller);
    if (hit) this.entries.delete(key);
    let waiting = this.pending.get(key);
    if (!waiting) {
      const generation = this.generation;
      waiting = ask()
        .then((caller) => {
          if (generation === this.generation) this.keep(key, caller);
          return caller;
        })
        .finally(() => {
          if (this.pending.get(key) === waiting) this.pending.delete(key);
        });
      this.pending.set(key, waiting);
    }
    return waiting;
  }

  /** Drops every caller of these people, or acting as or belonging to these organizations. */
  forget(change: DirectoryChange): void {
    this.generation++;
    // A resolution under way may have read the directory before the change: later requests ask afresh.
    this.pending.clear();
    const users = new Set(change.userIds);
    const organizations = new Set(change.organizationIds);
    for (const [key, { caller }] of this.entries) {
      if (
        users.has(caller.userId) ||
        (caller.organizationId !== null && organizations.has(caller.organizationId)) ||
        (caller.homeOrganizationId !== null && organizations.has(caller.homeOrganizationId))
      )
        this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private keep(key: string, caller: Caller) {
    // Oldest out first when full: entries live seconds, so insertion order is close enough to use.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // A caller acting through a grant that ends is not reused past that end.
    const grantEnd = caller.grantEndsAt ? Date.parse(caller.grantEndsAt) : Infinity;
    this.entries.set(key, { caller, expiresAt: Math.min(Date.now() + this.ttlMs, grantEnd) });
  }
}
