import { isOrgId, orgIdMessage, PARTNER_STANDING_ROUTE } from "@partnergraph/contracts";
import { BadUserInputError, callRoute } from "@partnergraph/kit";

/** An organization id from an input, or BAD_USER_INPUT naming the field. */
export function checkOrgId(id: string, field: string): string {
  if (!isOrgId(id)) throw new BadUserInputError(field, orgIdMessage(field));
  return id;
}

/** The organization holds an active partner-program membership now (identity says), or BAD_USER_INPUT naming the field. */
export async function requireBadgedPartner(id: string, field: string): Promise<void> {
  const { membership } = await callRoute(PARTNER_STANDING_ROUTE, { partnerId: id, at: new Date().toISOString() });
  if (!membership) throw new BadUserInputError(field, `${id} holds no active partner-program membership`);
}
