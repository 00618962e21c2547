import { toCsv } from "../src/entry/audit-csv";
import type { AuditEntry } from "../src/entry/audit-entry.entity";

const entry = (summary: string): AuditEntry => ({
  id: "e1",
  at: new Date("2026-11-27T01:00:00.000Z"),
  action: "contact.name",
  summary,
  requestId: null,
  actorId: "USR-1",
  actorOrganizationId: "ORG-A",
  actingOrganizationId: "ORG-A",
  viaAdministratorGrant: true,
  grantId: "AGR-1",
  targetOrganizationId: "ORG-A",
  subjectType: "Contact",
  subjectId: "CNT-1",
});

describe("the audit CSV", () => {
  it("quotes commas, quotes and line breaks, and defuses what a spreadsheet would run as a formula", () => {
    const csv = toCsv([entry('Named "Ann, Lee"\nas contact'), entry("=HYPERLINK(1)"), entry("-1+1")]);
    const lines = csv.split("\r\n");
    expect(lines[1]).toBe(
      '2026-11-27T01:00:00.000Z,contact.name,"Named ""Ann, Lee""\nas contact",USR-1,ORG-A,true,ORG-A,Contact,CNT-1,,AGR-1',
    );
    expect(csv).toContain(",'=HYPERLINK(1),USR-1,");
    expect(csv).toContain(",'-1+1,USR-1,ORG-A,true,ORG-A,Contact,CNT-1,,AGR-1\r\n");
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});
