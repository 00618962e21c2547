import type { RequestLimits } from "@partnergraph/kit";
import { GraphQLSchema, OperationDefinitionNode, parse } from "graphql";
import { createHash } from "node:crypto";
import { compileCost } from "./cost";
import { operationShapes, readTokens } from "./document-shape";
import { QueryTooComplexError } from "./refusals";

type Variables = Record<string, unknown>;

/** What the gateway decided about one document: refused, or how to cost each of its operations. */
export interface Verdict {
  refusal: QueryTooComplexError | null;
  /** What reading it took: a refused request is charged this. */
  tokens: number;
  /** The cost of the operation `operationName` chooses, given the variables (0 when it chooses none). */
  cost(operationName: string | null | undefined, variables: Variables): number;
}

const FREE: Verdict = { refusal: null, tokens: 0, cost: () => 0 };

/**
 * Measures each document once (tokens, aliases, depth, directives, and its cost compiled), and keeps the verdict
 * for the documents seen most recently: a repeated document, accepted or refused, costs a Map read and the cost
 * closures' run over its variables.
 */
export class DocumentVerdicts {
  private readonly verdicts = new Map<string, Verdict>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: RequestLimits,
    private readonly maxEntries = 2_000,
  ) {}

  of(source: string): Verdict {
    // Keyed by a digest: the cache never holds the sources themselves (up to 1 MB each).
    const hash = createHash("sha256").update(source).digest("base64");
    const known = this.verdicts.get(hash);
    if (known) {
      // Most recently used last: the oldest are the first to go.
      this.verdicts.delete(hash);
      this.verdicts.set(hash, known);
      return known;
    }
    const verdict = this.judge(source);
    this.verdicts.set(hash, verdict);
    if (this.verdicts.size > this.maxEntries) this.verdicts.delete(this.verdicts.keys().next().value!);
    return verdict;
  }

  private judge(source: string): Verdict {
    const { maxTokens, maxAliases, maxDepth, maxDirectives, listSize } = this.limits;
    let document;
    let tokens;
    try {
      const lexical = readTokens(source);
      tokens = lexical.tokens;
      if (tokens > maxTokens) return refused(new QueryTooComplexError("tokens", tokens, maxTokens), tokens);
      if (lexical.simple && lexical.aliases > maxAliases)
        return refused(new QueryTooComplexError("aliases", lexical.aliases, maxAliases), tokens);
      document = parse(source, { maxTokens });
    } catch {
      // A syntax error: Apollo's own parse answers it (400, GRAPHQL_PARSE_FAILED).
      return FREE;
    }
    const operations: OperationDefinitionNode[] = [];
    for (const [operation, shape] of operationShapes(document)) {
      if (shape.aliases > maxAliases)
        return refused(new QueryTooComplexError("aliases", shape.aliases, maxAliases), tokens);
      if (shape.depth > maxDepth) return refused(new QueryTooComplexError("depth", shape.depth, maxDepth), tokens);
      if (shape.directives > maxDirectives)
        return refused(new QueryTooComplexError("directives", shape.directives, maxDirectives), tokens);
      operations.push(operation);
    }
    const costs = compileCost(this.schema, document, listSize);
    return {
      refusal: null,
      tokens,
      cost(operationName, variables) {
        // The one operation, or the named one; none chosen is Apollo's to refuse (operationChoicePlugin).
        const operation = operationName
          ? operations.find((candidate) => candidate.name?.value === operationName)
          : operations.length === 1
            ? operations[0]
            : undefined;
        return operation ? costs.get(operation)!(variables) : 0;
      },
    };
  }
}

const refused = (refusal: QueryTooComplexError, tokens: number): Verdict => ({ refusal, tokens, cost: () => 0 });
