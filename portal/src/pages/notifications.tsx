import { DismissNotificationDocument, MyNotificationsDocument } from "@partnergraph/operations";
import { useMutation } from "urql";
import { ErrorNote } from "../errors";
import { Empty, formatDate, Loading, PageTitle } from "../ui/basics";
import { useLiveQuery } from "../ui/live";

/** The acting organization's own notifications; dismissing hides one for this organization only. */
export function Notifications() {
  // Notifications arrive through the event relay, after what caused them: the open page asks again now and then.
  const [{ data, error, fetching }] = useLiveQuery({ query: MyNotificationsDocument, variables: { first: 50 } });
  const [dismissed, dismiss] = useMutation(DismissNotificationDocument);
  const list = data?.myNotifications;
  return (
    <>
      <PageTitle>Notifications</PageTitle>
      <ErrorNote error={error ?? dismissed.error} />
      {!list && fetching && <Loading what="notifications" />}
      {list && list.edges.length === 0 && <Empty>Nothing new.</Empty>}
      {list && list.edges.length > 0 && (
        <ul className="card plain notifications" aria-label="Notifications">
          {list.edges.map(({ node }) => (
            <li key={node.id}>
              <div>
                <strong>{node.title}</strong> <small className="muted">{formatDate(node.createdAt)}</small>
                {node.body && <p className="muted">{node.body}</p>}
              </div>
              <button
                type="button"
                className="quiet"
                disabled={dismissed.fetching}
                aria-label={`Dismiss “${node.title}”`}
                onClick={() => void dismiss({ id: node.id })}
              >
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
