/** What the portal server says about sign-in (scripts/src/portal/server.ts `portalSettings`). */
export type PortalSettings =
  | { signIn: "development"; demoPeople: string[]; vendorOrganizationId: string }
  | {
      signIn: "oidc";
      oidc: { issuer: string; clientId: string; scope: string } | null;
      vendorOrganizationId: string;
    };

let loaded: Promise<PortalSettings> | null = null;

export function portalSettings(): Promise<PortalSettings> {
  loaded ??= fetch("/portal/settings").then((response) => {
    if (!response.ok) throw new Error(`The portal server answered ${response.status}`);
    return response.json() as Promise<PortalSettings>;
  });
  return loaded;
}
