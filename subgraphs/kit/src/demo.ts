/**
 * The demo directory of ../shared/contract/demo.md: fixed ids that every subgraph's demo seed
 * refers to, so the seeds agree without reading each other's tables. Demo data only.
 */
export const DEMO = {
  organizations: {
    vendor: "ORG-VENDOR0001",
    northwind: "ORG-NRTHWND001",
    contoso: "ORG-CNTS000001",
    fabrikam: "ORG-FBRKM00001",
    adatum: "ORG-ADTM000001",
    litware: "ORG-LTWR000001",
    tailspin: "ORG-TLSPN00001",
  },
  users: {
    ops: { id: "USR-DEMO000OPS", email: "ops@vendor.example" },
    alice: { id: "USR-DEMO00ALCE", email: "alice@northwind.example" },
    nick: { id: "USR-DEMO00NICK", email: "nick@northwind.example" },
    bob: { id: "USR-DEMO000BOB", email: "bob@contoso.example" },
    frank: { id: "USR-DEMO00FRNK", email: "frank@fabrikam.example" },
    carol: { id: "USR-DEMO00CRL0", email: "carol@adatum.example" },
    dave: { id: "USR-DEMO00DAVE", email: "dave@litware.example" },
    erin: { id: "USR-DEMO00ERN0", email: "erin@tailspin.example" },
  },
} as const;

/** The subject a development token carries for an email (`npm run token -- EMAIL`). */
export function devSubject(email: string): string {
  return `dev|${email.trim().toLowerCase()}`;
}
