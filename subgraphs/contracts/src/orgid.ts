/** An organization's id: `ORG-` and ten upper-case letters or digits (minted as newId("ORG")). */
export const ORGID_PATTERN = /^ORG-[0-9A-Z]{10}$/;
export const ORGID_EXAMPLE = "ORG-7K3M9Q2XWD";

export const isOrgId = (value: string): boolean => ORGID_PATTERN.test(value);

/** The message every service gives for a malformed ORGID in `field`. */
export const orgIdMessage = (field: string): string => `${field} must be an ORGID such as ${ORGID_EXAMPLE}`;
