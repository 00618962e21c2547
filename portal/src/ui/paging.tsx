import { ReactNode, useEffect, useState } from "react";
import type { CombinedError } from "urql";
import { ErrorNote } from "../errors";
import { Empty, Loading } from "./basics";

/** How long typing must pause before the list is asked again. */
const SEARCH_PAUSE_MS = 300;

export interface SearchedPages {
  /** What is in the search box now. */
  typed: string;
  setTyped: (text: string) => void;
  /** The search the list is asked with (settled, trimmed); a new one starts at the first page. */
  search: string;
  /** 1-based. */
  page: number;
  previous: () => void;
  next: (endCursor: string | null | undefined) => void;
  /** Back to the first page: the list is asked anew (e.g. a filter beside the search changed). */
  restart: () => void;
  /** The list query's paging and search arguments for the current page. */
  variables: { first: number; after: string | null; search: string | null };
}

/** A cursor-paged list with a search box: the cursors of the pages before this one ("Previous" pops, "Next" pushes). */
export function useSearchedPages(pageSize: number): SearchedPages {
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(typed.trim());
      setCursors([null]);
    }, SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  // The cursor the current page starts after (null: the first page).
  const after = cursors[cursors.length - 1];
  return {
    typed,
    setTyped,
    search,
    page: cursors.length,
    previous: () => setCursors((before) => (before.length > 1 ? before.slice(0, -1) : before)),
    next: (endCursor) => setCursors((before) => [...before, endCursor ?? null]),
    restart: () => setCursors([null]),
    variables: { first: pageSize, after, search: search || null },
  };
}

function Count({ count, noun }: { count: number; noun: Noun }) {
  return (
    <span className="count" aria-live="polite">
      {count} {count === 1 ? noun.one : noun.many}
    </span>
  );
}

/** The search box above a paged list, with how many match. */
function SearchBox(props: {
  id: string;
  label: string;
  placeholder: string;
  pages: SearchedPages;
  total?: { count: number; noun: Noun };
}) {
  const { id, label, placeholder, pages, total } = props;
  return (
    <div className="toolbar">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        placeholder={placeholder}
        value={pages.typed}
        onChange={(e) => pages.setTyped(e.target.value)}
      />
      {total && <Count {...total} />}
    </div>
  );
}

/** Previous / Next below a paged list, shown only when there is more than one page. */
function Pager({
  pages,
  pageInfo,
}: {
  pages: SearchedPages;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}) {
  if (pages.page === 1 && !pageInfo.hasNextPage) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={pages.page === 1} onClick={pages.previous}>
        Previous
      </button>
      <span>Page {pages.page}</span>
      <button type="button" disabled={!pageInfo.hasNextPage} onClick={() => pages.next(pageInfo.endCursor)}>
        Next
      </button>
    </nav>
  );
}

interface Noun {
  one: string;
  many: string;
}

interface PagedList {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: unknown[];
}

/**
 * A searchable, paged list's frame: the search box with how many match, the API's error, loading, the empty state
 * (a search that matches nothing says so), the list itself (children, only when it has entries), and the pager.
 */
export function SearchedList(props: {
  pages: SearchedPages;
  /** Absent: a list that is only paged (its count is still said). */
  searchBox?: { id: string; label: string; placeholder: string };
  list: PagedList | undefined;
  noun: Noun;
  /** What an empty list means when nothing is searched. */
  empty: string;
  error: CombinedError | undefined;
  fetching: boolean;
  children: ReactNode;
}) {
  const { pages, list, noun } = props;
  return (
    <>
      {props.searchBox ? (
        <SearchBox {...props.searchBox} pages={pages} total={list && { count: list.totalCount, noun }} />
      ) : (
        list && <Count count={list.totalCount} noun={noun} />
      )}
      <ErrorNote error={props.error} />
      {!list && props.fetching && <Loading what={noun.many} />}
      {list && list.edges.length === 0 && (
        <Empty>{pages.search ? `No ${noun.one} matches “${pages.search}”.` : props.empty}</Empty>
      )}
      {list && list.edges.length > 0 && props.children}
      {list && <Pager pages={pages} pageInfo={list.pageInfo} />}
    </>
  );
}
