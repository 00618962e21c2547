import { BadUserInputError, RequestContext } from "@partnergraph/kit";
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
 * Applies one item as the single operation would, as the job's caller, in the given transaction; returns the id
 * of what it created or changed.
 */
export async function applyItem(
  ctx: RequestContext,
  manager: EntityManager,
  kind: BulkJobKind,
  input: Record<string, string>,
): Promise<string> {
  switch (kind) {
    case BulkJobKind.ADD_CUSTOMERS:
      return (await ctx.use(AddCustomerService).addIn(manager, await checked(input))).connection.id;
    case BulkJobKind.TERMINATE_CONNECTIONS:
      return (await ctx.use(ConnectionService).terminateIn(manager, String(input.connectionId))).id;
  }
}
