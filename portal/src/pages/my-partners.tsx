import { MyPartnersDocument, TerminateConnectionDocument } from "@partnergraph/operations";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "../errors";
import { useSession } from "../session";
import { Badge, Empty, formatDate, Loading, PageTitle } from "../ui/basics";

/** A customer's partners: who sees its data, since when, and ending a connection. */
export function MyPartners() {
  const [{ data, error, fetching }] = useQuery({ query: MyPartnersDocument });
  const [ended, terminate] = useMutation(TerminateConnectionDocument);
  // Ending a connection is the account's own administrators' (and full-access administrators'), not custom access's.
  const mayEnd = useSession().actingAs?.access !== "CUSTOM";
  return (
    <>
      <PageTitle>Partners</PageTitle>
      <ErrorNote error={error ?? ended.error} />
      {!data && fetching && <Loading what="your partners" />}
      {data && data.myPartners.length === 0 && (
        <Empty>No partner is connected. Open a partner&apos;s invitation link to connect.</Empty>
      )}
      <div className="grid">
        {data?.myPartners.map((connection) => (
          <article key={connection.id} className="card" aria-labelledby={`partner-${connection.id}`}>
            <h2 id={`partner-${connection.id}`}>{connection.partner.name}</h2>
            <p>
              {connection.partner.badges.map((badge) => (
                <Badge key={badge.program} {...badge} />
              ))}
            </p>
            <p className="muted">Connected {formatDate(connection.connectedAt)}</p>
            {mayEnd && (
              <button
                type="button"
                className="danger"
                disabled={ended.fetching}
                onClick={() => {
                  if (confirm(`End the connection with ${connection.partner.name}? They will no longer see your data.`))
                    void terminate({ id: connection.id });
                }}
              >
                End connection
              </button>
            )}
          </article>
        ))}
      </div>
    </>
  );
}
