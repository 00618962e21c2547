import { RequestContext } from "@partnergraph/kit";
import { User } from "./user.entity";
import { UserService } from "./user.service";

export const userReference = {
  User: {
    __resolveReference(reference: Pick<User, "id">, ctx: RequestContext): Promise<User> {
      return ctx.use(UserService).viewable(reference.id);
    },
  },
};
