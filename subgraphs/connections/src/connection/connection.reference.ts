import { RequestContext } from "@partnergraph/kit";
import { Connection } from "./connection.entity";
import { ConnectionService } from "./connection.service";

/** `_entities` accepts any representation: a connection is shown only to its two sides and the vendor. */
export const connectionReference = {
  Connection: {
    __resolveReference(reference: Pick<Connection, "id">, ctx: RequestContext): Promise<Connection | null> {
      return ctx.use(ConnectionService).viewable(reference.id);
    },
  },
};
