import {
  MyResellRegistrationsDocument,
  MyResellRegistrationsQuery,
  RegisterToResellDocument,
  ServiceCatalogDocument,
  WithdrawResellRegistrationDocument,
} from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "../errors";
import { Empty, formatDate, Loading, PageTitle, words } from "../ui/basics";
import { useLiveQuery } from "../ui/live";
import { Table } from "../ui/table";
import { useViewer } from "../viewer";

type Registration = NonNullable<MyResellRegistrationsQuery["organization"]["resellRegistrations"]>[number];

/**
 * A partner asks to resell services and may withdraw a request still waiting; the vendor approves or declines each,
 * with a reason it may give, and may later revoke an approval, saying why. Below, every request and what became of it.
 */
export function Resell() {
  const { me } = useViewer();
  const partnerId = me.organization?.id ?? "";
  const [{ data: catalog, error: catalogError }] = useQuery({ query: ServiceCatalogDocument });
  // Asked again while open: the vendor decides meanwhile.
  const [{ data, error, fetching }] = useLiveQuery({
    query: MyResellRegistrationsDocument,
    variables: { partnerId },
  });
  const [asked, ask] = useMutation(RegisterToResellDocument);
  const [withdrawn, withdraw] = useMutation(WithdrawResellRegistrationDocument);
  const registrations = data?.organization.resellRegistrations ?? [];
  const services = catalog?.services.filter((service) => service.resellable) ?? [];
  // Newest first: a service's first registration is its state now.
  const latest = (code: string) => registrations.find((registration) => registration.service.code === code);
  return (
    <>
      <PageTitle>Resell</PageTitle>
      <p className="hint">
        Ask to resell a service; the vendor approves or declines the request. You may withdraw a request while it waits.
      </p>
      <ErrorNote error={catalogError ?? error ?? asked.error ?? withdrawn.error} />
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
                    onClick={() => void ask({ serviceCode: service.code })}
                  >
                    {latest(service.code) ? "Ask again" : "Ask to resell"}
                  </button>
                )}
                {latest(service.code)?.status === "PENDING" && (
                  <button
                    type="button"
                    disabled={withdrawn.fetching}
                    aria-label={`Withdraw the request to resell ${service.name}`}
                    onClick={() => void withdraw({ id: latest(service.code)!.id })}
                  >
                    Withdraw
                  </button>
                )}
              </article>
            </li>
          ))}
      </ul>
      {registrations.length > 0 && <History registrations={registrations} />}
    </>
  );
}

/** Every request, newest first: what became of it, when, by whom (the vendor's people are not named) and why. */
function History({ registrations }: { registrations: Registration[] }) {
  return (
    <section aria-labelledby="resell-history-title">
      <h2 id="resell-history-title">Your requests</h2>
      <Table label="Your requests to resell" columns={["Service", "Status", "Asked", "Decided", "By", "Reason"]}>
        {registrations.map((registration) => (
          <tr key={registration.id}>
            <td>{registration.service.name}</td>
            <td>
              <span className={`chip ${CHIP[registration.status]}`}>{words(registration.status)}</span>
            </td>
            <td>{formatDate(registration.requestedAt)}</td>
            <td>{formatDate(registration.revokedAt ?? registration.decidedAt)}</td>
            <td>{registration.decidedBy?.displayName ?? (registration.decidedAt ? "The vendor" : "")}</td>
            <td>{registration.revocationReason ?? registration.reason ?? ""}</td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

/** A pending or approved request stands; a closed one (declined, withdrawn, revoked) may be asked again. */
const canAsk = (registration: Registration | undefined) =>
  !registration || !["PENDING", "APPROVED"].includes(registration.status);

/** The chip colour of each state (approved reads as active: the partner may resell). */
const CHIP: Record<Registration["status"], string> = {
  PENDING: "status-pending",
  APPROVED: "status-active",
  DECLINED: "status-declined",
  WITHDRAWN: "status-expired",
  REVOKED: "status-declined",
};

function RequestState({ registration }: { registration: Registration | undefined }) {
  if (!registration) return <p className="muted">Not asked yet.</p>;
  const pending = registration.status === "PENDING";
  return (
    <p>
      <span className={`chip ${CHIP[registration.status]}`}>{words(registration.status)}</span>{" "}
      {pending
        ? `asked ${formatDate(registration.requestedAt)}, waiting for the vendor`
        : formatDate(registration.revokedAt ?? registration.decidedAt)}
      {(registration.revocationReason ?? registration.reason) && (
        <span className="reason"> · “{registration.revocationReason ?? registration.reason}”</span>
      )}
    </p>
  );
}
