import { registerEnumType } from "type-graphql";

/** The vendor's partner programs; a new program is a new value here. */
export enum PartnerProgramCode {
  SOLUTION_ADVISOR = "SOLUTION_ADVISOR",
  SERVICE_PROVIDER = "SERVICE_PROVIDER",
  TECHNOLOGY_ALLIANCE = "TECHNOLOGY_ALLIANCE",
  DISTRIBUTOR = "DISTRIBUTOR",
}
registerEnumType(PartnerProgramCode, { name: "PartnerProgramCode" });

export enum PartnerTier {
  SILVER = "SILVER",
  GOLD = "GOLD",
  PLATINUM = "PLATINUM",
}
registerEnumType(PartnerTier, { name: "PartnerTier" });

export enum MembershipStatus {
  SCHEDULED = "SCHEDULED",
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
}
registerEnumType(MembershipStatus, {
  name: "MembershipStatus",
  description: "Always computed at read time from the period",
});
