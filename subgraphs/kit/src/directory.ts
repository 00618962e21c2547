import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "./context";

/**
 * The extension a subgraph's response carries when the request changed who someone is or what they may act as
 * (a grant accepted or revoked, a program membership granted or revoked, a person's organization): the gateway
 * that receives it drops the callers it cached for them before it answers, so the change applies on the very
 * next request.
 */
export const DIRECTORY_CHANGED_EXTENSION = "directoryChanged";

export interface DirectoryChange {
  /** People whose own standing changed (a grant they hold, the organization they belong to). */
  userIds: string[];
  /** Organizations whose standing changed for everyone acting as them (a badge). */
  organizationIds: string[];
}

/** A directory change as announced, or null when `value` is not one. */
export function parseDirectoryChange(value: unknown): DirectoryChange | null {
  if (!value || typeof value !== "object") return null;
  const { userIds, organizationIds } = value as Record<string, unknown>;
  const strings = (list: unknown) =>
    Array.isArray(list) ? list.filter((id): id is string => typeof id === "string") : [];
  const change = { userIds: strings(userIds), organizationIds: strings(organizationIds) };
  return change.userIds.length || change.organizationIds.length ? change : null;
}

/** Puts the changes a request noted (RequestContext.noteDirectoryChange) into its response's extensions. */
export const directoryChangesPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const change = contextValue?.directoryChange;
        if (!change || response.body.kind !== "single") return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, [DIRECTORY_CHANGED_EXTENSION]: change };
      },
    };
  },
};
