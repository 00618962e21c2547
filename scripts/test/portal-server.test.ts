import { config, setConfig } from "@partnergraph/kit";
import { verifyBearer } from "@partnergraph/gateway";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, IncomingHttpHeaders, Server } from "node:http";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RunningPortal, startPortalServer } from "../src/portal/server";

// The portal server alone: a built app in a temporary folder and a stand-in gateway that echoes what reached it.
const dist = mkdtempSync(join(tmpdir(), "portal-dist-"));
mkdirSync(join(dist, "assets"));
writeFileSync(join(dist, "index.html"), "<!doctype html><title>portal</title>");
writeFileSync(join(dist, "assets", "app-1234.js"), "console.log('portal')");
writeFileSync(join(tmpdir(), "portal-secret.txt"), "secret");

let gateway: Server;
let portal: RunningPortal;
const original = config();

beforeAll(async () => {
  gateway = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({ headers: request.headers, body: Buffer.concat(chunks).toString(), url: request.url }),
      );
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  const gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/graphql`;
  portal = await startPortalServer({ gatewayUrl, port: 0, distDir: dist });
});

afterAll(async () => {
  setConfig(original);
  await portal.stop();
  await new Promise((resolve) => gateway.close(resolve));
});

afterEach(() => setConfig(original));

const mint = (email: unknown) => fetch(`${portal.url}/dev/token`, { method: "POST", body: JSON.stringify({ email }) });

describe("the portal server", () => {
  it("mints a development token the gateway accepts for the person picked", async () => {
    const response = await mint("carol@adatum.example");
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const verified = await verifyBearer(`Bearer ${token}`);
    expect(verified?.email).toBe("carol@adatum.example");
  });

  it("refuses a malformed email with BAD_USER_INPUT on the field", async () => {
    const response = await mint("not an email");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: expect.objectContaining({ code: "BAD_USER_INPUT", field: "email" }),
    });
  });

  it("never mints a token when NODE_ENV=production, and offers the identity provider instead", async () => {
    setConfig({ nodeEnv: "production", oidc: { issuer: "https://id.example", clientId: "portal", scope: "openid" } });
    const response = await mint("ops@vendor.example");
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).not.toContain('token":"');
    const settings = await (await fetch(`${portal.url}/portal/settings`)).json();
    expect(settings).toEqual({
      signIn: "oidc",
      oidc: { issuer: "https://id.example", clientId: "portal", scope: "openid" },
      vendorOrganizationId: original.vendorOrganizationId,
    });
    expect(JSON.stringify(settings)).not.toContain("@");
  });

  it("lists the demo people for the development picker", async () => {
    const settings = (await (await fetch(`${portal.url}/portal/settings`)).json()) as { demoPeople: string[] };
    expect(settings.demoPeople).toContain("alice@northwind.example");
  });

  it("hands /graphql to the gateway with the caller's token and acting organization, and nothing else", async () => {
    const response = await fetch(`${portal.url}/graphql`, {
      method: "POST",
      headers: {
        authorization: "Bearer abc",
        "x-organization-id": "ORG-ADTM000001",
        "content-type": "application/json",
        cookie: "session=private",
      },
      body: '{"query":"{ __typename }"}',
    });
    const echoed = (await response.json()) as { headers: IncomingHttpHeaders; body: string; url: string };
    expect(echoed.url).toBe("/graphql");
    expect(echoed.body).toBe('{"query":"{ __typename }"}');
    expect(echoed.headers).toMatchObject({ authorization: "Bearer abc", "x-organization-id": "ORG-ADTM000001" });
    expect(echoed.headers.cookie).toBeUndefined();
  });

  it("serves the app's files, its routes as index.html, and nothing outside the build", async () => {
    const asset = await fetch(`${portal.url}/assets/app-1234.js`);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(await asset.text()).toContain("portal");
    const link = await fetch(`${portal.url}/connect/SOME-TOKEN`);
    expect(link.status).toBe(200);
    expect(await link.text()).toContain("<title>portal</title>");
    const escape = await fetch(`${portal.url}/..%2Fportal-secret.txt`);
    expect(await escape.text()).not.toContain("secret");
  });
});
