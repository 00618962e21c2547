import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Organization } from "../shared/stubs";
import { IncidentPack, NamedSupportContact, PartnerSupportAgreement, PartnerSupportCase } from "./agreement.entity";
import {
  CreatePartnerSupportAgreementInput,
  NameSupportContactInput,
  OpenPartnerSupportCaseInput,
  PurchaseIncidentPackInput,
} from "./agreement.inputs";
import { AgreementService, reviewAllowed } from "./agreement.service";
import { PartnerSupportTier, ResponseTarget, SUPPORT_TIERS } from "./agreement.tiers";

@Resolver(() => PartnerSupportAgreement)
export class AgreementResolver {
  @Query(() => PartnerSupportAgreement, {
    nullable: true,
    description:
      "The partner's agreement for the current membership year (the acting organization unless the vendor names one)",
  })
  partnerSupportAgreement(
    @Arg("partnerId", () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerSupportAgreement | null> {
    return ctx.use(AgreementService).current(partnerId);
  }

  @Query(() => [PartnerSupportAgreement], { description: "Every membership year's agreement, newest first" })
  partnerSupportAgreements(
    @Arg("partnerId", () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerSupportAgreement[]> {
    return ctx.use(AgreementService).all(partnerId);
  }

  @Query(() => [PartnerSupportTier], {
    description: "Support rules by program tier: mandatory or not, fee, response targets",
  })
  partnerSupportTiers(): PartnerSupportTier[] {
    return Object.values(SUPPORT_TIERS);
  }

  @Mutation(() => PartnerSupportAgreement, {
    description: "Vendor admin: a partner's support for one membership year, from the tier's base pool",
  })
  createPartnerSupportAgreement(
    @Arg("input") input: CreatePartnerSupportAgreementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerSupportAgreement> {
    return ctx.use(AgreementService).create(input);
  }

  @Mutation(() => NamedSupportContact, {
    description: "Vendor admin: name a certified technical contact; their PIN is theirs and never transferable",
  })
  nameSupportContact(
    @Arg("input") input: NameSupportContactInput,
    @Ctx() ctx: RequestContext,
  ): Promise<NamedSupportContact> {
    return ctx.use(AgreementService).nameContact(input);
  }

  @Mutation(() => NamedSupportContact, {
    description: "Vendor admin: remove a named contact (their PIN is not given to anyone else)",
  })
  removeSupportContact(
    @Arg("agreementId", () => ID) agreementId: string,
    @Arg("userId", () => ID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<NamedSupportContact> {
    return ctx.use(AgreementService).removeContact(agreementId, userId);
  }

  @Mutation(() => PartnerSupportAgreement, {
    description: "Buy add-on incidents: during the membership period, on top of the base agreement",
  })
  purchaseIncidentPack(
    @Arg("input") input: PurchaseIncidentPackInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerSupportAgreement> {
    return ctx.use(AgreementService).purchasePack(input);
  }

  @Mutation(() => PartnerSupportCase, {
    description: "A named contact opens a case with their PIN, for a product they are certified in",
  })
  openPartnerSupportCase(
    @Arg("input") input: OpenPartnerSupportCaseInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerSupportCase> {
    return ctx.use(AgreementService).openCase(input);
  }

  @Mutation(() => PartnerSupportCase, {
    description: "Vendor support: the case turned out to be a product bug (it still counts until a case review)",
  })
  markSupportCaseProductBug(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PartnerSupportCase> {
    return ctx.use(AgreementService).markProductBug(id);
  }

  @Mutation(() => PartnerSupportAgreement, {
    description: "At ≥ 80% of the pool used: credit this year's product-bug cases back",
  })
  requestCaseReview(
    @Arg("agreementId", () => ID, { nullable: true }) agreementId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PartnerSupportAgreement> {
    return ctx.use(AgreementService).requestCaseReview(agreementId);
  }

  @FieldResolver(() => Organization)
  partner(@Root() agreement: PartnerSupportAgreement): Organization {
    return { id: agreement.partnerId };
  }

  @FieldResolver(() => Int, { description: "Base pool plus this period's add-on packs" })
  async incidentsPurchased(@Root() agreement: PartnerSupportAgreement, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.use(AgreementService).usage(agreement)).purchased;
  }

  @FieldResolver(() => Int, {
    description: "Cases counted against the pool (product bugs count until credited by a case review)",
  })
  async incidentsUsed(@Root() agreement: PartnerSupportAgreement, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.use(AgreementService).usage(agreement)).used;
  }

  @FieldResolver(() => Boolean, { description: "At least 80% of the pool is used" })
  async canRequestCaseReview(@Root() agreement: PartnerSupportAgreement, @Ctx() ctx: RequestContext): Promise<boolean> {
    return reviewAllowed(await ctx.use(AgreementService).usage(agreement));
  }

  @FieldResolver(() => Boolean, { description: "Support is mandatory for this tier (Gold; optional for Silver)" })
  mandatory(@Root() agreement: PartnerSupportAgreement): boolean {
    return SUPPORT_TIERS[agreement.tier].mandatory;
  }

  @FieldResolver(() => [ResponseTarget])
  responseTargets(@Root() agreement: PartnerSupportAgreement): ResponseTarget[] {
    return SUPPORT_TIERS[agreement.tier].responseTargets;
  }

  @FieldResolver(() => [NamedSupportContact])
  namedContacts(
    @Root() agreement: PartnerSupportAgreement,
    @Ctx() ctx: RequestContext,
  ): Promise<NamedSupportContact[]> {
    return ctx.use(AgreementService).namedContacts(agreement);
  }

  @FieldResolver(() => [IncidentPack])
  incidentPacks(@Root() agreement: PartnerSupportAgreement, @Ctx() ctx: RequestContext): Promise<IncidentPack[]> {
    return ctx.use(AgreementService).packs(agreement);
  }

  @FieldResolver(() => [PartnerSupportCase])
  cases(@Root() agreement: PartnerSupportAgreement, @Ctx() ctx: RequestContext): Promise<PartnerSupportCase[]> {
    return ctx.use(AgreementService).cases(agreement);
  }
}
