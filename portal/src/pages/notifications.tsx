import { DismissNotificationDocument, PortalNotificationsDocument } from "@partnergraph/operations";
import { useMutation } from "urql";
import { ErrorNote } from "../errors";
import { formatDate, PageTitle } from "../ui/basics";
import { useLiveQuery } from "../ui/live";
import { SearchedList, useSearchedPages } from "../ui/paging";

const PAGE_SIZE = 20;

/** The acting organization's own notifications, newest first, a page at a time; dismissing hides one for it only. */
export function Notifications() {
  const pages = useSearchedPages(PAGE_SIZE);
  const { first, after } = pages.variables;
  // Notifications arrive through the event relay, after what caused them: the open page asks again now and then.
  const [{ data, error, fetching }] = useLiveQuery({ query: PortalNotificationsDocument, variables: { first, after } });
  const [dismissed, dismiss] = useMutation(DismissNotificationDocument);
  const list = data?.myNotifications;
  return (
    <>
      <PageTitle>Notifications</PageTitle>
      <ErrorNote error={dismissed.error} />
      <SearchedList
        pages={pages}
        list={list}
        noun={{ one: "notification", many: "notifications" }}
        empty="Nothing new."
        error={error}
        fetching={fetching}
      >
        <ul className="card plain notifications" aria-label="Notifications">
          {list?.edges.map(({ node }) => (
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
      </SearchedList>
    </>
  );
}
