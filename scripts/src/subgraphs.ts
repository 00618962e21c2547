import { connections, seedConnectionsDemo } from "@partnergraph/connections";
import { entitlements, seedEntitlementsDemo } from "@partnergraph/entitlements";
import { identity, seedIdentityDemo } from "@partnergraph/identity";
import { SubgraphDefinition, SubgraphName } from "@partnergraph/kit";
import { seedSupportDemo, support } from "@partnergraph/support";
import { webhooks } from "@partnergraph/webhooks";
import { audit } from "@partnergraph/audit";
import type { DataSource } from "typeorm";

/** The only place that knows every subgraph. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition> = {
  identity,
  connections,
  entitlements,
  support,
  webhooks,
  audit,
};

/** Each subgraph's part of the demo data (../shared/contract/demo.md). */
export const DEMO_SEEDS: Partial<Record<SubgraphName, (dataSource: DataSource) => Promise<void>>> = {
  identity: seedIdentityDemo,
  connections: seedConnectionsDemo,
  entitlements: seedEntitlementsDemo,
  support: seedSupportDemo,
};
