import { ReactNode } from "react";
import { AddCustomer } from "./pages/add-customer";
import { Approvals } from "./pages/approvals";
import { Administrators } from "./pages/administrators";
import { Register } from "./pages/connect";
import { CustomerDetail } from "./pages/customer-detail";
import { Dashboard } from "./pages/dashboard";
import { Grants } from "./pages/grants";
import { InvitationLink } from "./pages/invitation-link";
import { MyPartners } from "./pages/my-partners";
import { Notifications } from "./pages/notifications";
import { MyPriceChanges, VendorPriceChanges } from "./pages/price-changes";
import { Resell } from "./pages/resell";
import { Scorecard } from "./pages/scorecard";
import { Tickets } from "./pages/tickets";
import { SupportAgreements, VendorPartner, VendorPartners } from "./pages/vendor";
import type { Viewer } from "./viewer";

export interface Route {
  path: string;
  /**
   * In the navigation for these kinds of viewer (absent: reached by links only); `accountAdministrators`: not for a
   * person acting for a customer with custom access (the API keeps the account's own administration from them).
   */
  nav?: { label: string; for: Viewer["kind"][]; accountAdministrators?: true };
  render(params: Record<string, string>): ReactNode;
}

/** Every signed-in page. The first route in the navigation of a viewer's kind is their home. */
export const ROUTES: Route[] = [
  { path: "/dashboard", nav: { label: "Customers", for: ["partner"] }, render: () => <Dashboard /> },
  { path: "/partners", nav: { label: "Partners", for: ["customer"] }, render: () => <MyPartners /> },
  { path: "/vendor/partners", nav: { label: "Partners", for: ["vendor"] }, render: () => <VendorPartners /> },
  { path: "/register", nav: { label: "Register", for: ["unregistered"] }, render: () => <Register /> },
  { path: "/vendor/approvals", nav: { label: "Approvals", for: ["vendor"] }, render: () => <Approvals /> },
  { path: "/invitation", nav: { label: "Invitation link", for: ["partner"] }, render: () => <InvitationLink /> },
  { path: "/grants", nav: { label: "Grants", for: ["partner"] }, render: () => <Grants /> },
  { path: "/scorecard", nav: { label: "Partner 360", for: ["partner"] }, render: () => <Scorecard /> },
  { path: "/resell", nav: { label: "Resell", for: ["partner"] }, render: () => <Resell /> },
  {
    path: "/administrators",
    nav: { label: "Administrators", for: ["customer"], accountAdministrators: true },
    render: () => <Administrators />,
  },
  { path: "/tickets", nav: { label: "Tickets", for: ["customer"] }, render: () => <Tickets /> },
  {
    path: "/notifications",
    nav: { label: "Notifications", for: ["partner", "customer", "vendor"] },
    render: () => <Notifications />,
  },
  { path: "/prices", nav: { label: "Price changes", for: ["partner", "customer"] }, render: () => <MyPriceChanges /> },
  { path: "/vendor/prices", nav: { label: "Price changes", for: ["vendor"] }, render: () => <VendorPriceChanges /> },
  { path: "/agreements", nav: { label: "Support", for: ["partner"] }, render: () => <SupportAgreements /> },
  { path: "/customers/new", render: () => <AddCustomer /> },
  { path: "/customers/:id", render: ({ id }) => <CustomerDetail id={id} /> },
  { path: "/scorecard/:id", render: ({ id }) => <Scorecard partnerId={id} /> },
  { path: "/vendor/partners/:id", render: ({ id }) => <VendorPartner id={id} /> },
  { path: "/vendor/agreements/:id", render: ({ id }) => <SupportAgreements partnerId={id} /> },
];
