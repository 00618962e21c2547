import { Query, Resolver } from "type-graphql";
import { SUPPORT_OFFERINGS, SupportOffering } from "./offering.type";

@Resolver(() => SupportOffering)
export class SupportOfferingResolver {
  @Query(() => [SupportOffering], { description: "Standard, Priority and Priority Plus" })
  supportOfferings(): SupportOffering[] {
    return SUPPORT_OFFERINGS;
  }
}
