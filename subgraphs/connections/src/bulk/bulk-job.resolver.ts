import { ConnectionType, Page, PageArgs, RequestContext } from "@partnergraph/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { BulkItemError, BulkJob, BulkJobItem } from "./bulk-job.entity";
import { BulkJobInput } from "./bulk-job.inputs";
import { BulkJobService } from "./bulk-job.service";

export const BulkJobItemConnection = ConnectionType("BulkJobItem", BulkJobItem);

@Resolver(() => BulkJob)
export class BulkJobResolver {
  @Mutation(() => BulkJob, {
    description: "Starts bulk work in the background; the same idempotency key returns the same job",
  })
  startBulkJob(@Arg("input") input: BulkJobInput, @Ctx() ctx: RequestContext): Promise<BulkJob> {
    return ctx.use(BulkJobService).start(input);
  }

  @Query(() => BulkJob, { description: "One of the acting organization's bulk jobs" })
  bulkJob(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<BulkJob> {
    return ctx.use(BulkJobService).get(id);
  }

  @FieldResolver(() => BulkJobItemConnection, { description: "Its items in input order" })
  items(@Root() job: BulkJob, @Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<Page<BulkJobItem>> {
    return ctx.use(BulkJobService).items(job, args);
  }
}

@Resolver(() => BulkJobItem)
export class BulkJobItemResolver {
  @FieldResolver(() => BulkItemError, { nullable: true, description: "Why it failed; null unless FAILED" })
  error(@Root() item: BulkJobItem): BulkItemError | null {
    return item.errorCode ? { code: item.errorCode, message: item.errorMessage ?? "", field: item.errorField } : null;
  }
}
