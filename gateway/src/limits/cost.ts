import {
  ArgumentNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from "graphql";

type Variables = Record<string, unknown>;
/** One evaluation: the request's variables, and each fragment's cost once per page size it was handed. */
interface Evaluation {
  variables: Variables;
  fragments: Map<string, number>;
}
/** The cost of a selection, given the evaluation and the page size a connection hands its lists. */
type CostOf = (evaluation: Evaluation, pageSize: number) => number;

const PAGE_ARGUMENT = "first";
const NOTHING: CostOf = () => 0;

/**
 * The cost model (README, "Limits"): each object costs 1; a list costs its size times what each item costs. A list's
 * size is its `first` argument; the lists inside a connection (`edges`) take the connection's `first`; any other list
 * counts as `listSize` items. Introspection costs nothing (the gateway answers it alone, bounded by the schema).
 *
 * Compiled once per document into closures, so a request only evaluates them with its variables.
 */
export function compileCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  listSize: number,
): Map<OperationDefinitionNode, (variables: Variables) => number> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const compiledFragments = new Map<string, CostOf>();
  const compiling = new Set<string>();

  const fragmentCost = (name: string, variableDefaults: Map<string, ValueNode>): CostOf => {
    const known = compiledFragments.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    // Unknown, cyclic or mistyped fragments are refused by validation; they cost nothing here.
    if (!fragment || !type || compiling.has(name)) return NOTHING;
    compiling.add(name);
    const selection = selectionCost(fragment.selectionSet, type, variableDefaults);
    compiling.delete(name);
    // Evaluated once per request and page size: a fragment spread twice into one spread twice… is not walked 2^n times.
    const cost: CostOf = (evaluation, pageSize) => {
      const key = `${name}\n${pageSize}`;
      let known = evaluation.fragments.get(key);
      if (known === undefined) evaluation.fragments.set(key, (known = selection(evaluation, pageSize)));
      return known;
    };
    compiledFragments.set(name, cost);
    return cost;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLNamedType, variableDefaults: Map<string, ValueNode>): CostOf => {
    if (field.name.value.startsWith("__") || !(isObjectType(parent) || isInterfaceType(parent))) return NOTHING;
    const definition = parent.getFields()[field.name.value];
    if (!definition) return NOTHING;
    const type = getNamedType(definition.type);
    if (!isCompositeType(type)) return NOTHING;
    const children = selectionCost(field.selectionSet, type, variableDefaults);
    const first = pageSizeOf(definition, field.arguments ?? [], variableDefaults, listSize);
    const isList = isListType(getNullableType(definition.type));
    // A paginated object (a connection) hands its `first` to the lists it holds; other objects hand the default.
    const inside = (evaluation: Evaluation) => (first ? first(evaluation.variables) : listSize);
    if (!isList) return (evaluation) => 1 + children(evaluation, inside(evaluation));
    const connectionList = parent.name.endsWith("Connection");
    return (evaluation, pageSize) => {
      const size = first ? first(evaluation.variables) : connectionList ? pageSize : listSize;
      return size * (1 + children(evaluation, inside(evaluation)));
    };
  };

  const selectionCost = (
    selectionSet: SelectionSetNode | undefined,
    parent: GraphQLNamedType,
    variableDefaults: Map<string, ValueNode>,
  ): CostOf => {
    if (!selectionSet) return NOTHING;
    const parts: CostOf[] = selectionSet.selections.map((selection) => {
      if (selection.kind === Kind.FIELD) return fieldCost(selection, parent, variableDefaults);
      if (selection.kind === Kind.FRAGMENT_SPREAD) return fragmentCost(selection.name.value, variableDefaults);
      const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
      return type ? selectionCost(selection.selectionSet, type, variableDefaults) : NOTHING;
    });
    const counted = parts.filter((part) => part !== NOTHING);
    if (counted.length === 0) return NOTHING;
    return (evaluation, pageSize) => {
      let sum = 0;
      for (const part of counted) sum += part(evaluation, pageSize);
      return sum;
    };
  };

  const operations = new Map<OperationDefinitionNode, (variables: Variables) => number>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = schema.getRootType(definition.operation);
    if (!root) continue;
    // Fragments read variables by name: their defaults come from the operation that spreads them. Documents with
    // several operations compile their fragments again for each (they are small).
    compiledFragments.clear();
    const variableDefaults = new Map<string, ValueNode>();
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue) variableDefaults.set(variable.variable.name.value, variable.defaultValue);
    }
    const cost = selectionCost(definition.selectionSet, root, variableDefaults);
    operations.set(definition, (variables) => cost({ variables, fragments: new Map() }, listSize));
  }
  return operations;
}

/** The field's page size as a function of the variables, or null when the field takes no `first`. */
function pageSizeOf(
  definition: GraphQLField<unknown, unknown>,
  argumentNodes: readonly ArgumentNode[],
  variableDefaults: Map<string, ValueNode>,
  listSize: number,
): ((variables: Variables) => number) | null {
  const argument = definition.args.find((candidate) => candidate.name === PAGE_ARGUMENT);
  if (!argument) return null;
  const declared = typeof argument.defaultValue === "number" ? argument.defaultValue : listSize;
  const node = argumentNodes.find((candidate) => candidate.name.value === PAGE_ARGUMENT)?.value;
  if (!node) return () => declared;
  if (node.kind === Kind.INT) return () => count(Number(node.value), declared);
  if (node.kind !== Kind.VARIABLE) return () => declared;
  const name = node.name.value;
  const fallbackNode = variableDefaults.get(name);
  const fallback = fallbackNode?.kind === Kind.INT ? count(Number(fallbackNode.value), declared) : declared;
  return (variables) => {
    const value = variables[name];
    return value === undefined || value === null ? fallback : count(value, declared);
  };
}

/** A page size as the subgraph would read it; anything that is not one (refused later by validation) counts as the default. */
function count(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isSafeInteger(value) ? Math.max(0, value) : fallback;
}

/**
 * What was really resolved, by the same rule: every object in the response data (a list counts as its items), the
 * root and introspection (`__schema`, `__type`) not included.
 */
export function actualCost(data: unknown): number {
  let objects = 0;
  const visitFields = (object: object) => {
    for (const [key, child] of Object.entries(object)) if (!key.startsWith("__")) visit(child);
  };
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === "object") {
      objects++;
      visitFields(value);
    }
  };
  if (data !== null && typeof data === "object") visitFields(data);
  return objects;
}
