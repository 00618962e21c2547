import type { SubgraphName } from "@partnergraph/kit";
import fc from "fast-check";
import {
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from "graphql";

/**
 * Operations generated from a subgraph's own schema: every query field, every mutation and every `_entities`
 * type is a target; fast-check draws its arguments (victims' ids and other values from the pools) and a
 * random selection of its fields, three levels deep. Nothing here knows a field by name: a new field is
 * generated as soon as its subgraph serves it.
 */

export interface Target {
  subgraph: SubgraphName;
  /** "Query.organization", "Mutation.placeOrder" or "_entities.Organization". */
  name: string;
  mutation: boolean;
}

export interface Operation {
  target: Target;
  query: string;
}

/** Values arguments are drawn from. */
export interface Pools {
  /** Victims' keys by the object type they identify (Trial ids under "Trial", service codes under "Service"). */
  keysByType: Record<string, string[]>;
  /** Every id of the victims'. */
  ids: string[];
  /** The actors' own ids and ids that name nothing: an actor may also try the others' or none. */
  otherIds: string[];
  /** By argument name (pin, email, after, search, token…): values read from the victims' data. */
  stringsByArgument: Record<string, string[]>;
}

const SELECTION_DEPTH = 3;
const INTS = [-1, 0, 1, 2, 3, 20, 100, 101, 2_147_483_647];
const FLOATS = [-1, 0, 0.5, 1, 100, 1e13];
const MONEY = ["0.00", "1.00", "19.99", "-5.00", "250.5", "99999999999999.99"];
const TEXT = ["x", "Tenancy probe", " ", "SDWAN", "en", "USD", "DE", "a".repeat(300)];
const DATES = ["2020-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2099-12-31T00:00:00.000Z", "not a date"];

/** `customerId` names an Organization, `agreementId` a PartnerSupportAgreement… (an argument `id` names its field's type). */
const ID_ARGUMENT_TYPES: Record<string, string> = {
  customerId: "Organization",
  partnerId: "Organization",
  resellerId: "Organization",
  organizationId: "Organization",
  userId: "User",
  agreementId: "PartnerSupportAgreement",
};

export function targetsOf(subgraph: SubgraphName, schema: GraphQLSchema): Target[] {
  const roots = (type: GraphQLObjectType | null | undefined, mutation: boolean) =>
    Object.keys(type?.getFields() ?? {})
      .filter((field) => !field.startsWith("_"))
      .map((field) => ({ subgraph, name: `${type!.name}.${field}`, mutation }));
  const entity = schema.getType("_Entity");
  const entities = entity && isUnionType(entity) ? entity.getTypes() : [];
  return [
    ...roots(schema.getQueryType(), false),
    ...roots(schema.getMutationType(), true),
    ...entities.map((type) => ({ subgraph, name: `_entities.${type.name}`, mutation: false })),
  ];
}

/** The fields an `@key` names, read from the type's directives in the subgraph's SDL. */
export function keyFieldOf(type: GraphQLNamedType): string {
  const key = type.astNode?.directives?.find((d) => d.name.value === "key");
  const fields = key?.arguments?.find((a) => a.name.value === "fields")?.value;
  return fields && "value" in fields && typeof fields.value === "string" ? fields.value : "id";
}

/** A GraphQL literal of `value` for an input type (enums bare, input objects as { … }, `_Any` as an object). */
export function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null) return "null";
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) return `[${(value as unknown[]).map((item) => literal(item, type.ofType)).join(", ")}]`;
  if (isEnumType(type)) return value as string;
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${k}: ${literal(v, fields[k].type)}`).join(", ")}}`;
  }
  if (type.name === "_Any") {
    const entries = Object.entries(value as Record<string, string>);
    return `{${entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}

export class OperationGenerator {
  private readonly selections = new Map<string, fc.Arbitrary<string>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: Pools,
  ) {}

  /** Ids for an argument: mostly the victims' of the hinted type, else any of theirs, sometimes others'. */
  private ids(hint: string | undefined): fc.Arbitrary<string> {
    const typed = (hint && this.pools.keysByType[hint]) || [];
    return fc.oneof(
      ...(typed.length ? [{ weight: 6, arbitrary: fc.constantFrom(...typed) }] : []),
      { weight: 3, arbitrary: fc.constantFrom(...this.pools.ids) },
      { weight: 1, arbitrary: fc.constantFrom(...this.pools.otherIds) },
    );
  }

  private strings(argument: string): fc.Arbitrary<string> {
    const read = this.pools.stringsByArgument[argument] ?? [];
    return read.length
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...read) }, { weight: 1, arbitrary: fc.constantFrom(...TEXT) })
      : fc.constantFrom(...TEXT);
  }

  private value(type: GraphQLInputType, argument: string, idHint: string | undefined): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) return this.value(type.ofType, argument, idHint);
    if (isListType(type)) return fc.array(this.value(type.ofType, argument, idHint), { maxLength: 3 });
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      return fc.record(
        Object.fromEntries(
          fields.map((f) => [f.name, this.value(f.type, f.name, ID_ARGUMENT_TYPES[f.name] ?? idHint)]),
        ),
        { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) },
      );
    }
    switch (type.name) {
      case "ID":
        return this.ids(idHint);
      case "String":
        return this.strings(argument);
      case "Int":
        return fc.constantFrom(...INTS);
      case "Float":
        return fc.constantFrom(...FLOATS);
      case "Boolean":
        return fc.boolean();
      case "Money":
        return fc.constantFrom(...MONEY);
      case "DateTimeISO":
        return fc.constantFrom(...DATES);
      default:
        return fc.constantFrom(...TEXT);
    }
  }

  /** `(a: …, b: …)` for a field: required arguments always, optional ones sometimes. */
  private arguments(field: GraphQLField<unknown, unknown>): fc.Arbitrary<string> {
    if (!field.args.length) return fc.constant("");
    const returned = getNamedType(field.type).name;
    const one = (arg: GraphQLArgument) => {
      const hint = ID_ARGUMENT_TYPES[arg.name] ?? (arg.name === "id" ? returned : undefined);
      const value = this.value(arg.type, arg.name, hint).map((v) => `${arg.name}: ${literal(v, arg.type)}`);
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      return required ? value : fc.option(value, { nil: "" });
    };
    return fc.tuple(...field.args.map(one)).map((parts) => {
      const given = parts.filter(Boolean);
      return given.length ? `(${given.join(", ")})` : "";
    });
  }

  /** A random selection of a type's fields (each a third of the time: small answers are cheap, and one failing
   * non-null field hides fewer of its siblings), `depth` levels of objects deep. */
  selection(type: GraphQLNamedType, depth: number): fc.Arbitrary<string> {
    const memo = `${type.name}:${depth}`;
    const known = this.selections.get(memo);
    if (known) return known;
    let arbitrary: fc.Arbitrary<string>;
    if (isAbstractType(type)) {
      const members = this.schema.getPossibleTypes(type);
      arbitrary = fc
        .tuple(...members.map((m) => this.selection(m, depth).map((s) => `... on ${m.name} ${s}`)))
        .map((parts) => `{ __typename ${parts.join(" ")} }`);
    } else if (isObjectType(type)) {
      const fields = Object.values(type.getFields()).filter(
        (f) => !f.name.startsWith("_") && (depth > 0 || isLeafType(getNamedType(f.type))),
      );
      const field = (f: GraphQLField<unknown, unknown>) => {
        const named = getNamedType(f.type);
        const inner = isLeafType(named) ? fc.constant("") : this.selection(named, depth - 1);
        const chosen = fc.tuple(this.arguments(f), inner).map(([args, sel]) => `${f.name}${args} ${sel}`.trim());
        return fc.oneof({ weight: 2, arbitrary: fc.constant("") }, { weight: 1, arbitrary: chosen });
      };
      arbitrary = fc.tuple(...fields.map(field)).map((parts) => `{ __typename ${parts.filter(Boolean).join(" ")} }`);
    } else {
      arbitrary = fc.constant("");
    }
    this.selections.set(memo, arbitrary);
    return arbitrary;
  }

  /** Operations aimed at one target. */
  operations(target: Target): fc.Arbitrary<Operation> {
    const [root, name] = target.name.split(".");
    if (root === "_entities") {
      const type = this.schema.getType(name)!;
      const keyField = keyFieldOf(type);
      const keys = keyField === "id" ? this.ids(name) : fc.constantFrom(...(this.pools.keysByType[name] ?? ["X"]));
      return fc
        .tuple(fc.array(keys, { minLength: 1, maxLength: 3 }), this.selection(type, SELECTION_DEPTH))
        .map(([values, selection]) => {
          const representations = values.map(
            (v) => `{__typename: ${JSON.stringify(name)}, ${keyField}: ${JSON.stringify(v)}}`,
          );
          return {
            target,
            query: `{ _entities(representations: [${representations.join(", ")}]) { __typename ... on ${name} ${selection} } }`,
          };
        });
    }
    const rootType = target.mutation ? this.schema.getMutationType()! : this.schema.getQueryType()!;
    const field = rootType.getFields()[name];
    const named = getNamedType(field.type);
    const selection = isLeafType(named) ? fc.constant("") : this.selection(named, SELECTION_DEPTH - 1);
    return fc.tuple(this.arguments(field), selection).map(([args, sel]) => ({
      target,
      query: `${target.mutation ? "mutation" : "query"} { ${name}${args} ${sel} }`,
    }));
  }
}

/** A selection set as data, so that a field a viewer may not read can be taken out again. */
export interface Selected {
  field: string;
  /** `(a: …)` or "". */
  args: string;
  children: Selection | null;
}
export interface Selection {
  fields: Selected[];
  /** For an abstract type: a selection per possible type. */
  fragments: { type: string; selection: Selection }[];
}

/**
 * Every field of a type, `depth` levels of objects deep: what the victims read of their own data, to learn its
 * values. Arguments come from `args`; a field whose required argument has no value there is left out.
 */
export function fullSelection(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  depth: number,
  args: Record<string, unknown>,
): Selection {
  if (isAbstractType(type))
    return {
      fields: [],
      fragments: schema
        .getPossibleTypes(type)
        .map((member) => ({ type: member.name, selection: fullSelection(schema, member, depth, args) })),
    };
  const fields: Selected[] = [];
  for (const field of isObjectType(type) ? Object.values(type.getFields()) : []) {
    if (field.name.startsWith("_")) continue;
    const named = getNamedType(field.type);
    if (!isLeafType(named) && depth === 0) continue;
    const given = fieldArguments(field, args);
    if (given === null) continue;
    fields.push({
      field: field.name,
      args: given,
      children: isLeafType(named) ? null : fullSelection(schema, named, depth - 1, args),
    });
  }
  return { fields, fragments: [] };
}

/** The selection set as GraphQL, with `__typename` on every object. */
export function printSelection(selection: Selection): string {
  const fields = selection.fields.map(({ field, args, children }) =>
    children ? `${field}${args} ${printSelection(children)}` : `${field}${args}`,
  );
  const fragments = selection.fragments.map(({ type, selection: s }) => `... on ${type} ${printSelection(s)}`);
  return `{ __typename ${[...fields, ...fragments].join(" ")} }`;
}

/** Takes out the field an error's path names (list indices skipped, fragments searched); false when none matched. */
export function prune(selection: Selection, path: (string | number)[]): boolean {
  const [head, ...rest] = path.filter((step): step is string => typeof step === "string");
  let pruned = false;
  for (const { selection: inner } of selection.fragments) pruned = prune(inner, [head, ...rest]) || pruned;
  const index = selection.fields.findIndex((f) => f.field === head);
  if (index < 0) return pruned;
  const { children } = selection.fields[index];
  if (!rest.length || !children) {
    selection.fields.splice(index, 1);
    return true;
  }
  return prune(children, rest) || pruned;
}

/** `(a: …)` from `args` by argument name, or null when a required argument has no value there. */
export function fieldArguments(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const arg of field.args) {
    if (arg.name in args) parts.push(`${arg.name}: ${literal(args[arg.name], arg.type)}`);
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) return null;
  }
  return parts.length ? `(${parts.join(", ")})` : "";
}
