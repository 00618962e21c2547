import { BadUserInputError, remotePartnerStanding } from "@partnergraph/kit";

const ORGID = /^ORG-[0-9A-Z]{10}$/;

/** An organization id from an input, or BAD_USER_INPUT naming the field. */
export function checkOrgId(id: string, field: string): string {
  if (!ORGID.test(id)) throw new BadUserInputError(field, `${field} must be an ORGID such as ORG-7K3M9Q2XWD`);
  return id;
}

/** The organization holds an active partner-program membership now (identity says), or BAD_USER_INPUT naming the field. */
export async function requireBadgedPartner(id: string, field: string): Promise<void> {
  if (!(await remotePartnerStanding(id, new Date())).membership)
    throw new BadUserInputError(field, `${id} holds no active partner-program membership`);
}
