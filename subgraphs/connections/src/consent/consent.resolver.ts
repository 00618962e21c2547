import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { Connection } from "../connection/connection.entity";
import { ConsentInput } from "./consent.inputs";
import { ConsentService } from "./consent.service";
import { Consent, sharedAreas } from "./consent.type";

@Resolver(() => Connection)
export class ConsentResolver {
  @Mutation(() => Connection, {
    description:
      "The customer's administrator chooses which areas of its data a connected partner sees, and until when; the partner's next request honours it",
  })
  setPartnerConsent(
    @Arg("connectionId", () => ID) connectionId: string,
    @Arg("input") input: ConsentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection> {
    return ctx.use(ConsentService).set(connectionId, input);
  }

  @FieldResolver(() => Consent, { description: "What the customer shares with the partner now, and until when" })
  consent(@Root() connection: Connection): Consent {
    return { areas: sharedAreas(connection), until: connection.consentUntil };
  }
}
