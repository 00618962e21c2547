import { config } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { Organization } from "./organization/organization.entity";

/** The vendor's own organization always exists: its administrators grant memberships and see everything. */
export async function ensureVendorOrganization(dataSource: DataSource): Promise<void> {
  const id = config().vendorOrganizationId;
  const repository = dataSource.getRepository(Organization);
  if (await repository.exists({ where: { id } })) return;
  await repository
    .createQueryBuilder()
    .insert()
    .values({ id, name: "Vendor Partner Operations", country: "US", isVendor: true })
    .orIgnore()
    .execute();
}
