/**
 * Support speaks service codes (SDWAN); identity records certifications by the catalog's product
 * name ("SD-WAN Orchestrator"). The catalog is the entitlements subgraph's (service/catalog.ts),
 * which support may not import: this is its code → name part, for checking named contacts.
 * A code missing here is refused, never waved through: add it when the catalog grows.
 */
export const CERTIFIABLE_PRODUCTS: Readonly<Record<string, string>> = {
  SDWAN: "SD-WAN Orchestrator",
  VAD: "Virtual Apps and Desktops",
  SPA: "Secure Private Access",
  ANALYTICS: "Analytics",
  ENDPOINT: "Endpoint Management",
  WORKSPACE: "Workspace",
  CONTENT: "Content Collaboration",
};

const normal = (name: string) => name.trim().toLowerCase();

/** The catalog name of a certifiable service code; undefined for any other code. */
export const productName = (code: string): string | undefined =>
  Object.hasOwn(CERTIFIABLE_PRODUCTS, code) ? CERTIFIABLE_PRODUCTS[code] : undefined;

/** The stated codes that no current certification (by product name) covers; [] when all are covered. */
export function uncertifiedCodes(codes: string[], certifiedProductNames: string[]): string[] {
  const held = new Set(certifiedProductNames.map(normal));
  return codes.filter((code) => {
    const name = productName(code);
    return !name || !held.has(normal(name));
  });
}
