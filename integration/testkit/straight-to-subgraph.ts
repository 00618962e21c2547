import { Caller, CONTEXT_HEADER, newId, signContext } from "@partnergraph/kit";

/** A context the gateway would sign, for calls straight to a subgraph (as request `requestId`). */
export function signedAs(
  caller: Partial<Caller> & Pick<Caller, "organizationId">,
  requestId = newId("REQ"),
): Record<string, string> {
  const full: Caller = {
    userId: newId("USR"),
    email: "someone@test.example",
    displayName: "Someone",
    homeOrganizationId: caller.organizationId,
    role: "ADMIN",
    grantAccess: null,
    grantServiceCodes: [],
    isPartner: false,
    isVendorAdmin: false,
    ...caller,
  };
  return { [CONTEXT_HEADER]: signContext({ requestId, caller: full, issuedAt: Date.now() }) };
}

/** `_entities` for Organizations with `fields`, and its variables for `ids`. */
export const organizationEntities = (fields: string) =>
  `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id ${fields} } } }`;
export const organizationReps = (ids: string[]) => ({ r: ids.map((id) => ({ __typename: "Organization", id })) });
