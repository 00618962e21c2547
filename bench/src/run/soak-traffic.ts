import { devToken } from "@partnergraph/scripts";
import { randomBytes } from "node:crypto";
import { contractOperation } from "./scenarios";

/**
 * The soak's mixed contract traffic: partners read their dashboard and a customer's detail, the vendor reads
 * scorecards, and one customer per partner keeps connecting and ending its connection (events: support's
 * notifications, identity's and webhooks' applied records, the publishers' outboxes). Seeded through the API.
 */
export interface Actor {
  token: string;
  organizationId?: string;
}

interface Partner {
  id: string;
  admin: Actor;
  /** Stay connected: their detail is read. */
  customers: { id: string; admin: Actor }[];
  /** Connects and disconnects, over and over. */
  churner: { id: string; admin: Actor; connectionId: string | null };
}

export interface Tally {
  /** Operations answered without errors (a connect is two requests, everything else one). */
  operations: number;
  errors: number;
  /** The first few errors, for the report. */
  samples: string[];
}

export const SOAK_VENDOR_ADMIN = "soak-ops@vendor.soak.test";

const OPERATIONS = {
  dashboard: contractOperation("dashboard.graphql", "PartnerDashboard"),
  detail: contractOperation("dashboard.graphql", "CustomerDetail"),
  scorecard: contractOperation("scorecard.graphql", "PartnerScorecard"),
  register: `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`,
  badge: `mutation($input: GrantProgramMembershipInput!) { grantProgramMembership(input: $input) { id } }`,
  link: `query { partnerInvitationLink { token } }`,
  accept: `mutation($token: String!) { acceptPartnerInvitation(token: $token) { id } }`,
  end: `mutation($id: ID!) { terminateConnection(id: $id) { id } }`,
};

async function post(url: string, actor: Actor, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${actor.token}`,
      ...(actor.organizationId ? { "x-organization-id": actor.organizationId } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length || !response.ok)
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  return body.data;
}

const unique = () => randomBytes(4).toString("hex");

async function organization(url: string, label: string, country: string): Promise<{ id: string; admin: Actor }> {
  const token = await devToken(`soak-${label}-${unique()}@soak.test`);
  const { registerOrganization } = await post(url, { token }, OPERATIONS.register, {
    input: { name: `Soak ${label} ${unique()}`, country, displayName: "Soak Admin" },
  });
  return { id: registerOrganization.id, admin: { token, organizationId: registerOrganization.id } };
}

async function connect(url: string, partner: { admin: Actor }, customer: { admin: Actor }): Promise<string> {
  const { partnerInvitationLink } = await post(url, partner.admin, OPERATIONS.link);
  const { acceptPartnerInvitation } = await post(url, customer.admin, OPERATIONS.accept, {
    token: partnerInvitationLink.token,
  });
  return acceptPartnerInvitation.id;
}

export class SoakTraffic {
  private constructor(
    private readonly vendor: Actor,
    private readonly partners: Partner[],
  ) {}

  /** Badged partners with `customers` connected customers each and one churning customer, made through `url`. */
  static async seed(url: string, partners: number, customers: number): Promise<SoakTraffic> {
    const vendor = { token: await devToken(SOAK_VENDOR_ADMIN) };
    const made: Partner[] = [];
    for (let p = 0; p < partners; p++) {
      const partner = await organization(url, "Partner", "US");
      await post(url, vendor, OPERATIONS.badge, {
        input: { organizationId: partner.id, program: "SOLUTION_ADVISOR", tier: "GOLD" },
      });
      const connected = [];
      for (let c = 0; c < customers; c++) {
        const customer = await organization(url, "Customer", "DE");
        await connect(url, partner, customer);
        connected.push(customer);
      }
      const churner = { ...(await organization(url, "Churner", "DE")), connectionId: null };
      made.push({ ...partner, customers: connected, churner });
    }
    return new SoakTraffic(vendor, made);
  }

  /**
   * One worker per partner sends requests one after another to `url` until `until`: per ten, five dashboards, two
   * customer details, two scorecards and one step of the churning customer (connect, or end the connection).
   */
  async run(url: string, until: number): Promise<Tally> {
    const tally: Tally = { operations: 0, errors: 0, samples: [] };
    const step = async (work: () => Promise<unknown>) => {
      try {
        await work();
        tally.operations++;
      } catch (error) {
        tally.errors++;
        if (tally.samples.length < 5) tally.samples.push(String((error as Error).message).slice(0, 300));
      }
    };
    await Promise.all(
      this.partners.map(async (partner) => {
        for (let i = 0; Date.now() < until; i++) {
          const customer = partner.customers[i % partner.customers.length];
          switch (i % 10) {
            case 0:
            case 2:
            case 4:
            case 6:
            case 8:
              await step(() => post(url, partner.admin, OPERATIONS.dashboard, { first: 50 }));
              break;
            case 1:
            case 5:
              await step(() => post(url, partner.admin, OPERATIONS.detail, { id: customer.id }));
              break;
            case 3:
            case 7:
              await step(() => post(url, this.vendor, OPERATIONS.scorecard, { partnerId: partner.id }));
              break;
            default:
              await step(() => this.churn(url, partner));
          }
        }
      }),
    );
    return tally;
  }

  private async churn(url: string, partner: Partner): Promise<void> {
    const churner = partner.churner;
    if (churner.connectionId) {
      await post(url, churner.admin, OPERATIONS.end, { id: churner.connectionId });
      churner.connectionId = null;
    } else churner.connectionId = await connect(url, partner, churner);
  }
}
