import {
  AnnouncePriceChangeDocument,
  MyPriceChangesDocument,
  ServiceCatalogDocument,
  VendorPriceChangesDocument,
} from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { formatDate, PageTitle } from "../ui/basics";
import { FormField, FormSelect, MutationForm, useFormState } from "../ui/form";
import { SearchedList, useSearchedPages } from "../ui/paging";
import { Table } from "../ui/table";

const PAGE_SIZE = 10;
const NOUN = { one: "announcement", many: "announcements" };

/** The vendor announces a price change of a service to its holders, and sees every announcement made. */
export function VendorPriceChanges() {
  return (
    <>
      <PageTitle>Price changes</PageTitle>
      <Announce />
      <Announced />
    </>
  );
}

interface AnnounceValues extends Record<string, unknown> {
  serviceCode: string;
  effectiveOn: string;
  summary: string;
}

/** A day chosen in a date input as the instant the API takes: that day's start where the person is (shown as that day). */
const startOfDay = (day: string) => (day ? new Date(`${day}T00:00`).toISOString() : "");

function Announce() {
  const [catalog] = useQuery({ query: ServiceCatalogDocument });
  const form = useFormState<AnnounceValues>({ serviceCode: "", effectiveOn: "", summary: "" });
  const [result, announce] = useMutation(AnnouncePriceChangeDocument);
  const services = catalog.data?.services ?? [];
  const { serviceCode, effectiveOn, summary } = form.values;
  const chosen = serviceCode || services[0]?.code || "";
  const submit = () =>
    void announce({ input: { serviceCode: chosen, effectiveOn: startOfDay(effectiveOn), summary } }).then(
      (answer) => answer.data && form.reset(),
    );
  const announced = result.data?.announcePriceChange;
  return (
    <MutationForm
      form={form}
      result={result}
      label="Announce a price change"
      heading={<h2>Announce a price change</h2>}
      submitLabel="Announce"
      onSubmit={submit}
      disabled={!chosen}
      done={
        announced &&
        `${announced.service.name}: announced to ${announced.holdersTold ?? 0} holder${announced.holdersTold === 1 ? "" : "s"}.`
      }
    >
      <FormSelect
        name="serviceCode"
        label="Service"
        fallback={chosen}
        options={services.map((service) => ({ value: service.code, label: service.name }))}
      />
      <FormField name="effectiveOn" label="New price applies from" type="date" required />
      <FormField
        name="summary"
        label="What changes"
        hint="Told to every organization holding the service, and its renewal contacts; at most 300 characters"
        required
        maxLength={300}
      />
    </MutationForm>
  );
}

function Announced() {
  const pages = useSearchedPages(PAGE_SIZE);
  const { first, after } = pages.variables;
  const [{ data, error, fetching }] = useQuery({
    query: VendorPriceChangesDocument,
    variables: { first, after },
  });
  return (
    <section aria-labelledby="announced-title">
      <h2 id="announced-title">Announced</h2>
      <SearchedList
        pages={pages}
        list={data?.priceChanges}
        noun={NOUN}
        empty="No price change has been announced."
        error={error}
        fetching={fetching}
      >
        <Table
          label="Price changes announced"
          columns={["Service", "From", "What changes", "Holders told", "Announced"]}
        >
          {data?.priceChanges.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>{node.service.name}</td>
              <td>{formatDate(node.effectiveOn)}</td>
              <td>{node.summary}</td>
              <td>{node.holdersTold}</td>
              <td>
                {formatDate(node.announcedAt)}
                {node.announcedBy && <small> by {node.announcedBy.displayName || node.announcedBy.email}</small>}
              </td>
            </tr>
          ))}
        </Table>
      </SearchedList>
    </section>
  );
}

/** A partner's or customer's view: the announcements of services it (or, for a partner, its customers) holds. */
export function MyPriceChanges() {
  const pages = useSearchedPages(PAGE_SIZE);
  const { first, after } = pages.variables;
  const [{ data, error, fetching }] = useQuery({ query: MyPriceChangesDocument, variables: { first, after } });
  return (
    <>
      <PageTitle>Price changes</PageTitle>
      <SearchedList
        pages={pages}
        list={data?.priceChanges}
        noun={NOUN}
        empty="No price change concerns the services you hold."
        error={error}
        fetching={fetching}
      >
        <Table label="Price changes" columns={["Service", "From", "What changes", "Concerns", "Announced"]}>
          {data?.priceChanges.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>{node.service.name}</td>
              <td>{formatDate(node.effectiveOn)}</td>
              <td>{node.summary}</td>
              <td>{node.concerns.map((organization) => organization.name).join(", ")}</td>
              <td>{formatDate(node.announcedAt)}</td>
            </tr>
          ))}
        </Table>
      </SearchedList>
    </>
  );
}
