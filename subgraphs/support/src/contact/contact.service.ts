import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  ConflictError,
  ForbiddenError,
  isUniqueViolation,
  inTransaction,
  newId,
  NotFoundError,
  recordAudit,
  RequestContext,
} from "@partnergraph/kit";
import { EntityManager, In } from "typeorm";
import { SupportTicket } from "../ticket/ticket.entity";
import { Contact, ContactRole } from "./contact.entity";
import { NameContactInput } from "./contact.inputs";

const view = (contact: Contact, assigned = false): Contact =>
  Object.assign(contact, { user: { id: contact.userId }, assigned });

type CaseOpener = { userId: string; count: number; first: Date };

/** Who opened how many of each organization's cases, and when first: one statement for many organizations. */
async function caseOpeners(manager: EntityManager, ids: string[]): Promise<Map<string, CaseOpener[]>> {
  const rows = await manager
    .createQueryBuilder(SupportTicket, "t")
    .select("t.organization_id", "organizationId")
    .addSelect("t.opened_by_user_id", "userId")
    .addSelect("COUNT(*)", "count")
    .addSelect("MIN(t.created_at)", "first")
    .where("t.organization_id IN (:...ids)", { ids })
    .groupBy("t.organization_id")
    .addGroupBy("t.opened_by_user_id")
    .getRawMany<{ organizationId: string; userId: string; count: string | number; first: string | Date }>();
  const byOrganization = new Map<string, CaseOpener[]>();
  for (const o of rows)
    byOrganization.set(o.organizationId, [
      ...(byOrganization.get(o.organizationId) ?? []),
      {
        userId: o.userId,
        count: Number(o.count),
        first: o.first instanceof Date ? o.first : new Date(`${String(o.first).replace(" ", "T")}Z`),
      },
    ]);
  return byOrganization;
}

/**
 * The people who receive an organization's renewal and price notices: those it named RENEWAL contact, or the one
 * assigned when it named none. Read inside the caller's transaction (an event handler's).
 */
export async function renewalContactsOf(manager: EntityManager, organizationId: string): Promise<string[]> {
  return (await renewalContactsOfEach(manager, [organizationId])).get(organizationId) ?? [];
}

/** renewalContactsOf for many organizations in two statements (their contacts, their case openers). */
export async function renewalContactsOfEach(
  manager: EntityManager,
  organizationIds: string[],
): Promise<Map<string, string[]>> {
  const people = new Map<string, string[]>();
  if (!organizationIds.length) return people;
  const contacts = await manager.find(Contact, {
    where: { organizationId: In(organizationIds) },
    order: { createdAt: "ASC", id: "ASC" },
  });
  const contactsOf = (organizationId: string) => contacts.filter((c) => c.organizationId === organizationId);
  const unnamed: string[] = [];
  for (const organizationId of organizationIds) {
    const named = contactsOf(organizationId).filter((c) => c.role === ContactRole.RENEWAL);
    if (named.length)
      people.set(
        organizationId,
        named.map((c) => c.userId),
      );
    else unnamed.push(organizationId);
  }
  const openers = unnamed.length ? await caseOpeners(manager, unnamed) : new Map<string, CaseOpener[]>();
  for (const organizationId of unnamed) {
    const assigned = assignedRenewalContact(
      organizationId,
      contactsOf(organizationId),
      openers.get(organizationId) ?? [],
    );
    people.set(organizationId, assigned ? [assigned.userId] : []);
  }
  return people;
}

/**
 * When nobody is named RENEWAL, the most frequent contact is: the person who opened the most of the
 * customer's cases, among its named contacts and its case openers; ties go to the one named in more
 * roles, then to the one named (or who opened a case) first.
 */
export function assignedRenewalContact(
  organizationId: string,
  contacts: Contact[],
  openers: CaseOpener[],
): Contact | null {
  if (contacts.some((c) => c.role === ContactRole.RENEWAL)) return null;
  const people = new Map<string, { tickets: number; roles: number; since: number }>();
  const person = (userId: string, since: number) => {
    const found = people.get(userId) ?? { tickets: 0, roles: 0, since };
    found.since = Math.min(found.since, since);
    people.set(userId, found);
    return found;
  };
  for (const c of contacts) person(c.userId, c.createdAt.getTime()).roles++;
  for (const o of openers) person(o.userId, o.first.getTime()).tickets += o.count;
  const ranked = [...people.entries()].sort(
    ([a, x], [b, y]) => y.tickets - x.tickets || y.roles - x.roles || x.since - y.since || a.localeCompare(b),
  );
  if (!ranked.length) return null;
  const contact = Object.assign(new Contact(), {
    id: null as unknown as string,
    organizationId,
    userId: ranked[0][0],
    role: ContactRole.RENEWAL,
    namedByUserId: "",
    createdAt: new Date(ranked[0][1].since),
  });
  return view(contact, true);
}

export class ContactService {
  constructor(private readonly ctx: RequestContext) {}

  /** A customer's named contacts, and the assigned renewal contact when none is named: two statements for any number of customers. */
  async ofOrganization(organizationId: string): Promise<Contact[]> {
    await this.ctx.assertCanSeeArea(organizationId, "CONTACTS");
    return this.ctx
      .loader<string, Contact[]>("contacts", async (ids) => {
        const [contacts, openers] = await Promise.all([
          this.ctx
            .repository(Contact)
            .find({ where: { organizationId: In([...ids]) }, order: { createdAt: "ASC", id: "ASC" } }),
          caseOpeners(this.ctx.dataSource.manager, [...ids]),
        ]);
        return ids.map((id) => {
          const mine = contacts.filter((c) => c.organizationId === id);
          const assigned = assignedRenewalContact(id, mine, openers.get(id) ?? []);
          return [...mine.map((c) => view(c)), ...(assigned ? [assigned] : [])];
        });
      })
      .load(organizationId);
  }

  /** A customer administrator names a person for a role (its own, a partner's, any third party's). */
  async name(input: NameContactInput): Promise<Contact> {
    const organizationId = this.ctx.requireAccountAdministrator(
      "Only an administrator of this account may name its contacts",
    );
    const caller = this.ctx.requireCaller();
    const contact = this.ctx.repository(Contact).create({
      id: newId("CNT"),
      organizationId,
      userId: input.userId,
      role: input.role,
      namedByUserId: caller.userId,
      createdAt: new Date(),
    });
    try {
      await inTransaction(this.ctx.dataSource, async (manager) => {
        // Recorded first: a name refused as a duplicate rolls its entry back with it.
        await recordAudit(manager, caller, {
          action: AUDIT_ACTIONS.nameContact,
          subjectType: "Contact",
          subjectId: contact.id,
          targetOrganizationId: organizationId,
          summary: `Named ${input.userId} ${input.role} contact`,
        });
        await manager.save(contact);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`${input.userId} is already named ${input.role} contact`);
      throw error;
    }
    return view(contact);
  }

  /** A customer administrator removes a named contact. */
  async remove(id: string): Promise<Contact> {
    const contact = await this.ctx.repository(Contact).findOne({ where: { id } });
    if (!contact || !(await this.ctx.canSeeArea(contact.organizationId, "CONTACTS")))
      throw new NotFoundError("Contact", id);
    const organizationId = this.ctx.requireAccountAdministrator(
      "Only an administrator of this account may remove its contacts",
    );
    if (organizationId !== contact.organizationId)
      throw new ForbiddenError("Only the customer's administrators remove its contacts");
    await inTransaction(this.ctx.dataSource, async (manager) => {
      // Removed meanwhile by someone else: theirs is the entry.
      if (!(await manager.delete(Contact, { id })).affected) throw new NotFoundError("Contact", id);
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.removeContact,
        subjectType: "Contact",
        subjectId: id,
        targetOrganizationId: organizationId,
        summary: `Removed ${contact.userId} as ${contact.role} contact`,
      });
    });
    return view(contact);
  }
}
