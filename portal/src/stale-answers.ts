import { type Exchange, makeOperation, mapExchange, type Operation } from "urql";

/** The types an answer names (its objects' __typename), as urql's document cache tags a query's answer. */
function typenamesOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) typenamesOf(item, found);
  else if (value && typeof value === "object")
    for (const [key, inner] of Object.entries(value)) {
      if (key === "__typename" && typeof inner === "string") found.add(inner);
      else typenamesOf(inner, found);
    }
  return found;
}

const typesOf = (operation: Operation, data: unknown) => [
  ...typenamesOf(data),
  ...(operation.context.additionalTypenames ?? []),
];

/**
 * urql's cacheExchange asks a list again after a mutation only when the list's answer is already cached. A list
 * asked for before the mutation committed but answered after it (the page was still loading when the form was sent,
 * which a loaded machine makes likely) would then stand without what was just done, for good. This exchange, between
 * the cache and the network, asks such an answer once more: one whose types a mutation answered since it was asked.
 */
export const staleAnswerExchange: Exchange = (input) => {
  let mutationsAnswered = 0;
  /** For each type, how many mutations had answered when one last touched it. */
  const touched = new Map<string, number>();
  return mapExchange({
    onOperation: (operation) =>
      operation.kind === "query"
        ? makeOperation("query", operation, { ...operation.context, askedAfter: mutationsAnswered })
        : operation,
    onResult: (result) => {
      const { operation, data } = result;
      if (operation.kind === "mutation" && data) {
        mutationsAnswered++;
        for (const type of typesOf(operation, data)) touched.set(type, mutationsAnswered);
      } else if (operation.kind === "query") {
        const askedAfter = operation.context.askedAfter as number;
        if (typesOf(operation, data).some((type) => (touched.get(type) ?? 0) > askedAfter))
          input.client.reexecuteOperation(
            makeOperation("query", operation, { ...operation.context, requestPolicy: "network-only" }),
          );
      }
    },
  })(input);
};
