import { ReactNode } from "react";
import { Dashboard } from "./pages/dashboard";
import type { Viewer } from "./viewer";

export interface Route {
  path: string;
  /** In the navigation for these kinds of viewer (absent: reached by links only). */
  nav?: { label: string; for: Viewer["kind"][] };
  render(params: Record<string, string>): ReactNode;
}

/** Every signed-in page. The first route in the navigation of a viewer's kind is their home. */
export const ROUTES: Route[] = [
  { path: "/dashboard", nav: { label: "Customers", for: ["partner"] }, render: () => <Dashboard /> },
];
