import { AUDIT_ACTIONS, publishersOf } from "@partnergraph/contracts";
import type { SubgraphName } from "@partnergraph/kit";
import { SCHEMA_DIR } from "@partnergraph/scripts";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Kind, ObjectTypeDefinitionNode, parse, StringValueNode } from "graphql";

const subgraphsDir = join(__dirname, "..", "..", "subgraphs");

/** Every TypeScript source of a subgraph, as one text. */
function sourceOf(name: string): string {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return walk(path);
      return path.endsWith(".ts") ? [readFileSync(path, "utf8")] : [];
    });
  return walk(join(subgraphsDir, name, "src")).join("\n");
}

/** The supergraph's Mutation fields, each with the subgraph that resolves it. */
function mutations(): { field: string; subgraph: SubgraphName }[] {
  const document = parse(readFileSync(join(SCHEMA_DIR, "supergraph.graphql"), "utf8"));
  const graphs = new Map<string, string>();
  const mutation = document.definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === "Mutation",
  );
  for (const definition of document.definitions)
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === "join__Graph")
      for (const value of definition.values ?? []) {
        const name = value.directives?.[0]?.arguments?.find((a) => a.name.value === "name")?.value as StringValueNode;
        graphs.set(value.name.value, name.value);
      }
  return (mutation?.fields ?? []).map((field) => {
    const join = field.directives?.find((d) => d.name.value === "join__field");
    const graph = join?.arguments?.find((a) => a.name.value === "graph")?.value;
    return {
      field: field.name.value,
      subgraph: graphs.get(graph?.kind === Kind.ENUM ? graph.value : "") as SubgraphName,
    };
  });
}

describe("the audit trail covers every mutation", () => {
  const fields = mutations();
  const auditing = new Set(publishersOf("AuditRecorded"));

  it("names an action for every Mutation field of the supergraph, and for nothing else", () => {
    expect(fields.length).toBeGreaterThan(30);
    expect(Object.keys(AUDIT_ACTIONS).sort()).toEqual(fields.map((f) => f.field).sort());
  });

  it("has every subgraph that resolves mutations publish AuditRecorded", () => {
    const owners = [...new Set(fields.map((f) => f.subgraph))].sort();
    expect(owners.filter((owner) => !auditing.has(owner))).toEqual([]);
  });

  it("records each audited subgraph's mutations with their action", () => {
    const sources = new Map<string, string>();
    const unrecorded = fields
      .filter(({ subgraph }) => auditing.has(subgraph))
      .filter(({ field, subgraph }) => {
        if (!sources.has(subgraph)) sources.set(subgraph, sourceOf(subgraph));
        return !sources.get(subgraph)!.includes(`AUDIT_ACTIONS.${field}`);
      })
      .map(({ field, subgraph }) => `${subgraph}: ${field}`);
    expect(unrecorded).toEqual([]);
  });
});
