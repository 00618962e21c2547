import { ADMINISTERS_ROUTE, CALLER_ROUTE } from "@partnergraph/contracts";
import { InternalRoutes, serveRoute } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { CallerService } from "./caller.service";

/** Signed routes: the gateway resolves callers; subgraphs ask whether a partner administers a customer. */
export function callerRoutes(dataSource: DataSource): InternalRoutes {
  const service = new CallerService(dataSource);
  return {
    ...serveRoute(CALLER_ROUTE, (body) => service.resolve(body)),
    ...serveRoute(ADMINISTERS_ROUTE, (body) => service.administers(body.partnerId, body.customerId)),
  };
}
