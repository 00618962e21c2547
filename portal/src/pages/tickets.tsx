import { MyTicketsDocument, OpenTicketDocument } from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { PageTitle } from "../ui/basics";
import { FormField, FormSelect, MutationForm, useFormState } from "../ui/form";
import { SearchedList, useSearchedPages } from "../ui/paging";
import { useViewer } from "../viewer";

const PAGE_SIZE = 10;

/** The acting organization's open tickets, a page at a time, and opening one. */
export function Tickets() {
  const { me } = useViewer();
  const id = me.organization?.id ?? "";
  const pages = useSearchedPages(PAGE_SIZE);
  const { first, after } = pages.variables;
  const [{ data, error, fetching }] = useQuery({ query: MyTicketsDocument, variables: { id, first, after } });
  const tickets = data?.organization.tickets ?? undefined;
  return (
    <>
      <PageTitle>Support tickets</PageTitle>
      <SearchedList
        pages={pages}
        list={tickets}
        noun={{ one: "open ticket", many: "open tickets" }}
        empty="No open tickets."
        error={error}
        fetching={fetching}
      >
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
              {tickets?.edges.map(({ node }) => (
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
      </SearchedList>
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
