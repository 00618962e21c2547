import {
  AcceptAdministratorInvitationDocument,
  DeclineAdministratorInvitationDocument,
  MyGrantsDocument,
} from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "../errors";
import { navigate } from "../router";
import { session } from "../session";
import { Empty, Loading, PageTitle, words } from "../ui/basics";

/** The customers that made this person an administrator: accept or decline, and act as one of them. */
export function Grants() {
  const [{ data, error, fetching }] = useQuery({ query: MyGrantsDocument });
  const [accepted, accept] = useMutation(AcceptAdministratorInvitationDocument);
  const [declined, decline] = useMutation(DeclineAdministratorInvitationDocument);
  const grants = data?.myAdministratorInvitations ?? [];
  const busy = accepted.fetching || declined.fetching;
  return (
    <>
      <PageTitle>Administrator grants</PageTitle>
      <p className="hint">
        Customers that made you an administrator of their account. Acting as one, you see and change what it sees.
      </p>
      <ErrorNote error={error ?? accepted.error ?? declined.error} />
      {!data && fetching && <Loading what="your grants" />}
      {data && grants.length === 0 && <Empty>No customer has made you an administrator.</Empty>}
      <div className="grid">
        {grants.map((grant) => (
          <article key={grant.id} className="card" aria-labelledby={`grant-${grant.id}`}>
            <h2 id={`grant-${grant.id}`}>{grant.organization.name}</h2>
            <p className="muted">
              {grant.access === "FULL" ? "Full access" : `Custom access: ${grant.serviceCodes.join(", ")}`} ·{" "}
              {words(grant.status)}
            </p>
            <div className="actions">
              {grant.status === "ACCEPTED" && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => {
                    session.actAs({ id: grant.organization.id, name: grant.organization.name, access: grant.access });
                    navigate("/");
                  }}
                >
                  Act as {grant.organization.name}
                </button>
              )}
              {grant.status === "PENDING" && (
                <>
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => void accept({ id: grant.id })}
                  >
                    Accept
                  </button>
                  <button type="button" disabled={busy} onClick={() => void decline({ id: grant.id })}>
                    Decline
                  </button>
                </>
              )}
            </div>
          </article>
        ))}
      </div>
    </>
  );
}
