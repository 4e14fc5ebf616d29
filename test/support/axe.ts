import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { z } from "zod";

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const violationsSchema = z.array(z.object({ id: z.string(), impact: z.string().nullable().optional(), help: z.string(), targets: z.array(z.string()) }));

/**
 * Runs axe-core in the page and expects no serious or critical violation; every violation found
 * is logged with `where`. The pages' CSP rightly refuses an injected <script> (addScriptTag), so
 * axe is evaluated through DevTools instead.
 */
export async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const raw: unknown = await page.evaluate(
    "axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target)) })))",
  );
  const violations = violationsSchema.parse(raw);
  if (violations.length > 0) console.log(`axe (${where}):`, JSON.stringify(violations));
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
}
