import { alignByKey, BadUserInputError, RequestContext } from "@partnergraph/kit";
import { In } from "typeorm";
import { Service } from "./service.entity";

export class CatalogService {
  constructor(private readonly ctx: RequestContext) {}

  /** Batched by code: one query per request however many trials, entitlements or order lines point at services. */
  load(code: string): Promise<Service | null> {
    return this.ctx
      .loader<string, Service | null>("service-by-code", async (codes) =>
        alignByKey(codes, await this.ctx.repository(Service).find({ where: { code: In([...codes]) } }), (s) => s.code),
      )
      .load(code);
  }

  /** A service named in an input, or BAD_USER_INPUT on that field. */
  async require(code: string, field = "serviceCode"): Promise<Service> {
    const service = await this.load(code.trim().toUpperCase());
    if (!service) throw new BadUserInputError(field, `There is no service ${code}`);
    return service;
  }

  all(): Promise<Service[]> {
    return this.ctx.repository(Service).find({ order: { name: "ASC" } });
  }
}
