/**
 * The files of a new subgraph in the house shape: the kit's definition, one folder per entity, a reference-free
 * extension of identity's Organization, a MySQL migration, and a test that calls it with a signed context.
 * `name` is lower-case (`billing`); the example entity is `<Name>Note`, replace it with the real one.
 */
export interface Names {
  /** billing */
  name: string;
  /** Billing */
  pascal: string;
  /** BILLING */
  upper: string;
}

export function subgraphFiles({ name, pascal, upper }: Names, migrationTimestamp: number): Record<string, string> {
  const migrationClass = `${pascal}Notes${migrationTimestamp}`;
  return {
    "package.json": `${JSON.stringify(
      {
        name: `@partnergraph/${name}`,
        version: "0.1.0",
        private: true,
        main: "dist/index.js",
        types: "dist/index.d.ts",
        dependencies: { "@partnergraph/contracts": "0.1.0", "@partnergraph/kit": "0.1.0" },
      },
      null,
      2,
    )}\n`,
    "tsconfig.json": `{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src"],
  "references": [{ "path": "../kit" }, { "path": "../contracts" }]
}
`,
    "src/index.ts": `import { startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { migrations } from "./migrations";
import { ${pascal}Note } from "./note/note.entity";
import { ${pascal}NoteResolver } from "./note/note.resolver";
import { Organization${pascal}Resolver } from "./organization/organization.resolver";
import { Organization } from "./organization/organization.type";

export const ${name}: SubgraphDefinition = {
  name: "${name}",
  resolvers: [${pascal}NoteResolver, Organization${pascal}Resolver],
  orphanedTypes: [Organization],
  entities: [${pascal}Note],
  migrations,
  // Events: publish with publishedBy("${name}") and handle with EventHandlers<"${name}"> from @partnergraph/contracts.
};

export const listen = (port: number) => startSubgraph(${name}, { port });
`,
    "src/organization/organization.type.ts": `import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Identity owns organizations; this subgraph adds its own fields to them. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID)
  id: string;
}
`,
    "src/organization/organization.resolver.ts": `import { RequestContext } from "@partnergraph/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ${pascal}Note } from "../note/note.entity";
import { ${pascal}NoteService } from "../note/note.service";
import { Organization } from "./organization.type";

/** What ${name} adds to an organization; each field checks the caller (\`_entities\` accepts any id). */
@Resolver(() => Organization)
export class Organization${pascal}Resolver {
  @FieldResolver(() => [${pascal}Note], { description: "The organization's ${name} notes, newest first" })
  ${name}Notes(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<${pascal}Note[]> {
    return ctx.use(${pascal}NoteService).ofOrganization(organization.id);
  }
}
`,
    "src/note/note.entity.ts": `import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** The scaffold's example entity: a note an organization keeps. Replace it with the subgraph's own. */
@Entity("${name}_note")
@ObjectType({ description: "A note an organization keeps in ${name}" })
export class ${pascal}Note {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Index("IDX_${name}_note_organization")
  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ type: "varchar", length: 500 })
  @Field()
  text: string;

  @CreatedAtColumn("created_at")
  @Field()
  createdAt: Date;
}
`,
    "src/note/note.service.ts": `import { BadUserInputError, ForbiddenError, groupByKey, newId, RequestContext } from "@partnergraph/kit";
import { In } from "typeorm";
import { ${pascal}Note } from "./note.entity";

const MAX_TEXT = 500;

/** Rules and authorization: an organization's notes are its own people's alone. */
export class ${pascal}NoteService {
  constructor(private readonly ctx: RequestContext) {}

  /** Batched per request: any number of organizations cost one statement. */
  async ofOrganization(organizationId: string): Promise<${pascal}Note[]> {
    if (this.ctx.requireCaller().organizationId !== organizationId)
      throw new ForbiddenError(\`You may not see the ${name} notes of \${organizationId}\`);
    return this.ctx
      .loader<string, ${pascal}Note[]>("${name}Notes", async (ids) => {
        const rows = await this.ctx
          .repository(${pascal}Note)
          .find({ where: { organizationId: In([...ids]) }, order: { createdAt: "DESC", id: "ASC" } });
        return groupByKey(ids, rows, (row) => row.organizationId);
      })
      .load(organizationId);
  }

  async add(text: string): Promise<${pascal}Note> {
    const organizationId = this.ctx.requireOrganization();
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > MAX_TEXT)
      throw new BadUserInputError("text", \`text must hold 1 to \${MAX_TEXT} characters\`);
    const note = this.ctx.repository(${pascal}Note).create({
      id: newId("${upper.slice(0, 3)}N"),
      organizationId,
      text: trimmed,
      createdAt: new Date(),
    });
    await this.ctx.repository(${pascal}Note).insert(note);
    return note;
  }
}
`,
    "src/note/note.resolver.ts": `import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { ${pascal}Note } from "./note.entity";
import { ${pascal}NoteService } from "./note.service";

@Resolver(() => ${pascal}Note)
export class ${pascal}NoteResolver {
  @Mutation(() => ${pascal}Note, { description: "The acting organization keeps a ${name} note" })
  add${pascal}Note(@Arg("text") text: string, @Ctx() ctx: RequestContext): Promise<${pascal}Note> {
    return ctx.use(${pascal}NoteService).add(text);
  }
}
`,
    [`src/migrations/${migrationTimestamp}-${pascal}Notes.ts`]: `import { MigrationInterface, QueryRunner } from "typeorm";

export class ${migrationClass} implements MigrationInterface {
  name = "${migrationClass}";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      \`CREATE TABLE \\\`${name}_note\\\` (\\\`id\\\` varchar(20) NOT NULL, \\\`organization_id\\\` varchar(20) NOT NULL, \\\`text\\\` varchar(500) NOT NULL, \\\`created_at\\\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \\\`IDX_${name}_note_organization\\\` (\\\`organization_id\\\`), PRIMARY KEY (\\\`id\\\`)) ENGINE=InnoDB\`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DROP INDEX \\\`IDX_${name}_note_organization\\\` ON \\\`${name}_note\\\`\`);
    await queryRunner.query(\`DROP TABLE \\\`${name}_note\\\`\`);
  }
}
`,
    "src/migrations/index.ts": `// Generated by npm run migration:generate: every migration of this subgraph, oldest first.
import { ${migrationClass} } from "./${migrationTimestamp}-${pascal}Notes";

export const migrations: Function[] = [${migrationClass}];
`,
    [`test/${name}.test.ts`]: `import { Caller, CONTEXT_HEADER, newId, RunningSubgraph, signContext, startSubgraph } from "@partnergraph/kit";
import { ${name} } from "../src";

// The subgraph alone, called as the gateway would: with a signed caller context.
let running: RunningSubgraph;
beforeAll(async () => (running = await startSubgraph(${name}, { port: 0 })));
afterAll(() => running?.stop());

function callerOf(organizationId: string): Caller {
  return {
    userId: newId("USR"),
    email: "someone@test.example",
    displayName: "Someone",
    homeOrganizationId: organizationId,
    organizationId,
    role: "ADMIN",
    grantAccess: null,
    grantServiceCodes: [],
    isPartner: false,
    isVendorAdmin: false,
  };
}

async function call(caller: Caller | null, query: string, variables: Record<string, unknown> = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (caller) headers[CONTEXT_HEADER] = signContext({ requestId: newId("REQ"), caller, issuedAt: Date.now() });
  const response = await fetch(running.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string; field?: string } }[] };
}

const NOTES = \`query($id: ID!) { _entities(representations: [{ __typename: "Organization", id: $id }]) { ... on Organization { ${name}Notes { text } } } }\`;

it("answers nothing without the gateway's signed context", async () => {
  expect((await call(null, "{ __typename }")).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
});

it("keeps an organization's notes, shown to its own people only", async () => {
  const own = callerOf(newId("ORG"));
  await call(own, \`mutation { add${pascal}Note(text: " First ") { id } }\`);
  expect((await call(own, NOTES, { id: own.organizationId })).data._entities).toEqual([{ ${name}Notes: [{ text: "First" }] }]);
  const other = callerOf(newId("ORG"));
  expect((await call(other, NOTES, { id: own.organizationId })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
});

it("refuses a blank note, naming the field, and writes nothing", async () => {
  const own = callerOf(newId("ORG"));
  const refused = await call(own, \`mutation { add${pascal}Note(text: "  ") { id } }\`);
  expect(refused.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
  expect((await call(own, NOTES, { id: own.organizationId })).data._entities).toEqual([{ ${name}Notes: [] }]);
});
`,
  };
}
