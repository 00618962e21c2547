import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { Contact } from "./contact.entity";
import { NameContactInput } from "./contact.inputs";
import { ContactService } from "./contact.service";

@Resolver(() => Contact)
export class ContactResolver {
  @Mutation(() => Contact, {
    description:
      "Name a contact of the acting customer (administrators only); a partner's person or another third party may be named",
  })
  nameContact(@Arg("input") input: NameContactInput, @Ctx() ctx: RequestContext): Promise<Contact> {
    return ctx.use(ContactService).name(input);
  }

  @Mutation(() => Contact, { description: "Remove a named contact of the acting customer (administrators only)" })
  removeContact(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Contact> {
    return ctx.use(ContactService).remove(id);
  }
}
