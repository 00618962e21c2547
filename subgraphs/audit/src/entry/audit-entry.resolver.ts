import { ConnectionType, Page, RequestContext } from "@partnergraph/kit";
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Organization, organizationRef, User, userRef } from "../shared/stubs";
import { AuditEntry } from "./audit-entry.entity";
import { AuditEntryService } from "./audit-entry.service";
import { AuditFilter, AuditLogArgs } from "./audit-filter.input";

export const AuditEntryConnection = ConnectionType("AuditEntry", AuditEntry);

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Query(() => AuditEntryConnection, {
    description:
      "The audit trail, newest first: what was done about the acting organization and by its people (everything, for the vendor's administrators)",
  })
  auditLog(@Args() args: AuditLogArgs, @Ctx() ctx: RequestContext): Promise<Page<AuditEntry>> {
    return ctx.use(AuditEntryService).log(args);
  }

  @Query(() => String, {
    description:
      "The audit trail of a time range (filter.since and filter.until required) as CSV, oldest first; the entries auditLog shows the caller",
  })
  auditLogCsv(@Arg("filter", () => AuditFilter) filter: AuditFilter, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.use(AuditEntryService).csv(filter);
  }

  @FieldResolver(() => User, { nullable: true, description: "The person who acted (null for the system)" })
  actor(@Root() entry: AuditEntry): User | null {
    return userRef(entry.actorId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization the person acted as" })
  actingOrganization(@Root() entry: AuditEntry): Organization | null {
    return organizationRef(entry.actingOrganizationId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization whose account changed" })
  targetOrganization(@Root() entry: AuditEntry): Organization | null {
    return organizationRef(entry.targetOrganizationId);
  }
}
