import { Supergraph } from "@apollo/federation-internals";
import { compose, SCHEMA_DIR } from "@partnergraph/scripts";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, OperationDefinitionNode, parse, validate } from "graphql";
import { PENDING_OPERATIONS } from "./pending-operations";

const read = (file: string) => readFileSync(join(SCHEMA_DIR, file), "utf8");

describe("the committed schema/", () => {
  it("is what npm run compose makes of the subgraphs now (run it after any schema change)", async () => {
    const { files } = await compose();
    for (const [file, text] of Object.entries(files)) expect({ file, text: read(file) }).toEqual({ file, text });
  });
});

describe("the client contract", () => {
  const shared = join(__dirname, "..", "..", "..", "shared", "contract");
  const operationsDir = join(SCHEMA_DIR, "operations");
  const files = readdirSync(operationsDir).filter((f) => f.endsWith(".graphql"));
  const api = Supergraph.build(read("supergraph.graphql")).apiSchema().toGraphQLJSSchema();

  it("keeps schema/operations a faithful copy of ../shared/contract", () => {
    if (!existsSync(shared)) return; // ../shared is beside the checkout in CI and on developer machines
    const contract = readdirSync(shared)
      .filter((f) => f.endsWith(".graphql"))
      .sort();
    expect(files.sort()).toEqual(contract);
    for (const file of contract) expect(read(join("operations", file))).toBe(readFileSync(join(shared, file), "utf8"));
  });

  const operations = files.flatMap((file) =>
    parse(read(join("operations", file)))
      .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
      .map((definition) => ({ file, name: definition.name!.value, definition })),
  );

  it("is generated as typed documents, every operation that validates and only those (npm run codegen)", async () => {
    // The generator's plugins load ES modules jest's module system cannot: run the built one (npm test builds first).
    const { fresh, skipped } = JSON.parse(
      execFileSync(process.execPath, [join(__dirname, "..", "dist", "generate-operations.js"), "--check", "--json"], {
        encoding: "utf8",
      }),
    ) as { fresh: boolean; skipped: string[] };
    expect({ fresh }).toEqual({ fresh: true });
    expect(skipped.sort()).toEqual([...PENDING_OPERATIONS].sort());
  });

  it.each(operations.map((o) => [o.file, o.name, o.definition] as const))(
    "%s %s validates against the supergraph (or is pending)",
    (_file, name, definition) => {
      const errors = validate(api, { kind: Kind.DOCUMENT, definitions: [definition] });
      if (PENDING_OPERATIONS.has(name)) expect(errors.length).toBeGreaterThan(0);
      else expect(errors.map((e) => e.message)).toEqual([]);
    },
  );
});
