import { Caller, config, SUBGRAPH_NAMES, SubgraphName } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { getNamedType, GraphQLSchema, isUnionType } from "graphql";
import type { Actor, Victims } from "./fixtures";
import { callerOf, sendSigned } from "./harness";
import { Audiences, PROFILE_AUDIENCE } from "./matrix";
import { fieldArguments, fullSelection, keyFieldOf, Pools, printSelection, prune, Selection } from "./operations";
import { PublicProfiles, Reading, readingsOf } from "./oracle";

/** Arguments the victims read their own data with: whole pages, dismissed notices too, every connection. */
const HARVEST_ARGUMENTS = { first: 100, includeDismissed: true, last: 8, status: null };
const HARVEST_DEPTH = 4;
/** Rounds of taking out the fields a viewer may not read (one failing non-null field empties its parent). */
const PRUNING_ROUNDS = 8;

const schemaOf = (stack: Stack, name: SubgraphName): GraphQLSchema => stack.subgraphs[name].schema;

function entityTypes(schema: GraphQLSchema) {
  const entity = schema.getType("_Entity");
  return entity && isUnionType(entity) ? entity.getTypes() : [];
}

/**
 * `_entities` over `keys` (by type), for each type the subgraph resolves: one operation per key when `each`
 * (so that what the viewer may not read of one entity is not taken out of the others' selections).
 */
function entitiesSelections(
  schema: GraphQLSchema,
  keys: Record<string, string[]>,
  selectionOf: (type: string) => Selection,
  each = false,
): Selection[] {
  return entityTypes(schema)
    .filter((type) => keys[type.name]?.length)
    .flatMap((type) =>
      each ? keys[type.name].map((key) => ({ type, keys: [key] })) : [{ type, keys: keys[type.name] }],
    )
    .map(({ type, keys: values }) => {
      const key = keyFieldOf(type);
      const representations = values.map((k) => `{__typename: "${type.name}", ${key}: ${JSON.stringify(k)}}`);
      return {
        fields: [
          {
            field: "_entities",
            args: `(representations: [${representations.join(", ")}])`,
            children: { fields: [], fragments: [{ type: type.name, selection: selectionOf(type.name) }] },
          },
        ],
        fragments: [],
      };
    });
}

/** Reads a selection as `caller`, taking out whatever the caller may not read until the rest answers. */
async function readAll(url: string, schema: GraphQLSchema, selection: Selection, caller: Caller): Promise<Reading[]> {
  const mine = JSON.parse(JSON.stringify(selection)) as Selection;
  for (let round = 0; ; round++) {
    const response = await sendSigned(url, printSelection(mine), caller);
    const paths = (response.errors ?? []).flatMap((e) => (e.path ? [e.path] : []));
    const pruned = paths.map((path) => prune(mine, path)).some(Boolean);
    if (!pruned || round === PRUNING_ROUNDS) return readingsOf(schema, response.data);
  }
}

/**
 * What the victims read of their own data, straight from each subgraph: every query without required arguments
 * and every entity of theirs, with every field four levels deep, as the customer's and as the partner's admin.
 */
export async function harvest(stack: Stack, victims: Victims): Promise<Reading[]> {
  const viewers = [
    await callerOf(victims.customer.admin, victims.customer.id),
    await callerOf(victims.partner.admin, victims.partner.id),
  ];
  const keys: Record<string, string[]> = {
    Organization: [victims.customer.id, victims.partner.id],
    User: victims.people.map((p) => p.userId),
    Connection: victims.connections,
    SupportTicket: victims.tickets,
    Service: ["SDWAN"],
  };
  const readings: Reading[] = [];
  for (const name of SUBGRAPH_NAMES) {
    const schema = schemaOf(stack, name);
    const full = (type: string) => fullSelection(schema, schema.getType(type)!, HARVEST_DEPTH, HARVEST_ARGUMENTS);
    const roots = Object.values(schema.getQueryType()!.getFields())
      .filter((field) => !field.name.startsWith("_"))
      .flatMap((field): Selection[] => {
        const args = fieldArguments(field, HARVEST_ARGUMENTS);
        if (args === null) return [];
        return [
          { fields: [{ field: field.name, args, children: full(getNamedType(field.type).name) }], fragments: [] },
        ];
      });
    for (const selection of [...roots, ...entitiesSelections(schema, keys, full, true)])
      for (const caller of viewers)
        readings.push(...(await readAll(stack.subgraphs[name].url, schema, selection, caller)));
  }
  return readings;
}

/**
 * Public profiles: badged partners and the vendor (any signed-in caller sees their id and name), and the people of
 * badged partners. Read as the vendor, who sees every organization: which of them is a partner decides.
 */
export async function publicProfiles(
  stack: Stack,
  vendor: Caller,
  audiences: Audiences,
  keys: { Organization: string[]; User: string[] },
): Promise<PublicProfiles> {
  const schema = schemaOf(stack, "identity");
  const scalars = (type: string) => fullSelection(schema, schema.getType(type)!, 0, {});
  const partner = { fields: ["id", "isPartner"].map((field) => ({ field, args: "", children: null })), fragments: [] };
  const user = scalars("User");
  user.fields.push({ field: "organization", args: "", children: partner });
  const selections: Record<string, Selection> = { Organization: scalars("Organization"), User: user };
  const owners = new Set([config().vendorOrganizationId]);
  const readings: Reading[] = [];
  for (const selection of entitiesSelections(schema, keys, (type) => selections[type])) {
    const { data } = await sendSigned(stack.subgraphs.identity.url, printSelection(selection), vendor);
    for (const entity of (data?._entities ?? []) as { id: string; isPartner?: boolean; organization?: any }[])
      if (entity?.isPartner || entity?.organization?.isPartner) owners.add(entity.id);
    readings.push(...readingsOf(schema, data));
  }
  const profile = (r: Reading) =>
    r.owner !== null && owners.has(r.owner) && audiences.of(r.type, r.field).includes(PROFILE_AUDIENCE);
  return { owners, values: new Set(readings.filter(profile).map((r) => r.value)) };
}

/** Argument pools from what the victims read: their keys by type, their ids, and values by argument name. */
export function poolsFrom(stack: Stack, readings: Reading[], actors: Actor[]): Pools {
  const values = (match: (r: Reading) => boolean) => [...new Set(readings.filter(match).map((r) => r.value))];
  const keysByType: Record<string, string[]> = {};
  for (const name of SUBGRAPH_NAMES)
    for (const type of Object.values(schemaOf(stack, name).getTypeMap()))
      keysByType[type.name] ??= values((r) => r.type === type.name && r.field === keyFieldOf(type));
  const emails = values((r) => r.field === "email");
  return {
    keysByType,
    ids: values((r) => r.scalar === "ID"),
    otherIds: [...actors.flatMap((a) => a.own.filter((k) => /^[A-Z]{3}-/.test(k))), "ORG-0000000000", "TKT-NOSUCH0000"],
    stringsByArgument: {
      pin: values((r) => r.field === "pin"),
      email: emails,
      adminEmail: emails,
      after: values((r) => r.field === "cursor" || r.field === "endCursor"),
      search: values((r) => r.type === "Organization" && r.field === "name"),
      token: values((r) => r.field === "token"),
      serviceCode: [...values((r) => r.type === "Service" && r.field === "code"), "NOSUCH"],
      country: ["DE", "US", "ZZ"],
    },
  };
}
