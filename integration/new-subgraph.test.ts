import { startGateway, RunningGateway } from "@partnergraph/gateway";
import { RunningSubgraph, startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { composeSubgraphs, ownSubgraphs, scaffoldSubgraph, sdlOf } from "@partnergraph/scripts";
import { load } from "js-yaml";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { checkWith } from "../scripts/src/external-check";
import { Client, Seed, useStack } from "./testkit";

// `npm run new:subgraph -- billing` run into a copy of the files it edits, then the new subgraph loaded from
// there, composed with the others and asked through a gateway: what a team gets is a subgraph that works.
const REPO = join(__dirname, "..");
const REGISTRY = [
  "subgraphs/kit/src/config.ts",
  "scripts/src/subgraphs.ts",
  "tsconfig.json",
  "scripts/tsconfig.json",
  "scripts/package.json",
  "Dockerfile",
  "docker-compose.yml",
  ".env.template",
];

let seed: Seed;
useStack((started) => ({ seed } = started));

let root: string;
let billing: RunningSubgraph | undefined;
let gateway: RunningGateway | undefined;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "partnergraph-scaffold-"));
  for (const file of REGISTRY) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(REPO, file), join(root, file));
  }
  // The generated code imports typeorm, type-graphql…: resolved from the repository's node_modules.
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
});
afterAll(async () => {
  await gateway?.stop();
  await billing?.stop();
  rmSync(root, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(join(root, file), "utf8");

it("refuses a name that is malformed or taken, writing nothing", () => {
  expect(() => scaffoldSubgraph(root, "Billing")).toThrow(/lower-case/);
  expect(() => scaffoldSubgraph(root, "kit")).toThrow(/taken/);
  for (const file of REGISTRY)
    expect({ file, text: read(file) }).toEqual({ file, text: readFileSync(join(REPO, file), "utf8") });
});

it("writes the subgraph in the house shape and registers it wherever subgraphs are listed", () => {
  const { port, written, changed } = scaffoldSubgraph(root, "billing", 1_800_000_000_000);
  expect(port).toBe(4007);
  expect(written).toEqual(
    expect.arrayContaining([
      "subgraphs/billing/src/index.ts",
      "subgraphs/billing/src/note/note.entity.ts",
      "subgraphs/billing/src/note/note.service.ts",
      "subgraphs/billing/src/organization/organization.type.ts",
      "subgraphs/billing/src/migrations/1800000000000-BillingNotes.ts",
      "subgraphs/billing/test/billing.test.ts",
    ]),
  );
  expect(changed.sort()).toEqual([...REGISTRY].sort());
  expect(read("subgraphs/kit/src/config.ts")).toMatch(/ {2}audit: 4006,\n {2}billing: 4007,\n\} as const;/);
  expect(read("scripts/src/subgraphs.ts")).toMatch(
    /import \{ billing \} from "@partnergraph\/billing";[\s\S]* {2}audit,\n {2}billing,\n\};/,
  );
  expect(JSON.parse(read("tsconfig.json")).references).toContainEqual({ path: "subgraphs/billing" });
  expect(JSON.parse(read("scripts/package.json")).dependencies["@partnergraph/billing"]).toBe("0.1.0");
  expect(read("Dockerfile")).toContain("COPY subgraphs/billing/package.json subgraphs/billing/\n");
  expect(read(".env.template")).toMatch(/^BILLING_URL=$/m);
  const compose = load(read("docker-compose.yml")) as {
    services: Record<string, { command?: string[]; environment?: Record<string, string>; depends_on?: string[] }>;
  };
  expect(compose.services.billing).toMatchObject({
    command: ["node", "scripts/dist/serve.js", "billing"],
    environment: { PORT: "4007", BILLING_URL: "http://billing:4007/graphql" },
  });
  expect(compose.services.gateway.depends_on).toContain("billing");
  expect(() => scaffoldSubgraph(root, "billing")).toThrow(/exists already/);
});

it("composes with the others and answers through the gateway", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const definition = (require(join(root, "subgraphs/billing/src")) as { billing: SubgraphDefinition }).billing;
  billing = await startSubgraph(definition, { port: 0 });
  const supergraphSdl = composeSubgraphs([...(await ownSubgraphs()), await sdlOf(definition, billing.url)]);
  gateway = await startGateway({ supergraphSdl, port: 0 });
  const client = new Client({ gateway });

  const customer = await seed.customer();
  const { addBillingNote } = await client.ok(
    customer.admin,
    `mutation { addBillingNote(text: "Invoice by mail") { text } }`,
  );
  expect(addBillingNote).toEqual({ text: "Invoice by mail" });
  // One organization, two subgraphs: identity's name, billing's notes.
  const { me } = await client.ok(customer.admin, `{ me { organization { name billingNotes { text } } } }`);
  expect(me.organization).toEqual({ name: customer.name, billingNotes: [{ text: "Invoice by mail" }] });
  const other = await seed.customer();
  const refused = await client.error(
    other.admin,
    `query($id: ID!) { organization(id: $id) { billingNotes { text } } }`,
    {
      id: customer.id,
    },
  );
  expect(refused.code).toBe("FORBIDDEN");
});

describe("the composition check for other teams' subgraphs (npm run compose -- --check --with)", () => {
  const link = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])`;

  it("passes a subgraph that extends Organization with fields of its own", async () => {
    const sdl = `${link}\ntype Organization @key(fields: "id") { id: ID! invoiceEmail: String }\ntype Query { invoiceCount: Int! }`;
    expect(await checkWith([{ name: "invoicing", sdl }])).toEqual([]);
  });

  it("fails one that redefines a field another subgraph owns, or takes one of our names", async () => {
    const clash = `${link}\ntype Organization @key(fields: "id") { id: ID! name: Int }`;
    expect((await checkWith([{ name: "invoicing", sdl: clash }])).join("\n")).toMatch(/Organization\.name/);
    expect(await checkWith([{ name: "identity", sdl: clash }])).toEqual([
      `"identity" is one of this repository's subgraphs`,
    ]);
  });
});
