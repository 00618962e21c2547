import {
  MyResellRegistrationsDocument,
  MyResellRegistrationsQuery,
  RegisterToResellDocument,
  ServiceCatalogDocument,
} from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "../errors";
import { Empty, formatDate, Loading, PageTitle, words } from "../ui/basics";
import { useViewer } from "../viewer";

type Registration = NonNullable<MyResellRegistrationsQuery["organization"]["resellRegistrations"]>[number];

/** A partner asks to resell services; the vendor approves or declines each request, with a reason it may give. */
export function Resell() {
  const { me } = useViewer();
  const partnerId = me.organization?.id ?? "";
  const [{ data: catalog, error: catalogError }] = useQuery({ query: ServiceCatalogDocument });
  const [{ data, error, fetching }] = useQuery({ query: MyResellRegistrationsDocument, variables: { partnerId } });
  const [asked, ask] = useMutation(RegisterToResellDocument);
  const registrations = data?.organization.resellRegistrations ?? [];
  const services = catalog?.services.filter((service) => service.resellable) ?? [];
  // Newest first: a service's first registration is its state now.
  const latest = (code: string) => registrations.find((registration) => registration.service.code === code);
  return (
    <>
      <PageTitle>Resell</PageTitle>
      <p className="hint">Ask to resell a service; the vendor approves or declines the request.</p>
      <ErrorNote error={catalogError ?? error ?? asked.error} />
      {(!catalog || !data) && fetching && <Loading what="services" />}
      {catalog && services.length === 0 && <Empty>No service can be resold.</Empty>}
      <ul className="grid" aria-label="Services to resell">
        {data &&
          services.map((service) => (
            <li key={service.code}>
              <article className="card" aria-label={service.name}>
                <h2>{service.name}</h2>
                <RequestState registration={latest(service.code)} />
                {canAsk(latest(service.code)) && (
                  <button
                    type="button"
                    className="primary"
                    disabled={asked.fetching}
                    onClick={() =>
                      void ask({ serviceCode: service.code }, { additionalTypenames: ["ResellRegistration"] })
                    }
                  >
                    {latest(service.code) ? "Ask again" : "Ask to resell"}
                  </button>
                )}
              </article>
            </li>
          ))}
      </ul>
    </>
  );
}

/** A declined request may be asked again; a pending or approved one stands. */
const canAsk = (registration: Registration | undefined) => !registration || registration.status === "DECLINED";

/** The chip colour of each state (approved reads as active: the partner may resell). */
const CHIP: Record<Registration["status"], string> = {
  PENDING: "status-pending",
  APPROVED: "status-active",
  DECLINED: "status-declined",
};

function RequestState({ registration }: { registration: Registration | undefined }) {
  if (!registration) return <p className="muted">Not asked yet.</p>;
  const pending = registration.status === "PENDING";
  return (
    <p>
      <span className={`chip ${CHIP[registration.status]}`}>{words(registration.status)}</span>{" "}
      {pending
        ? `asked ${formatDate(registration.requestedAt)}, waiting for the vendor`
        : formatDate(registration.decidedAt)}
      {registration.reason && <span className="reason"> · “{registration.reason}”</span>}
    </p>
  );
}
