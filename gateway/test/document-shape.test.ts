import { parse } from "graphql";
import { operationShapes, readTokens } from "../src/limits";

const parsedAliases = (source: string) =>
  Math.max(...[...operationShapes(parse(source)).values()].map((s) => s.aliases));

describe("reading a document's tokens before parsing it", () => {
  it("counts exactly the aliases of a one-operation document without fragments", () => {
    for (const source of [
      "{ a: me { id } b: me { e: email } }",
      'query Q($input: RegisterOrganizationInput! = { name: "x", country: "DE" }) { r: me @include(if: true) { id } }',
      'mutation { x: registerOrganization(input: { name: "a: b", country: "DE" }) { id } }',
      "{ me { ... on User { a: id } ... @include(if: true) { b: email } } } # c: d",
      '{ me { a: homeOrganization { members(search: """ e: f """) { id } } } }',
    ]) {
      const lexical = readTokens(source);
      expect({ source, simple: lexical.simple, aliases: lexical.aliases }).toEqual({
        source,
        simple: true,
        aliases: parsedAliases(source),
      });
    }
  });

  it("leaves documents with fragments or several definitions to the parser", () => {
    expect(readTokens("{ me { ...F } } fragment F on User { a: id }").simple).toBe(false);
    expect(readTokens("query A { a: me { id } } query B { b: me { id } }").simple).toBe(false);
  });

  it("counts every token but comments", () => {
    expect(readTokens("{ me { id } } # a comment").tokens).toBe(6);
  });
});
