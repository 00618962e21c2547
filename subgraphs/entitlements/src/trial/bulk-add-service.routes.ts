import { BULK_ADD_SERVICE_ROUTE } from "@partnergraph/contracts";
import { ClientError, InternalRoutes, remoteAccessDecision, RequestContext, serveRoute } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { checkOrgId } from "../organization/orgid";
import { Trial } from "./trial.entity";
import { TrialService } from "./trial.service";

/**
 * One item of a bulk ADD_SERVICE job, for the connections subgraph that runs the job: addService as the job's
 * caller, with the same rules and authorization. The item's key makes it idempotent: a job resumed after a
 * restart that asks again for an item already applied gets the trial made then. A refusal is answered (code,
 * message, field), not thrown, so the job records it on the item.
 */
export function bulkAddServiceRoutes(dataSource: DataSource): InternalRoutes {
  const madeFor = async (key: string) =>
    (await dataSource.getRepository(Trial).findOne({ where: { bulkItemKey: key } }))?.id ?? null;
  return serveRoute(BULK_ADD_SERVICE_ROUTE, async ({ caller, customerId, serviceCode, key }) => {
    const itemKey = String(key);
    const made = await madeFor(itemKey);
    if (made) return { trialId: made };
    const ctx = new RequestContext(`bulk:${itemKey}`, caller, dataSource, remoteAccessDecision);
    try {
      const trial = await ctx
        .use(TrialService)
        .addService(checkOrgId(String(customerId ?? ""), "customerId"), String(serviceCode ?? ""), itemKey);
      return { trialId: trial.id };
    } catch (error) {
      // The same item asked twice at once (a runner whose claim ran out): the unique key let one in.
      const raced = await madeFor(itemKey);
      if (raced) return { trialId: raced };
      if (!(error instanceof ClientError)) throw error;
      const field = error.extensions.field;
      return {
        error: {
          code: String(error.extensions.code),
          message: error.message,
          field: typeof field === "string" ? field : null,
        },
      };
    }
  });
}
