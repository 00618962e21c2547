import {
  ApproveResellRegistrationDocument,
  ApproveTrialDocument,
  DeclineResellRegistrationDocument,
  DeclineTrialDocument,
  PendingResellRegistrationsDocument,
  PendingResellRegistrationsQuery,
  PendingTrialsDocument,
  ResellRegistrationHistoryDocument,
  ResellRegistrationHistoryQuery,
  ResellStatus,
  RevokeResellRegistrationDocument,
} from "@partnergraph/operations";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "../errors";
import { Badge, Empty, formatDate, Loading, PageTitle, words } from "../ui/basics";
import { anyOf, Select } from "../ui/field";
import { useLiveQuery } from "../ui/live";
import { SearchedList, useSearchedPages } from "../ui/paging";
import { Table } from "../ui/table";

type ResellRequest = PendingResellRegistrationsQuery["pendingResellRegistrations"]["edges"][number]["node"];
type PastRequest = ResellRegistrationHistoryQuery["resellRegistrations"]["edges"][number]["node"];

const RESELL_STATUSES: ResellStatus[] = ["PENDING", "APPROVED", "DECLINED", "WITHDRAWN", "REVOKED"];

const PAGE_SIZE = 10;

/**
 * What waits for the vendor's decision: customers' trials and partners' requests to resell; and every request to
 * resell made, by status, where an approved one may be revoked.
 */
export function Approvals() {
  return (
    <>
      <PageTitle>Approvals</PageTitle>
      <PendingTrials />
      <ResellRequests />
      <ResellHistory />
    </>
  );
}

/** The queues are asked again while open: customers ask for trials and partners to resell meanwhile. */
function PendingTrials() {
  const [{ data, error, fetching }] = useLiveQuery({ query: PendingTrialsDocument });
  const [approved, approve] = useMutation(ApproveTrialDocument);
  const [declined, decline] = useMutation(DeclineTrialDocument);
  const busy = approved.fetching || declined.fetching;
  return (
    <section aria-labelledby="trials-title">
      <h2 id="trials-title">Trials to approve</h2>
      <ErrorNote error={error ?? approved.error ?? declined.error} />
      {!data && fetching && <Loading what="trials" />}
      {data && data.pendingTrials.length === 0 && <Empty>No trial is waiting.</Empty>}
      {data && data.pendingTrials.length > 0 && (
        <Table label="Trials to approve" columns={["Organization", "Service", "Requested", { hidden: "Decision" }]}>
          {data.pendingTrials.map((trial) => (
            <tr key={trial.id}>
              <td>{trial.organization.name}</td>
              <td>{trial.service.name}</td>
              <td>{formatDate(trial.requestedAt)}</td>
              <td className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={busy}
                  onClick={() => void approve({ id: trial.id })}
                >
                  Approve
                </button>
                <button type="button" disabled={busy} onClick={() => void decline({ id: trial.id })}>
                  Decline
                </button>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

/** Partners' requests to resell, oldest first, a page at a time; each approved or declined with a reason told. */
function ResellRequests() {
  const pages = useSearchedPages(PAGE_SIZE);
  const { first, after } = pages.variables;
  const [{ data, error, fetching }] = useLiveQuery({
    query: PendingResellRegistrationsDocument,
    variables: { first, after },
  });
  const [decided, setDecided] = useState<string | null>(null);
  return (
    <section aria-labelledby="resell-title">
      <h2 id="resell-title">Requests to resell</h2>
      {decided && (
        <p className="note ok" role="status">
          {decided}
        </p>
      )}
      <SearchedList
        pages={pages}
        list={data?.pendingResellRegistrations}
        noun={{ one: "request", many: "requests" }}
        empty="No request to resell is waiting."
        error={error}
        fetching={fetching}
      >
        <Table
          label="Requests to resell"
          columns={["Partner", "Service", "Asked", "Reason told to the partner", { hidden: "Decision" }]}
        >
          {data?.pendingResellRegistrations.edges.map(({ node }) => (
            <ResellRequestRow key={node.id} request={node} onDecided={setDecided} />
          ))}
        </Table>
      </SearchedList>
    </section>
  );
}

function ResellRequestRow({ request, onDecided }: { request: ResellRequest; onDecided: (said: string) => void }) {
  const [reason, setReason] = useState("");
  const [approved, approve] = useMutation(ApproveResellRegistrationDocument);
  const [declined, decline] = useMutation(DeclineResellRegistrationDocument);
  const what = `${request.partner.name}'s request to resell ${request.service.name}`;
  const variables = () => ({ id: request.id, reason: reason.trim() || null });
  const told = (said: string) => (answer: { data?: unknown }) => answer.data && onDecided(`${said} ${what}.`);
  const busy = approved.fetching || declined.fetching;
  return (
    <tr>
      <td>
        {request.partner.name}{" "}
        {request.partner.badges.map((badge) => (
          <Badge key={badge.program} {...badge} />
        ))}
      </td>
      <td>{request.service.name}</td>
      <td>{formatDate(request.requestedAt)}</td>
      <td>
        <input
          aria-label={`Reason for ${what} (optional)`}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
        <ErrorNote error={approved.error ?? declined.error} />
      </td>
      <td className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void approve(variables()).then(told("Approved"))}
        >
          Approve
        </button>
        <button type="button" disabled={busy} onClick={() => void decline(variables()).then(told("Declined"))}>
          Decline
        </button>
      </td>
    </tr>
  );
}

/** Every partner's requests to resell, newest first, in one status or all; a new status starts at the first page. */
function ResellHistory() {
  const [status, setStatus] = useState<ResellStatus | "">("");
  const [revoked, setRevoked] = useState<string | null>(null);
  return (
    <section aria-labelledby="resell-history-title">
      <h2 id="resell-history-title">Resell history</h2>
      <div className="toolbar">
        <Select
          label="Status"
          value={status}
          options={anyOf(RESELL_STATUSES)}
          onChange={(value) => setStatus(value as ResellStatus | "")}
        />
      </div>
      {revoked && (
        <p className="note ok" role="status">
          {revoked}
        </p>
      )}
      <ResellHistoryPages key={status} status={status || null} onRevoked={setRevoked} />
    </section>
  );
}

function ResellHistoryPages({ status, onRevoked }: { status: ResellStatus | null; onRevoked: (said: string) => void }) {
  const pages = useSearchedPages(PAGE_SIZE);
  const { first, after } = pages.variables;
  const [{ data, error, fetching }] = useQuery({
    query: ResellRegistrationHistoryDocument,
    variables: { status, first, after },
  });
  return (
    <SearchedList
      pages={pages}
      list={data?.resellRegistrations}
      noun={{ one: "request", many: "requests" }}
      empty={status ? `No request to resell is ${words(status).toLowerCase()}.` : "No partner has asked to resell."}
      error={error}
      fetching={fetching}
    >
      <Table
        label="Resell history"
        columns={["Partner", "Service", "Status", "Asked", "Decided", "Reason", { hidden: "Revoke" }]}
      >
        {data?.resellRegistrations.edges.map(({ node }) => (
          <PastRequestRow key={node.id} request={node} onRevoked={onRevoked} />
        ))}
      </Table>
    </SearchedList>
  );
}

/** A past request: what became of it, by whom and why; an approved one may be revoked, with a reason the partner is told. */
function PastRequestRow({ request, onRevoked }: { request: PastRequest; onRevoked: (said: string) => void }) {
  const [reason, setReason] = useState("");
  const [revoked, revoke] = useMutation(RevokeResellRegistrationDocument);
  const what = `${request.partner.name}'s right to resell ${request.service.name}`;
  const decider = request.revokedBy ?? request.decidedBy;
  return (
    <tr>
      <td>{request.partner.name}</td>
      <td>{request.service.name}</td>
      <td>{words(request.status)}</td>
      <td>{formatDate(request.requestedAt)}</td>
      <td>
        {formatDate(request.revokedAt ?? request.decidedAt)}
        {decider && ` by ${decider.displayName}`}
      </td>
      <td>{request.revocationReason ?? request.reason ?? ""}</td>
      <td className="actions">
        {request.status === "APPROVED" && (
          <>
            <input
              aria-label={`Reason for revoking ${what}`}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
            <button
              type="button"
              disabled={revoked.fetching}
              onClick={() =>
                void revoke({ id: request.id, reason }).then((answer) => answer.data && onRevoked(`Revoked ${what}.`))
              }
            >
              Revoke
            </button>
            <ErrorNote error={revoked.error} />
          </>
        )}
      </td>
    </tr>
  );
}
