import { Page } from "@playwright/test";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

/** axe-core injected into the page (its Playwright wrapper needs a newer Node than the project's). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical accessibility violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // The page settled first: a run the app re-renders under can end without ever answering.
  await page.waitForLoadState("networkidle");
  // Once per document: the app changes pages without reloading, and a second copy of axe does not run.
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  let violations: Violation[] | null = null;
  for (let attempt = 0; attempt < 3 && !violations; attempt++) {
    violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> } }
      ).axe;
      const run = axe
        .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })
        .then((result) => result.violations);
      return Promise.race([run, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
    });
  }
  if (!violations) throw new Error("axe did not answer in three runs of 20 s");
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
