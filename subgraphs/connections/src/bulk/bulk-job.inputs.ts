import { IsOptional, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { AddCustomerInput } from "../connection/connection.inputs";
import { BulkJobKind } from "./bulk-job.entity";

@InputType({ description: "ADD_SERVICE: one service for each of many customers, as addService adds it" })
export class BulkAddServiceInput {
  @Field()
  serviceCode: string;

  @Field(() => [ID])
  customerIds: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: "A service is added as an ACTIVE trial first (as addService); false is refused",
  })
  trial?: boolean | null;
}

/**
 * The items are checked one by one when they run (a bad item fails alone, naming its field), so the lists are
 * not validated here beyond their size.
 */
@InputType({ description: "Bulk work: the kind, a key that makes a retry return the same job, and the items" })
export class BulkJobInput {
  @Field(() => BulkJobKind)
  kind: BulkJobKind;

  @Field({ description: "Sending the same key again returns the same job" })
  @MaxLength(200)
  idempotencyKey: string;

  @Field(() => [AddCustomerInput], { nullable: true, description: "ADD_CUSTOMERS: the customers to register" })
  @IsOptional()
  addCustomers?: AddCustomerInput[] | null;

  @Field(() => [ID], { nullable: true, description: "TERMINATE_CONNECTIONS: the connections to end" })
  @IsOptional()
  connectionIds?: string[] | null;

  @Field(() => BulkAddServiceInput, { nullable: true, description: "ADD_SERVICE: the service and the customers" })
  @IsOptional()
  addService?: BulkAddServiceInput | null;
}
