import { AddServiceDocument, CustomerDetailDocument, ServiceCatalogDocument } from "@partnergraph/operations";
import { FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "../errors";
import { Link } from "../router";
import { Empty, formatDate, formatMoney, Loading, PageTitle, words } from "../ui/basics";
import { Select } from "../ui/field";

/** One customer, drilled into from the dashboard: orders, contacts, and provisioning a service to it. */
export function CustomerDetail({ id }: { id: string }) {
  const [{ data, error, fetching }] = useQuery({ query: CustomerDetailDocument, variables: { id } });
  const customer = data?.organization;
  return (
    <>
      <p>
        <Link href="/dashboard">← Customers</Link>
      </p>
      <PageTitle>{customer?.name ?? "Customer"}</PageTitle>
      <ErrorNote error={error} />
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
              <Empty>Orders are not available right now.</Empty>
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
              <Empty>Contacts are not available right now.</Empty>
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
          <Provision customerId={customer.id} />
        </>
      )}
    </>
  );
}

/** Provisioning a service to the customer starts it as a trial (the vendor approves trials). */
function Provision({ customerId }: { customerId: string }) {
  const [{ data: catalog }] = useQuery({ query: ServiceCatalogDocument });
  const [serviceCode, setServiceCode] = useState("");
  const [result, addService] = useMutation(AddServiceDocument);
  const services = catalog?.services ?? [];
  const chosen = serviceCode || services[0]?.code || "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void addService({ customerId, serviceCode: chosen }, { additionalTypenames: ["Trial"] });
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Provision a service">
      <h2>Provision a service</h2>
      <Select
        label="Service"
        value={chosen}
        onChange={setServiceCode}
        options={services.map((s) => ({ value: s.code, label: `${s.name} (${s.trialDays}-day trial)` }))}
      />
      <ErrorNote error={result.error} />
      {result.data && (
        <p className="note ok" role="status">
          Provisioned: a trial of {result.data.addService.service.code},{" "}
          {words(result.data.addService.status).toLowerCase()}.
        </p>
      )}
      <button type="submit" className="primary" disabled={result.fetching || !chosen}>
        Provision as a trial
      </button>
    </form>
  );
}
