import { BadUserInputError } from "@partnergraph/kit";

const ORGID = /^ORG-[0-9A-Z]{10}$/;

/** An organization id from an input, or BAD_USER_INPUT naming the field. */
export function checkOrgId(id: string, field: string): string {
  if (!ORGID.test(id)) throw new BadUserInputError(field, `${field} must be an ORGID such as ORG-7K3M9Q2XWD`);
  return id;
}
