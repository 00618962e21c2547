import { Supergraph } from "@apollo/federation-internals";
import { Caller, decodeCursor, ForbiddenError, toPage, UnauthenticatedError } from "@partnergraph/kit";
import { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from "graphql";
import { Databases } from "./databases";
import type { EntitlementRow, NotificationRow, RequestLoaders, TicketRow, TrialRow } from "./loaders";

export interface MonolithContext {
  db: Databases;
  caller: Caller | null;
  loaders: RequestLoaders;
}

interface ConnectionRow {
  id: string;
  customer_id: string;
  customer_name: string;
  connected_at: Date;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const CONNECTION =
  "id, partner_id, customer_id, active_key, customer_name, status, origin, connected_at, terminated_at, terminated_by, terminated_by_user_id";

/** connections' customerDashboard: the page by customer name (keyset) and the total, two statements. */
async function customerDashboard(args: { first: number; after?: string | null }, { db, caller }: MonolithContext) {
  if (!caller) throw new UnauthenticatedError();
  if (!caller.organizationId)
    throw new ForbiddenError("You belong to no organization yet: register one or accept an invitation");
  if (!caller.isPartner)
    throw new ForbiddenError(
      "The customer dashboard is for organizations with an active partner-program badge; yours holds none",
    );
  const after = decodeCursor(args.after, 2);
  const base = "FROM connection c WHERE c.partner_id = ? AND c.status = ?";
  const params = [caller.organizationId, "ACTIVE"];
  const keyset = after ? " AND ((c.customer_name > ?) OR (c.customer_name = ? AND c.id > ?))" : "";
  const [rows, [count]] = await Promise.all([
    db.query<ConnectionRow>(
      "connections",
      `SELECT ${CONNECTION} ${base}${keyset} ORDER BY c.customer_name ASC, c.id ASC LIMIT ?`,
      [...params, ...(after ? [after[0], after[0], after[1]] : []), args.first + 1],
    ),
    db.query<{ cnt: number }>("connections", `SELECT COUNT(1) AS cnt ${base}`, params),
  ]);
  return toPage(rows, args.first, Number(count.cnt), (c) => [c.customer_name, c.id]);
}

/** As the entitlements subgraph computes them when read. */
const trialStatus = (t: TrialRow) =>
  t.status === "ACTIVE" && t.ends_at && t.ends_at.getTime() <= Date.now() ? "EXPIRED" : t.status;
const entitlementStatus = (e: EntitlementRow) => (e.expires_at.getTime() > Date.now() ? "ACTIVE" : "EXPIRED");

type Resolvers = Record<string, Record<string, GraphQLFieldResolver<any, MonolithContext, any>>>;

/** PartnerDashboard, field by field, with the same statements the subgraphs run (no access calls: the page is the partner's own). */
const RESOLVERS: Resolvers = {
  Query: { customerDashboard: (_root, args, ctx) => customerDashboard(args, ctx) },
  Connection: {
    connectedAt: (c: ConnectionRow) => iso(c.connected_at),
    customer: (c: ConnectionRow) => ({ id: c.customer_id }),
  },
  Organization: {
    name: async (o: { id: string }, _args, ctx) => (await ctx.loaders.organization.load(o.id))?.name,
    country: async (o: { id: string }, _args, ctx) => (await ctx.loaders.organization.load(o.id))?.country,
    trials: (o: { id: string }, _args, ctx) => ctx.loaders.trials.load(o.id),
    entitlements: (o: { id: string }, _args, ctx) => ctx.loaders.entitlements.load(o.id),
    tickets: async (o: { id: string }, args: { status?: string; first: number }, ctx) =>
      page(await ctx.loaders.tickets(args.status ?? null, args.first).load(o.id)),
    notifications: async (o: { id: string }, args: { first: number }, ctx) =>
      page(await ctx.loaders.notifications(args.first).load(o.id)),
  },
  Trial: {
    status: trialStatus,
    startsAt: (t: TrialRow) => iso(t.starts_at),
    endsAt: (t: TrialRow) => iso(t.ends_at),
    service: (t: TrialRow, _args, ctx) => ctx.loaders.service.load(t.service_code),
  },
  Entitlement: {
    licenseCount: (e: EntitlementRow) => e.license_count,
    expiresAt: (e: EntitlementRow) => iso(e.expires_at),
    status: entitlementStatus,
    service: (e: EntitlementRow, _args, ctx) => ctx.loaders.service.load(e.service_code),
  },
  Notification: {
    createdAt: (n: NotificationRow) => iso(n.created_at),
    dismissed: (n: NotificationRow, _args, ctx) => ctx.loaders.dismissed.load(n.id),
  },
  SupportTicket: { status: (t: TicketRow) => t.status },
};

/** The slice as a connection page (edges only: the dashboard asks no cursors of these lists). */
const page = <T>(slice: { rows: T[]; totalCount: number }) => ({
  totalCount: slice.totalCount,
  edges: slice.rows.map((node) => ({ node })),
});

/** The API schema the gateways serve (the committed supergraph's), answering PartnerDashboard from one process. */
export function monolithSchema(supergraphSdl: string): GraphQLSchema {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  for (const [typeName, fields] of Object.entries(RESOLVERS)) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const [fieldName, resolve] of Object.entries(fields)) type.getFields()[fieldName].resolve = resolve;
  }
  return schema;
}
