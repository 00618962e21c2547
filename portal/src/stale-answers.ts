import { type Exchange, makeOperation, mapExchange, type Operation } from "urql";

const askAgain = (operation: Operation): Operation =>
  makeOperation("query", operation, { ...operation.context, requestPolicy: "network-only" });

/**
 * After a mutation, every query on screen is asked again. urql's cacheExchange asks again only the cached answers
 * that name a type the mutation's answer names, and so misses: a list that is still empty (no goals, no tickets, no
 * grants yet names no item type); a list asked for before the mutation committed but answered after it (the page was
 * still loading when the form was sent), not cached yet when the mutation answers; and what a mutation changes beyond
 * the types its answer names (a proposed goal is one more of the partner's goals, a registration gives the person an
 * organization). A page holds a few queries: asking them again costs a few requests per mutation and is always right,
 * and no page has to name the types its lists hold. Put first, before the cache, so that cache hits pass here too.
 */
export const afterMutationExchange: Exchange = (input) => {
  let mutationsAnswered = 0;
  /**
   * The queries asked since the last mutation answered, by key. Every query on screen is among them: one asked again
   * after a mutation passes here again, and the client asks again only queries still on screen, so the rest drop out.
   */
  let asked = new Map<number, Operation>();
  /** Queries asked and not answered yet: each is asked again when its answer comes, if a mutation answered meanwhile. */
  const unanswered = new Set<number>();
  return mapExchange({
    onOperation: (operation) => {
      if (operation.kind !== "query") return operation;
      asked.set(operation.key, operation);
      unanswered.add(operation.key);
      return makeOperation("query", operation, { ...operation.context, askedAfter: mutationsAnswered });
    },
    onResult: ({ operation, data }) => {
      if (operation.kind === "query") {
        unanswered.delete(operation.key);
        if ((operation.context.askedAfter as number) < mutationsAnswered)
          input.client.reexecuteOperation(askAgain(operation));
      } else if (operation.kind === "mutation" && data) {
        // A refused mutation (no data) changed nothing.
        mutationsAnswered++;
        const onScreen = asked;
        asked = new Map();
        for (const query of onScreen.values())
          if (!unanswered.has(query.key)) input.client.reexecuteOperation(askAgain(query));
      }
    },
  })(input);
};
