import type { MeQuery } from "@partnergraph/operations";
import { createContext, useContext } from "react";

/** The signed-in person as the pages need them: who, acting as which organization, and of which kind. */
export interface Viewer {
  me: MeQuery["me"];
  kind: "vendor" | "partner" | "customer" | "unregistered";
}

export function viewerKind(me: MeQuery["me"], vendorOrganizationId: string): Viewer["kind"] {
  if (!me.organization) return "unregistered";
  if (me.organization.id === vendorOrganizationId) return "vendor";
  return me.organization.isPartner ? "partner" : "customer";
}

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer outside a signed-in page");
  return viewer;
}
