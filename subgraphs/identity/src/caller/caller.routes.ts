import { ADMINISTERS_ROUTE, InternalRoutes } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { CallerRequest, CallerService } from "./caller.service";

export const CALLER_ROUTE = "caller";

/** Signed routes: the gateway resolves callers; subgraphs ask whether a partner administers a customer. */
export function callerRoutes(dataSource: DataSource): InternalRoutes {
  const service = new CallerService(dataSource);
  return {
    [CALLER_ROUTE]: (body: CallerRequest) => service.resolve(body),
    [ADMINISTERS_ROUTE]: (body: { partnerId: string; customerId: string }) =>
      service.administers(body.partnerId, body.customerId),
  };
}
