import { ForbiddenError, keysetPage, likeContaining, Page, RequestContext } from "@partnergraph/kit";
import { sharedAreas } from "../consent/consent.type";
import { Connection, ConnectionStatus } from "./connection.entity";
import { CustomerDashboardArgs } from "./connection.inputs";

/**
 * A badged partner's ACTIVE connections, by customer name: one statement for the page and one for the
 * total, whatever the page size (index partner_id, status, customer_name, id).
 */
export class DashboardService {
  constructor(private readonly ctx: RequestContext) {}

  async customers(args: CustomerDashboardArgs): Promise<Page<Connection>> {
    const partnerId = this.ctx.requireOrganization();
    if (!this.ctx.caller!.isPartner)
      throw new ForbiddenError(
        "The customer dashboard is for organizations with an active partner-program badge; yours holds none",
      );
    const search = args.search?.trim();
    const base = () => {
      const qb = this.ctx
        .repository(Connection)
        .createQueryBuilder("c")
        .where("c.partner_id = :partnerId AND c.status = :status", { partnerId, status: ConnectionStatus.ACTIVE });
      return search ? qb.andWhere("c.customer_name LIKE :pattern ESCAPE '!'", { pattern: likeContaining(search) }) : qb;
    };
    const page = await keysetPage(
      base,
      [
        { column: "c.customer_name", direction: "ASC" },
        { column: "c.id", direction: "ASC" },
      ],
      args,
      (c) => [c.customerName, c.id],
    );
    // Just read as ACTIVE for this request, with what each consent shares now: the other subgraphs answering this
    // page need not ask again.
    const now = new Date();
    this.ctx.vouchConnected(page.edges.map(({ node: c }) => [c.customerId, sharedAreas(c, now)]));
    return page;
  }
}
