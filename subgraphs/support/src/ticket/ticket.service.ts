import {
  alignByKey,
  applyKeyset,
  BadUserInputError,
  Caller,
  ConflictError,
  decodeCursor,
  emptyPage,
  firstRowsPerParent,
  ParentSlice,
  slicePage,
  ForbiddenError,
  forUpdate,
  isUniqueViolation,
  inTransaction,
  newId,
  NotFoundError,
  Page,
  recordAudit,
  RequestContext,
  toPage,
  toSqlDateTime,
} from "@partnergraph/kit";
import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { In, SelectQueryBuilder } from "typeorm";
import { Contact, ContactRole } from "../contact/contact.entity";
import { publish } from "../events";
import { SupportTicket, TicketStatus } from "./ticket.entity";
import { OpenTicketInput, TicketPageArgs } from "./ticket.inputs";

const ORDER: [string, "ASC" | "DESC"][] = [["created_at", "DESC"]];
const keyOf = (t: SupportTicket) => [toSqlDateTime(t.createdAt), t.id];

/** Statuses a customer may set on its own case; the vendor's support sets any. */
const CUSTOMER_STATUSES = new Set([TicketStatus.RESOLVED, TicketStatus.CLOSED]);

export class TicketService {
  constructor(private readonly ctx: RequestContext) {}

  /** Whether the caller is a named TECHNICAL contact of the customer (batched per request). */
  private isTechnicalContact(organizationId: string, userId: string): Promise<boolean> {
    return this.ctx
      .loader<string, boolean>(`technical-contact:${userId}`, async (orgIds) => {
        const rows = await this.ctx
          .repository(Contact)
          .find({ where: { organizationId: In([...orgIds]), userId, role: ContactRole.TECHNICAL } });
        const named = new Set(rows.map((r) => r.organizationId));
        return orgIds.map((id) => named.has(id));
      })
      .load(organizationId);
  }

  /** Who may open or act on a customer's cases: its administrators and its named technical contacts. */
  private async mayWorkCases(caller: Caller, organizationId: string, serviceCode: string | null): Promise<boolean> {
    if (caller.organizationId === organizationId) {
      if (caller.role === "ADMIN") return true;
      if (caller.role === "ADMINISTRATOR") {
        if (caller.grantAccess === "FULL") return true;
        if (serviceCode && caller.grantServiceCodes.includes(serviceCode)) return true;
      }
    }
    return this.isTechnicalContact(organizationId, caller.userId);
  }

  async open(input: OpenTicketInput): Promise<SupportTicket> {
    const caller = this.ctx.requireCaller();
    const organizationId = input.organizationId ?? this.ctx.requireOrganization();
    const serviceCode = input.serviceCode ?? null;
    if (!(await this.mayWorkCases(caller, organizationId, serviceCode))) {
      throw new ForbiddenError("Only the customer's technical contacts and administrators open its support cases");
    }
    const now = new Date();
    for (let attempt = 0; ; attempt++) {
      const ticket = this.ctx.repository(SupportTicket).create({
        id: newId("TKT"),
        number: newId("CS", 8),
        organizationId,
        title: input.title.trim(),
        description: input.description.trim(),
        serviceCode,
        severity: input.severity,
        status: TicketStatus.OPEN,
        language: input.language ?? "en",
        openedByUserId: caller.userId,
        createdAt: now,
        updatedAt: now,
      });
      try {
        const opened = await inTransaction(this.ctx.dataSource, async (manager) => {
          await manager.save(ticket);
          await publish(manager, "TicketOpened", {
            ticketId: ticket.id,
            number: ticket.number,
            organizationId: ticket.organizationId,
            serviceCode: ticket.serviceCode,
            severity: ticket.severity,
            status: ticket.status,
            title: ticket.title,
            openedAt: ticket.createdAt.toISOString(),
          });
          await recordAudit(manager, caller, {
            action: AUDIT_ACTIONS.openTicket,
            subjectType: "SupportTicket",
            subjectId: ticket.id,
            targetOrganizationId: organizationId,
            summary: `Opened case ${ticket.number} (severity ${ticket.severity}): ${ticket.title}`,
          });
          return ticket;
        });
        return opened;
      } catch (error) {
        // A case number drawn twice (1 in 10^12): draw again.
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  async setStatus(id: string, status: TicketStatus): Promise<SupportTicket> {
    const caller = this.ctx.requireCaller();
    const changed = await inTransaction(this.ctx.dataSource, async (manager) => {
      const ticket = await manager.findOne(SupportTicket, { where: { id }, lock: forUpdate(manager) });
      if (!ticket || !(await this.ctx.canSeeArea(ticket.organizationId, "TICKETS")))
        throw new NotFoundError("Support ticket", id);
      if (!caller.isVendorAdmin) {
        if (!(await this.mayWorkCases(caller, ticket.organizationId, ticket.serviceCode)))
          throw new ForbiddenError("Only the customer's contacts and the vendor's support change a case");
        if (!CUSTOMER_STATUSES.has(status))
          throw new BadUserInputError("status", "A customer may only resolve or close its case");
      }
      if (ticket.status === TicketStatus.CLOSED) throw new ConflictError(`Case ${ticket.number} is closed`);
      const previousStatus = ticket.status;
      ticket.status = status;
      ticket.updatedAt = new Date();
      await manager.save(ticket);
      if (previousStatus !== status)
        await publish(manager, "TicketStatusChanged", {
          ticketId: ticket.id,
          number: ticket.number,
          organizationId: ticket.organizationId,
          previousStatus,
          status,
          changedAt: ticket.updatedAt.toISOString(),
        });
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.setTicketStatus,
        subjectType: "SupportTicket",
        subjectId: ticket.id,
        targetOrganizationId: ticket.organizationId,
        summary: `Set case ${ticket.number} from ${previousStatus} to ${status}`,
      });
      return ticket;
    });
    return changed;
  }

  /** One case, when the caller may see its customer; otherwise NOT_FOUND (ids reveal nothing). */
  async viewable(id: string): Promise<SupportTicket> {
    this.ctx.requireCaller();
    const ticket = await this.ctx
      .loader<string, SupportTicket | null>("ticket-by-id", async (ids) =>
        alignByKey(ids, await this.ctx.repository(SupportTicket).find({ where: { id: In([...ids]) } }), (t) => t.id),
      )
      .load(id);
    if (!ticket || !(await this.ctx.canSeeArea(ticket.organizationId, "TICKETS")))
      throw new NotFoundError("Support ticket", id);
    return ticket;
  }

  private filter(args: TicketPageArgs) {
    return <Q extends SelectQueryBuilder<SupportTicket>>(qb: Q): Q => {
      if (args.status) qb.andWhere("t.status = :status", { status: args.status });
      if (args.severity) qb.andWhere("t.severity = :severity", { severity: args.severity });
      return qb;
    };
  }

  /**
   * A customer's cases, newest first. Many customers in one request (a dashboard) share one batch:
   * one statement whatever the number of customers or the page size.
   */
  async ofOrganization(organizationId: string, args: TicketPageArgs): Promise<Page<SupportTicket>> {
    await this.ctx.assertCanSeeArea(organizationId, "TICKETS");
    if (args.after) return this.pageAfter(organizationId, args);
    const name = `tickets:${args.status ?? ""}:${args.severity ?? ""}:${args.first}`;
    const slice = await this.ctx
      .loader<string, ParentSlice<SupportTicket>>(name, (ids) =>
        firstRowsPerParent({
          repository: this.ctx.repository(SupportTicket),
          parentColumn: "organization_id",
          parentProperty: "organizationId",
          parentIds: ids,
          filter: this.filter(args),
          orderBy: ORDER,
          first: args.first,
        }),
      )
      .load(organizationId);
    return slicePage(slice, keyOf);
  }

  /** A later page of one customer's cases (keyset on created_at DESC, id ASC: the order of the first page). */
  private async pageAfter(organizationId: string, args: TicketPageArgs): Promise<Page<SupportTicket>> {
    const after = decodeCursor(args.after, 2);
    const base = () =>
      this.filter(args)(
        this.ctx
          .repository(SupportTicket)
          .createQueryBuilder("t")
          .where("t.organization_id = :organizationId", { organizationId }),
      );
    const [rows, totalCount] = await Promise.all([
      applyKeyset(
        base(),
        [
          { column: "t.created_at", direction: "DESC" },
          { column: "t.id", direction: "ASC" },
        ],
        after,
      )
        .limit(args.first + 1)
        .getMany(),
      base().getCount(),
    ]);
    return rows.length || totalCount ? toPage(rows, args.first, totalCount, keyOf) : emptyPage();
  }
}
