import { MyTicketsDocument, OpenTicketDocument } from "@partnergraph/operations";
import { FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorNote, fieldError } from "../errors";
import { Empty, Loading, PageTitle } from "../ui/basics";
import { Field, Select } from "../ui/field";
import { useViewer } from "../viewer";

/** The acting organization's open tickets, and opening one. */
export function Tickets() {
  const { me } = useViewer();
  const id = me.organization?.id ?? "";
  const [{ data, error, fetching }] = useQuery({ query: MyTicketsDocument, variables: { id } });
  const tickets = data?.organization.tickets;
  return (
    <>
      <PageTitle>Support tickets</PageTitle>
      <ErrorNote error={error} />
      {!data && fetching && <Loading what="tickets" />}
      {tickets && tickets.edges.length === 0 && <Empty>No open tickets.</Empty>}
      {tickets && tickets.edges.length > 0 && (
        <div className="card table-wrap">
          <table>
            <caption className="visually-hidden">Open tickets</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Title</th>
                <th scope="col">Severity</th>
              </tr>
            </thead>
            <tbody>
              {tickets.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.number}</td>
                  <td>{node.title}</td>
                  <td>
                    <span className={`sev sev-${node.severity}`}>S{node.severity}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <OpenTicket />
    </>
  );
}

function OpenTicket() {
  const [form, setForm] = useState({ title: "", description: "", severity: "3" });
  const [result, open] = useMutation(OpenTicketDocument);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(
      { input: { title: form.title, description: form.description, severity: Number(form.severity) } },
      { additionalTypenames: ["SupportTicket"] },
    ).then((r) => r.data && setForm({ title: "", description: "", severity: "3" }));
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Open a ticket">
      <h2>Open a ticket</h2>
      <Field
        label="Title"
        required
        value={form.title}
        onChange={(e) => setForm({ ...form, title: e.target.value })}
        error={fieldError(result.error, "title")}
      />
      <Field
        label="What happened"
        required
        value={form.description}
        onChange={(e) => setForm({ ...form, description: e.target.value })}
        error={fieldError(result.error, "description")}
      />
      <Select
        label="Severity"
        value={form.severity}
        onChange={(severity) => setForm({ ...form, severity })}
        options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: `S${n}${n === 1 ? " (down)" : ""}` }))}
      />
      <ErrorNote error={result.error} />
      {result.data && (
        <p className="note ok" role="status">
          Ticket {result.data.openTicket.number} opened.
        </p>
      )}
      <button type="submit" className="primary" disabled={result.fetching}>
        Open ticket
      </button>
    </form>
  );
}
