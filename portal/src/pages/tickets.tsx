import { MyTicketsDocument, OpenTicketDocument } from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "../errors";
import { Empty, Loading, PageTitle } from "../ui/basics";
import { FormField, FormSelect, MutationForm, useFormState } from "../ui/form";
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
  const form = useFormState({ title: "", description: "", severity: "3" });
  const [result, open] = useMutation(OpenTicketDocument);
  const { title, description, severity } = form.values;
  const submit = () =>
    void open({ input: { title, description, severity: Number(severity) } }).then(
      (answer) => answer.data && form.reset(),
    );
  return (
    <MutationForm
      form={form}
      result={result}
      label="Open a ticket"
      heading={<h2>Open a ticket</h2>}
      submitLabel="Open ticket"
      onSubmit={submit}
      done={result.data && `Ticket ${result.data.openTicket.number} opened.`}
    >
      <FormField name="title" label="Title" required />
      <FormField name="description" label="What happened" required />
      <FormSelect
        name="severity"
        label="Severity"
        options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: `S${n}${n === 1 ? " (down)" : ""}` }))}
      />
    </MutationForm>
  );
}
