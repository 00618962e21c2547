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

/** What reading a document's tokens tells, before it is parsed. */
export interface LexicalShape {
  tokens: number;
  /** Its aliases, exact when `simple`. */
  aliases: number;
  /** One definition (one operation) and no fragment spread: its aliases are all the operation's. */
  simple: boolean;
}

/**
 * Reads a document's tokens without building it: a huge one is measured before it is parsed, and a one-operation
 * document without fragments (a typical flood) is refused for its aliases before it is parsed. An alias is a name
 * followed by a colon inside a selection set and outside parentheses (arguments and variables are inside them).
 */
export function readTokens(source: string): LexicalShape {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let aliases = 0;
  let definitions = 0;
  let spreadsFragments = false;
  let braces = 0;
  let parens = 0;
  let previous = lexer.token;
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; previous = token, token = lexer.advance()) {
    tokens++;
    switch (token.kind) {
      case TokenKind.BRACE_L:
        if (parens === 0 && braces++ === 0) definitions++;
        break;
      case TokenKind.BRACE_R:
        if (parens === 0) braces--;
        break;
      case TokenKind.PAREN_L:
        parens++;
        break;
      case TokenKind.PAREN_R:
        parens--;
        break;
      case TokenKind.COLON:
        if (parens === 0 && braces > 0 && previous.kind === TokenKind.NAME) aliases++;
        break;
      case TokenKind.NAME:
        if (previous.kind === TokenKind.SPREAD && token.value !== "on") spreadsFragments = true;
        break;
    }
  }
  return { tokens, aliases, simple: definitions === 1 && !spreadsFragments };
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
