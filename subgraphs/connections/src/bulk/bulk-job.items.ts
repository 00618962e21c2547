import { BULK_ADD_SERVICE_ROUTE } from "@partnergraph/contracts";
import { BadUserInputError, callRoute, ClientError, ErrorCode, RequestContext } from "@partnergraph/kit";
import { validate } from "class-validator";
import type { EntityManager } from "typeorm";
import { AddCustomerService } from "../connection/add-customer.service";
import { AddCustomerInput } from "../connection/connection.inputs";
import { ConnectionService } from "../connection/connection.service";
import { BulkJobKind } from "./bulk-job.entity";

/** The input checks the single operation's arguments get (class-validator), for one item. */
async function checked(input: Record<string, string>): Promise<AddCustomerInput> {
  const customer = Object.assign(new AddCustomerInput(), input);
  const [failure] = await validate(customer, { forbidUnknownValues: false });
  if (failure)
    throw new BadUserInputError(failure.property, Object.values(failure.constraints ?? {})[0] ?? "is not valid");
  return customer;
}

/**
 * Adds the service in the entitlements subgraph, which owns trials: addService as the job's caller. That is not
 * in this item's transaction, so the item's key makes it idempotent there: a job resumed after a restart that
 * asks again for an item applied just before the process died gets the same trial, not a second one.
 */
async function addService(ctx: RequestContext, input: Record<string, string>, key: string): Promise<string> {
  const answer = await callRoute(BULK_ADD_SERVICE_ROUTE, {
    caller: ctx.requireCaller(),
    customerId: String(input.customerId),
    serviceCode: String(input.serviceCode),
    key,
  });
  if (answer.error) {
    const { code, message, field } = answer.error;
    throw new ClientError(code as ErrorCode, message, field ? { field } : {});
  }
  return answer.trialId;
}

/**
 * Applies one item as the single operation would, as the job's caller, in the given transaction (or, for what
 * another subgraph owns, idempotently by the item's key); returns the id of what it created or changed.
 */
export async function applyItem(
  ctx: RequestContext,
  manager: EntityManager,
  kind: BulkJobKind,
  input: Record<string, string>,
  key: string,
): Promise<string> {
  switch (kind) {
    case BulkJobKind.ADD_CUSTOMERS:
      return (await ctx.use(AddCustomerService).addIn(manager, await checked(input))).connection.id;
    case BulkJobKind.TERMINATE_CONNECTIONS:
      return (await ctx.use(ConnectionService).terminateIn(manager, String(input.connectionId))).id;
    case BulkJobKind.ADD_SERVICE:
      return addService(ctx, input, key);
  }
}
