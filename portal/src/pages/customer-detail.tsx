import {
  AddServiceDocument,
  CustomerDetailDocument,
  CustomerTrialsDocument,
  ServiceCatalogDocument,
} from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { ErrorNote, splitWithheld } from "../errors";
import { Link } from "../router";
import { Empty, formatDate, formatMoney, Loading, PageTitle, words } from "../ui/basics";
import { FormSelect, MutationForm, useFormState } from "../ui/form";

const NOT_SHARED = "Not shared with you by the customer.";

/** A FORBIDDEN at one of the customer's own fields (its orders, contacts, trials) is its consent: keyed by the field. */
function withheldField([root, field, ...deeper]: readonly (string | number)[]): string | undefined {
  return root === "organization" && typeof field === "string" && !deeper.length ? field : undefined;
}

/** One customer, drilled into from the dashboard: orders, contacts, its trials, and provisioning a service to it. */
export function CustomerDetail({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: CustomerDetailDocument, variables: { id } });
  const customer = data?.organization;
  const { withheld, rest } = splitWithheld(error, withheldField);
  return (
    <>
      <p>
        <Link href="/dashboard">← Customers</Link>
      </p>
      <PageTitle>{customer?.name ?? "Customer"}</PageTitle>
      <ErrorNote error={rest} />
      {!data && fetching && <Loading what="the customer" />}
      {customer && (
        <>
          <p className="muted">
            {customer.country} · {customer.id} · customer since {formatDate(customer.createdAt)}
          </p>
          <section className="card" aria-labelledby="orders-title">
            <h2 id="orders-title">
              Orders {customer.orders && <span className="count">{customer.orders.totalCount}</span>}
            </h2>
            {!customer.orders ? (
              <Empty>{withheld.has("orders") ? NOT_SHARED : "Orders are not available right now."}</Empty>
            ) : customer.orders.edges.length === 0 ? (
              <Empty>No orders.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Order</th>
                      <th scope="col">Placed</th>
                      <th scope="col">Lines</th>
                      <th scope="col">Reseller</th>
                      <th scope="col" className="num">
                        Total
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {customer.orders.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <td>{node.number}</td>
                        <td>{formatDate(node.placedAt)}</td>
                        <td>
                          {node.lines
                            .map((line) => `${line.quantity} × ${line.service.name} (${line.termMonths} mo)`)
                            .join(", ")}
                        </td>
                        <td>{node.reseller?.name ?? "—"}</td>
                        <td className="num">{formatMoney(node.total, node.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="card" aria-labelledby="contacts-title">
            <h2 id="contacts-title">Contacts</h2>
            {!customer.contacts ? (
              <Empty>{withheld.has("contacts") ? NOT_SHARED : "Contacts are not available right now."}</Empty>
            ) : customer.contacts.length === 0 ? (
              <Empty>No contacts named.</Empty>
            ) : (
              <ul className="plain">
                {customer.contacts.map((contact) => (
                  <li key={`${contact.role}-${contact.user.id}`}>
                    <strong>{words(contact.role)}</strong>: {contact.user.displayName} &lt;{contact.user.email}&gt;
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Trials customerId={customer.id} />
          <Provision customerId={customer.id} />
        </>
      )}
    </>
  );
}

/** The customer's trials, newest first: a service provisioned below shows here, pending until the vendor decides. */
function Trials({ customerId }: { customerId: string }) {
  const [{ data, error, fetching }] = useQuery({ query: CustomerTrialsDocument, variables: { id: customerId } });
  const trials = data?.organization.trials;
  // The customer's consent may leave trials out of what it shares: said as such, not as an error.
  const { withheld, rest } = splitWithheld(error, withheldField);
  return (
    <section className="card" aria-labelledby="trials-title">
      <h2 id="trials-title">Trials {trials && <span className="count">{trials.length}</span>}</h2>
      <ErrorNote error={rest} />
      {!data && fetching ? (
        <Loading what="trials" />
      ) : withheld.has("trials") ? (
        <Empty>{NOT_SHARED}</Empty>
      ) : !trials ? (
        <Empty>Trials are not available right now.</Empty>
      ) : trials.length === 0 ? (
        <Empty>No trials.</Empty>
      ) : (
        <div className="table-wrap">
          <table aria-label="Trials">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Status</th>
                <th scope="col">Requested</th>
                <th scope="col">Runs</th>
              </tr>
            </thead>
            <tbody>
              {trials.map((trial) => (
                <tr key={trial.id}>
                  <td>{trial.service.name}</td>
                  <td>
                    <span className={`chip status-${trial.status.toLowerCase()}`}>{words(trial.status)}</span>
                  </td>
                  <td>{formatDate(trial.requestedAt)}</td>
                  <td>{trial.startsAt ? `${formatDate(trial.startsAt)} – ${formatDate(trial.endsAt)}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Provisioning a service to the customer starts it as a trial (the vendor approves trials). */
function Provision({ customerId }: { customerId: string }) {
  const [{ data: catalog }] = useQuery({ query: ServiceCatalogDocument });
  const form = useFormState({ serviceCode: "" });
  const [result, addService] = useMutation(AddServiceDocument);
  const services = catalog?.services ?? [];
  const chosen = form.values.serviceCode || services[0]?.code || "";
  const submit = () => void addService({ customerId, serviceCode: chosen });
  const trial = result.data?.addService;
  return (
    <MutationForm
      form={form}
      result={result}
      label="Provision a service"
      heading={<h2>Provision a service</h2>}
      submitLabel="Provision as a trial"
      onSubmit={submit}
      disabled={!chosen}
      done={trial && `Provisioned: a trial of ${trial.service.code}, ${words(trial.status).toLowerCase()}.`}
    >
      <FormSelect
        name="serviceCode"
        label="Service"
        fallback={chosen}
        options={services.map((s) => ({ value: s.code, label: `${s.name} (${s.trialDays}-day trial)` }))}
      />
    </MutationForm>
  );
}
