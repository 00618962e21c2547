import { Caller, ForbiddenError, RequestContext } from "@partnergraph/kit";

/** An administrator of the acting organization: its own ADMIN, or a FULL administrator acting through a grant. */
export function isAccountAdministrator(caller: Caller): boolean {
  return caller.role === "ADMIN" || (caller.role === "ADMINISTRATOR" && caller.grantAccess === "FULL");
}

/** The acting organization, when the caller administers it; FORBIDDEN otherwise. */
export function requireAccountAdministrator(ctx: RequestContext, what: string): string {
  const organizationId = ctx.requireOrganization();
  if (!isAccountAdministrator(ctx.requireCaller()))
    throw new ForbiddenError(`Only an administrator of this account may ${what}`);
  return organizationId;
}
