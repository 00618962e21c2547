import { useEffect } from "react";
import { type AnyVariables, useQuery, type UseQueryArgs, type UseQueryResponse } from "urql";

/** Notifications arrive through the event relay, a moment after what caused them: an open page asks again this often. */
export const REFRESH_MS = 5_000;

/**
 * useQuery, asked again every REFRESH_MS while the page is visible, and at once when it becomes visible again (a tab
 * left in the background shows what happened meanwhile). Nothing is asked while the page is hidden, and a poll while
 * the previous answer is still on its way is not sent (the client sends a query with the same variables once).
 */
export function useLiveQuery<Data = unknown, Variables extends AnyVariables = AnyVariables>(
  args: UseQueryArgs<Variables, Data>,
): UseQueryResponse<Data, Variables> {
  const answer = useQuery(args);
  const [, refresh] = answer;
  const paused = Boolean(args.pause);
  useEffect(() => {
    if (paused) return;
    const ask = () => {
      if (document.visibilityState === "visible") refresh({ requestPolicy: "network-only" });
    };
    const timer = setInterval(ask, REFRESH_MS);
    document.addEventListener("visibilitychange", ask);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", ask);
    };
  }, [refresh, paused]);
  return answer;
}
