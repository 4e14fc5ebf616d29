import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { z } from "zod";
import { createStaffUser } from "../../server/staff/auth/staff-auth";
import { SCREENSHOTS, launchChromium, listenOnLoopback } from "../support/browser";
import { buildTestApp } from "../support/test-app";

// Real Chromium on a 2-core machine beside other suites: give each test room.
jest.setTimeout(120_000);

const NOW = "2026-03-02T10:00:00+09:00";
const ADMIN = { username: "admin.rules", password: "a long admin passphrase" };
/** Made-up figures, clearly test data: not the real 2027 기준 중위소득. */
const TEST_TABLE_2027 = ["2700000", "4400000", "5600000", "6800000", "7900000", "8900000"];
const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-browser-rules-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir, REMINDERS_ENABLED: "false" }, now: NOW });
let server: Server | undefined;
let browser: Browser | undefined;
let baseUrl = "";

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ({ server, baseUrl } = await listenOnLoopback(app));
  await createStaffUser(runtime.deps.staffAuth.users, { ...ADMIN, role: "admin" }, new Date(NOW));
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const violationsSchema = z.array(z.object({ id: z.string(), impact: z.string().nullable().optional(), targets: z.array(z.string()) }));

/** axe-core through DevTools (the page's CSP refuses an injected script): serious and critical violations only. */
async function seriousViolations(page: Page) {
  await page.evaluate(AXE_SOURCE);
  const raw: unknown = await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => String(n.target)) })))");
  return violationsSchema.parse(raw).filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Whether a single person earning 850,000 a month is told about 생계급여 on 2027-01-01. */
async function subsistenceIn2027(): Promise<boolean> {
  const res = await fetch(`${baseUrl}/api/triage/evaluate?asOf=2027-01-01`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ householdSize: 1, monthlyIncomeKrw: 850_000 }) });
  const body = z.object({ recommendations: z.array(z.object({ service: z.string(), reasons: z.array(z.string()) })) }).parse(await res.json());
  return (body.recommendations.find((r) => r.service === "basic_livelihood")?.reasons ?? []).some((text) => text.includes("생계급여"));
}

describe("the rule parameters page in Chromium", () => {
  it("when an admin adds a 2027 median-income table, then it is saved and scored from 2027; a value breaking a rule case shows the case", async () => {
    if (!browser) throw new Error("the browser did not start");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ko-KR", timezoneId: "Asia/Seoul" });
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `admin-rules-${name}.png`), fullPage: true });
    try {
      await page.goto(`${baseUrl}/console/`);
      await page.locator("#username").fill(ADMIN.username);
      await page.locator("#password").fill(ADMIN.password);
      await page.locator("#login-form button[type=submit]").click();
      await page.locator("#list-view").waitFor();

      await page.goto(`${baseUrl}/admin/rules.html`);
      const medianRow = page.locator('tr[data-param="median_income.monthly"]');
      await medianRow.waitFor();
      await expect(page.locator("#rules-version").innerText()).resolves.toContain("배포된 값만");
      await expect(medianRow.innerText()).resolves.toContain("2026-01-01부터");
      expect(await seriousViolations(page)).toEqual([]);
      await shot("00-loaded");

      await medianRow.getByRole("button").click();
      await expect(page.locator("#detail-heading").innerText()).resolves.toBe("median_income.monthly");
      await expect(page.getByLabel("1인 가구").inputValue()).resolves.toBe("2564238");
      await page.locator("#add-date").fill("2027-01-01");
      for (const [i, amount] of TEST_TABLE_2027.entries()) await page.getByLabel(`${i + 1}인 가구`, { exact: true }).fill(amount);
      await page.locator("#add-source").fill("TEST DATA, not the published 2027 table");
      await page.locator("#add-button").click();
      await page.locator('#value-rows tr[data-effective-from="2027-01-01"]').waitFor();
      await expect(page.locator("#page-status").innerText()).resolves.toContain("버전 1");
      await expect(page.locator('#value-rows tr[data-effective-from="2027-01-01"]').innerText()).resolves.toContain("2,700,000");
      await expect(page.locator("#rules-history").innerText()).resolves.toContain("버전 1");
      expect(await subsistenceIn2027()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await shot("01-saved");
      await page.locator("#param-detail").screenshot({ path: path.join(SCREENSHOTS, "admin-rules-01-detail.png") });

      await page.locator("#param-filter").fill("applications_until");
      await page.locator('tr[data-param="fresh_start_fund.applications_until"]').getByRole("button").click();
      await page.locator("#add-date").fill("2026-06-01");
      await page.locator("#add-value-input").fill("2027-12-31");
      await page.locator("#add-source").fill("TEST DATA");
      await page.locator("#add-button").click();
      await page.locator("#value-problems li").first().waitFor();
      await expect(page.locator("#value-problems").innerText()).resolves.toContain("rule-cases/debt.cases.yaml#when a closed small business asks on 2027-01-01");
      await expect(page.locator("#rules-version").innerText()).resolves.toContain("버전 1");
      expect(await seriousViolations(page)).toEqual([]);
      await shot("02-refused");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
