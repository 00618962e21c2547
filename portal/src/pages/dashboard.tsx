import { DismissNotificationDocument, PartnerDashboardDocument, PartnerDashboardQuery } from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "../errors";
import { Link } from "../router";
import { daysUntil, Empty, formatDate, PageTitle, words } from "../ui/basics";
import { SearchedList, useSearchedPages } from "../ui/paging";

type Customer = PartnerDashboardQuery["customerDashboard"]["edges"][number]["node"]["customer"];

const PAGE_SIZE = 10;
/** Entitlements ending within this many days are highlighted. */
const SOON_DAYS = 30;

/** The partner's customers: search, paging, and per customer what needs attention. */
export function Dashboard() {
  const pages = useSearchedPages(PAGE_SIZE);
  const [{ data, error, fetching }] = useQuery({ query: PartnerDashboardDocument, variables: pages.variables });
  const dashboard = data?.customerDashboard;

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
        error={error}
        fetching={fetching}
      >
        <ul className="customers">
          {dashboard?.edges.map(({ node }) => (
            <li key={node.id}>
              <CustomerCard customer={node.customer} connectedAt={node.connectedAt} />
            </li>
          ))}
        </ul>
      </SearchedList>
    </>
  );
}

function CustomerCard({ customer, connectedAt }: { customer: Customer; connectedAt: string }) {
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
      </header>
      <div className="facts">
        <Trials trials={customer.trials} />
        <Entitlements entitlements={customer.entitlements} />
        <Tickets tickets={customer.tickets} />
        <Notifications notifications={customer.notifications} />
      </div>
    </article>
  );
}

function Trials({ trials }: { trials: Customer["trials"] }) {
  const byStatus = new Map<string, number>();
  for (const trial of trials ?? []) byStatus.set(trial.status, (byStatus.get(trial.status) ?? 0) + 1);
  return (
    <section>
      <h3>Trials</h3>
      {trials === null || trials === undefined ? (
        <Empty>Trials are not available right now.</Empty>
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

function Entitlements({ entitlements }: { entitlements: Customer["entitlements"] }) {
  const sorted = [...(entitlements ?? [])].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  return (
    <section>
      <h3>Entitlements</h3>
      {sorted.length === 0 ? (
        <Empty>{entitlements ? "No entitlements." : "Entitlements are not available right now."}</Empty>
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

function Tickets({ tickets }: { tickets: Customer["tickets"] }) {
  return (
    <section>
      <h3>Open tickets {tickets && <span className="count">{tickets.totalCount}</span>}</h3>
      {!tickets ? (
        <Empty>Tickets are not available right now.</Empty>
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

function Notifications({ notifications }: { notifications: Customer["notifications"] }) {
  const [{ fetching, error }, dismiss] = useMutation(DismissNotificationDocument);
  return (
    <section>
      <h3>Notifications {notifications && <span className="count">{notifications.totalCount}</span>}</h3>
      <ErrorNote error={error} />
      {!notifications ? (
        <Empty>Notifications are not available right now.</Empty>
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
