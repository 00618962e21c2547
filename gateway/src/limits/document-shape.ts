import {
  DocumentNode,
  FragmentDefinitionNode,
  Kind,
  Lexer,
  OperationDefinitionNode,
  SelectionSetNode,
  Source,
  TokenKind,
} from "graphql";

/** What one operation asks of the gateway's parser and planner, fragments counted wherever they are spread. */
export interface OperationShape {
  aliases: number;
  /** Fields nested in fields; introspection (`__schema`, `__type`, `__typename`) is answered by the gateway alone. */
  depth: number;
  directives: number;
}

/** Tokens of a document, counted without building it (so a huge one is measured before it is parsed). */
export function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens++;
  return tokens;
}

/**
 * The shape of every operation of a document. Each fragment is measured once and its figures reused wherever it
 * is spread: a document spreading fragments into fragments is measured in linear time, however much it expands.
 */
export function operationShapes(document: DocumentNode): Map<OperationDefinitionNode, OperationShape> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, OperationShape>();
  const measuring = new Set<string>();
  const fragmentShape = (name: string): OperationShape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // An unknown or cyclic spread is refused by validation; it adds nothing here.
    if (!fragment || measuring.has(name)) return { aliases: 0, depth: 0, directives: 0 };
    measuring.add(name);
    const shape = selectionShape(fragment.selectionSet);
    shape.directives += fragment.directives?.length ?? 0;
    measuring.delete(name);
    measured.set(name, shape);
    return shape;
  };
  const selectionShape = (selectionSet: SelectionSetNode | undefined): OperationShape => {
    const shape = { aliases: 0, depth: 0, directives: 0 };
    for (const selection of selectionSet?.selections ?? []) {
      shape.directives += selection.directives?.length ?? 0;
      let inner: OperationShape;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) shape.aliases++;
        inner = selectionShape(selection.selectionSet);
        if (!selection.name.value.startsWith("__")) shape.depth = Math.max(shape.depth, 1 + inner.depth);
      } else {
        inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selectionShape(selection.selectionSet)
            : fragmentShape(selection.name.value);
        shape.depth = Math.max(shape.depth, inner.depth);
      }
      shape.aliases += inner.aliases;
      shape.directives += inner.directives;
    }
    return shape;
  };
  const shapes = new Map<OperationDefinitionNode, OperationShape>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const shape = selectionShape(definition.selectionSet);
    shape.directives += definition.directives?.length ?? 0;
    shapes.set(definition, shape);
  }
  return shapes;
}
