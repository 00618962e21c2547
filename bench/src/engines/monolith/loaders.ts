import { alignByKey, groupByKey } from "@partnergraph/kit";
import DataLoader from "dataloader";
import { Databases, placeholders } from "./databases";

export interface OrganizationRow {
  id: string;
  name: string;
  country: string;
}
export interface TrialRow {
  id: string;
  organization_id: string;
  service_code: string;
  status: string;
  starts_at: Date | null;
  ends_at: Date | null;
}
export interface EntitlementRow {
  id: string;
  organization_id: string;
  service_code: string;
  license_count: number;
  expires_at: Date;
}
export interface TicketRow {
  id: string;
  organization_id: string;
  number: string;
  title: string;
  severity: number;
  status: string;
}
export interface NotificationRow {
  id: string;
  organization_id: string;
  category: string;
  title: string;
  created_at: Date;
}
export interface ServiceRow {
  code: string;
  name: string;
}
export interface Slice<T> {
  rows: T[];
  totalCount: number;
}

const ORGANIZATION = "id, name, country, is_vendor, created_at";
const TRIAL =
  "id, organization_id, service_code, status, open_key, requested_at, requested_by_user_id, added_by_organization_id, starts_at, ends_at, decided_at, decided_by_user_id, expiry_announced_at";
const ENTITLEMENT =
  "id, organization_id, service_code, license_count, unit, starts_at, expires_at, expiry_announced_at";
const TICKET =
  "id, number, organization_id, title, description, service_code, severity, status, language, opened_by_user_id, created_at, updated_at";
const NOTIFICATION = "id, organization_id, category, title, body, related_organization_id, source_event_id, created_at";

/**
 * The first `first` rows of each organization and each one's total, as kit's firstRowsPerParent does it:
 * one statement, a derived table ranking (ROW_NUMBER()) and counting (COUNT(*) window) each organization's
 * rows, joined back to load those ranked within `first` + 1.
 */
async function firstRowsPerOrganization<T extends { id: string; organization_id: string }>(
  db: Databases,
  table: "ticket" | "notification",
  columns: string,
  ids: readonly string[],
  filter: { sql: string; params: unknown[] },
  first: number,
): Promise<Slice<T>[]> {
  const where = `t.organization_id IN (${placeholders(ids)})${filter.sql}`;
  const picked = columns
    .split(", ")
    .map((column) => `picked.${column} AS ${column}`)
    .join(", ");
  const ranked = await db.query<T & { rn: number | string; total: number | string }>(
    "support",
    `SELECT ${picked}, ranked.rn AS rn, ranked.total AS total FROM ${table} picked INNER JOIN (SELECT t.id AS id, ROW_NUMBER() OVER (PARTITION BY t.organization_id ORDER BY t.created_at DESC, t.id ASC) AS rn, COUNT(*) OVER (PARTITION BY t.organization_id) AS total FROM ${table} t WHERE ${where}) ranked ON ranked.id = picked.id WHERE ranked.rn <= ${first + 1}`,
    [...ids, ...filter.params],
  );
  const byParent = new Map<string, { rows: T[]; totalCount: number }>();
  for (const { rn, total, ...row } of [...ranked].sort((a, b) => Number(a.rn) - Number(b.rn))) {
    const slice = byParent.get(row.organization_id) ?? { rows: [], totalCount: Number(total) };
    if (Number(rn) <= first) slice.rows.push(row as unknown as T);
    byParent.set(row.organization_id, slice);
  }
  return ids.map((id) => byParent.get(id) ?? { rows: [], totalCount: 0 });
}

const NO_FILTER = { sql: "", params: [] };

/** A loader per distinct arguments, made on first use. */
function perArguments<A extends unknown[], L>(make: (...args: A) => L): (...args: A) => L {
  const made = new Map<string, L>();
  return (...args) => {
    const key = JSON.stringify(args);
    let loader = made.get(key);
    if (!loader) made.set(key, (loader = make(...args)));
    return loader;
  };
}

/** One request's loaders: every organization of the page shares one statement per kind of data. */
/** As support filters: a notice to one person is theirs alone; what the viewing organization dismissed is hidden. */
function notificationFilter(viewer: string | null, person: string) {
  const own = { sql: " AND (t.recipient_user_id IS NULL OR t.recipient_user_id = ?)", params: [person] };
  if (!viewer) return own;
  return {
    sql:
      own.sql +
      " AND NOT EXISTS (SELECT 1 FROM notification_dismissal d WHERE d.notification_id = t.id AND d.organization_id = ?)",
    params: [...own.params, viewer],
  };
}

export function requestLoaders(db: Databases, viewer: string | null, person: string) {
  return {
    organization: new DataLoader<string, OrganizationRow | null>(async (ids) =>
      alignByKey(
        ids,
        await db.query<OrganizationRow>(
          "identity",
          `SELECT ${ORGANIZATION} FROM organization WHERE id IN (${placeholders(ids)})`,
          [...ids],
        ),
        (o) => o.id,
      ),
    ),
    trials: new DataLoader<string, TrialRow[]>(async (ids) =>
      groupByKey(
        ids,
        await db.query<TrialRow>(
          "entitlements",
          `SELECT ${TRIAL} FROM trial WHERE organization_id IN (${placeholders(ids)}) ORDER BY requested_at DESC, id ASC`,
          [...ids],
        ),
        (t) => t.organization_id,
      ),
    ),
    entitlements: new DataLoader<string, EntitlementRow[]>(async (ids) =>
      groupByKey(
        ids,
        await db.query<EntitlementRow>(
          "entitlements",
          `SELECT ${ENTITLEMENT} FROM entitlement WHERE organization_id IN (${placeholders(ids)}) ORDER BY service_code ASC`,
          [...ids],
        ),
        (e) => e.organization_id,
      ),
    ),
    service: new DataLoader<string, ServiceRow | null>(async (codes) =>
      alignByKey(
        codes,
        await db.query<ServiceRow>(
          "entitlements",
          `SELECT code, name, trial_days, resellable, license_unit FROM service WHERE code IN (${placeholders(codes)})`,
          [...codes],
        ),
        (s) => s.code,
      ),
    ),
    /** Per arguments, as the subgraph keys its loaders: cases (optionally of one status) and notifications. */
    tickets: perArguments(
      (status: string | null, first: number) =>
        new DataLoader<string, Slice<TicketRow>>((ids) =>
          firstRowsPerOrganization(
            db,
            "ticket",
            TICKET,
            ids,
            status ? { sql: " AND t.status = ?", params: [status] } : NO_FILTER,
            first,
          ),
        ),
    ),
    notifications: perArguments(
      (first: number) =>
        new DataLoader<string, Slice<NotificationRow>>((ids) =>
          firstRowsPerOrganization(db, "notification", NOTIFICATION, ids, notificationFilter(viewer, person), first),
        ),
    ),
    dismissed: new DataLoader<string, boolean>(async (ids) => {
      if (!viewer) return ids.map(() => false);
      const rows = await db.query<{ notification_id: string }>(
        "support",
        `SELECT id, notification_id, organization_id, dismissed_by_user_id, dismissed_at FROM notification_dismissal WHERE notification_id IN (${placeholders(ids)}) AND organization_id = ?`,
        [...ids, viewer],
      );
      const hidden = new Set(rows.map((r) => r.notification_id));
      return ids.map((id) => hidden.has(id));
    }),
  };
}
export type RequestLoaders = ReturnType<typeof requestLoaders>;
