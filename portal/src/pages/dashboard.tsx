import {
  DashboardConsentsDocument,
  DashboardConsentsQuery,
  DismissNotificationDocument,
  PartnerDashboardDocument,
  PartnerDashboardQuery,
} from "@partnergraph/operations";
import { useMutation } from "urql";
import { ErrorNote, splitWithheld } from "../errors";
import { Link } from "../router";
import { daysUntil, Empty, formatDate, PageTitle, words } from "../ui/basics";
import { useLiveQuery } from "../ui/live";
import { SearchedList, useSearchedPages } from "../ui/paging";

type Customer = PartnerDashboardQuery["customerDashboard"]["edges"][number]["node"]["customer"];
type Consent = DashboardConsentsQuery["customerDashboard"]["edges"][number]["node"]["consent"];
/** Whether the customer withholds this card's field (its consent does not share the field's area). */
type Withheld = (field: AreaField) => boolean;

const AREA_FIELDS = ["trials", "entitlements", "tickets", "notifications"] as const;
type AreaField = (typeof AREA_FIELDS)[number];
const EVERY_AREA_COUNT = 6;

const PAGE_SIZE = 10;
/** Entitlements ending within this many days are highlighted. */
const SOON_DAYS = 30;

/** The partner's customers: search, paging, and per customer what needs attention. */
export function Dashboard() {
  const pages = useSearchedPages(PAGE_SIZE);
  // Asked again now and then while open: its customers' notifications arrive through the event relay, and their
  // trials, tickets and what they share with the partner change elsewhere.
  const [{ data, error, fetching }] = useLiveQuery({ query: PartnerDashboardDocument, variables: pages.variables });
  const [consents] = useLiveQuery({ query: DashboardConsentsDocument, variables: pages.variables });
  const dashboard = data?.customerDashboard;
  const consentOf = new Map(consents.data?.customerDashboard.edges.map(({ node }) => [node.customer.id, node.consent]));
  const { withheld, rest } = splitWithheld(error, withheldArea);

  return (
    <>
      <PageTitle
        aside={
          <Link className="button primary" href="/customers/new">
            Add a customer
          </Link>
        }
      >
        Customers
      </PageTitle>
      <SearchedList
        pages={pages}
        searchBox={{ id: "customer-search", label: "Search customers", placeholder: "Name or ORGID" }}
        list={dashboard}
        noun={{ one: "customer", many: "customers" }}
        empty="No customers yet: share your invitation link to connect some."
        error={rest}
        fetching={fetching}
      >
        <ul className="customers">
          {dashboard?.edges.map(({ node }, index) => (
            <li key={node.id}>
              <CustomerCard
                customer={node.customer}
                connectedAt={node.connectedAt}
                consent={consentOf.get(node.customer.id)}
                withheld={(field) => withheld.has(`${index}.${field}`)}
              />
            </li>
          ))}
        </ul>
      </SearchedList>
    </>
  );
}

/** A FORBIDDEN at an area of a card's customer is its consent: keyed by the card's index and the area. */
function withheldArea(path: readonly (string | number)[]): string | undefined {
  const [root, , index, , parent, field] = path;
  return root === "customerDashboard" && parent === "customer" && (AREA_FIELDS as readonly unknown[]).includes(field)
    ? `${index}.${String(field)}`
    : undefined;
}

/** What the customer shares with the partner: every area, some until a day, or nothing. */
function ConsentLine({ consent }: { consent: Consent | undefined }) {
  if (!consent) return null;
  const until = consent.until ? ` until ${formatDate(consent.until)}` : "";
  const what =
    consent.areas.length === EVERY_AREA_COUNT
      ? "everything"
      : consent.areas.length === 0
        ? "nothing"
        : consent.areas.map(words).join(", ");
  return <p className="muted consent">{`Shares with you: ${what}${consent.areas.length ? until : ""}`}</p>;
}

function CustomerCard({
  customer,
  connectedAt,
  consent,
  withheld,
}: {
  customer: Customer;
  connectedAt: string;
  consent: Consent | undefined;
  withheld: Withheld;
}) {
  const headingId = `customer-${customer.id}`;
  return (
    <article className="card customer" aria-labelledby={headingId}>
      <header>
        <h2 id={headingId}>
          <Link href={`/customers/${customer.id}`}>{customer.name}</Link>
        </h2>
        <span className="muted">
          {customer.country} · {customer.id} · connected {formatDate(connectedAt)}
        </span>
        <ConsentLine consent={consent} />
      </header>
      <div className="facts">
        <Trials trials={customer.trials} unavailable={unavailable(withheld("trials"), "Trials")} />
        <Entitlements
          entitlements={customer.entitlements}
          unavailable={unavailable(withheld("entitlements"), "Entitlements")}
        />
        <Tickets tickets={customer.tickets} unavailable={unavailable(withheld("tickets"), "Tickets")} />
        <Notifications
          notifications={customer.notifications}
          unavailable={unavailable(withheld("notifications"), "Notifications")}
        />
      </div>
    </article>
  );
}

/** Why a section has no data: the customer does not share it, or its service did not answer. */
const unavailable = (notShared: boolean, what: string) =>
  notShared ? "Not shared with you by the customer." : `${what} are not available right now.`;

function Trials({ trials, unavailable }: { trials: Customer["trials"]; unavailable: string }) {
  const byStatus = new Map<string, number>();
  for (const trial of trials ?? []) byStatus.set(trial.status, (byStatus.get(trial.status) ?? 0) + 1);
  return (
    <section>
      <h3>Trials</h3>
      {trials === null || trials === undefined ? (
        <Empty>{unavailable}</Empty>
      ) : byStatus.size === 0 ? (
        <Empty>No trials.</Empty>
      ) : (
        <ul className="chips" aria-label="Trials by state">
          {[...byStatus].map(([status, count]) => (
            <li key={status} className={`chip status-${status.toLowerCase()}`}>
              {words(status)} <strong>{count}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Entitlements({ entitlements, unavailable }: { entitlements: Customer["entitlements"]; unavailable: string }) {
  const sorted = [...(entitlements ?? [])].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  return (
    <section>
      <h3>Entitlements</h3>
      {sorted.length === 0 ? (
        <Empty>{entitlements ? "No entitlements." : unavailable}</Empty>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col" className="num">
                Licenses
              </th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((entitlement) => {
              const days = daysUntil(entitlement.expiresAt);
              const soon = days >= 0 && days <= SOON_DAYS;
              return (
                <tr key={entitlement.id} className={soon ? "soon" : undefined}>
                  <td>{entitlement.service.name}</td>
                  <td className="num">{entitlement.licenseCount}</td>
                  <td>
                    {formatDate(entitlement.expiresAt)}
                    {soon && <span className="tag warn">in {days} days</span>}
                    {days < 0 && <span className="tag">{words(entitlement.status)}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Tickets({ tickets, unavailable }: { tickets: Customer["tickets"]; unavailable: string }) {
  return (
    <section>
      <h3>Open tickets {tickets && <span className="count">{tickets.totalCount}</span>}</h3>
      {!tickets ? (
        <Empty>{unavailable}</Empty>
      ) : tickets.edges.length === 0 ? (
        <Empty>No open tickets.</Empty>
      ) : (
        <ul className="plain">
          {tickets.edges.map(({ node }) => (
            <li key={node.id}>
              <span className={`sev sev-${node.severity}`} title={`Severity ${node.severity}`}>
                S{node.severity}
              </span>{" "}
              #{node.number} {node.title}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Notifications({
  notifications,
  unavailable,
}: {
  notifications: Customer["notifications"];
  unavailable: string;
}) {
  const [{ fetching, error }, dismiss] = useMutation(DismissNotificationDocument);
  return (
    <section>
      <h3>Notifications {notifications && <span className="count">{notifications.totalCount}</span>}</h3>
      <ErrorNote error={error} />
      {!notifications ? (
        <Empty>{unavailable}</Empty>
      ) : notifications.edges.length === 0 ? (
        <Empty>Nothing new.</Empty>
      ) : (
        <ul className="plain notifications">
          {notifications.edges.map(({ node }) => (
            <li key={node.id}>
              <span>
                {node.title} <small className="muted">{formatDate(node.createdAt)}</small>
              </span>
              <button
                type="button"
                className="quiet"
                disabled={fetching}
                aria-label={`Dismiss “${node.title}”`}
                onClick={() => void dismiss({ id: node.id })}
              >
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
