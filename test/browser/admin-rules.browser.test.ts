import path from "node:path";
import { z } from "zod";
import { SCREENSHOTS } from "../support/browser";
import { expectNoSeriousViolations } from "../support/axe";
import { openRecordedPage, signInOnConsole, useBrowserApp } from "../support/browser-app";

// Real Chromium on a 2-core machine beside other suites: give each test room.
jest.setTimeout(120_000);

const NOW = "2026-03-02T10:00:00+09:00";
const ADMIN = { username: "admin.rules", password: "a long admin passphrase" };
/** Made-up figures, clearly test data: not the real 2027 기준 중위소득. */
const TEST_TABLE_2027 = ["2700000", "4400000", "5600000", "6800000", "7900000", "8900000"];
const env = useBrowserApp({ name: "rules", now: NOW, users: [{ ...ADMIN, role: "admin" }] });

/** Whether a single person earning 850,000 a month is told about 생계급여 on 2027-01-01. */
async function subsistenceIn2027(): Promise<boolean> {
  const res = await fetch(`${env.baseUrl}/api/triage/evaluate?asOf=2027-01-01`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ householdSize: 1, monthlyIncomeKrw: 850_000 }) });
  const body = z.object({ recommendations: z.array(z.object({ service: z.string(), reasons: z.array(z.string()) })) }).parse(await res.json());
  return (body.recommendations.find((r) => r.service === "basic_livelihood")?.reasons ?? []).some((text) => text.includes("생계급여"));
}

describe("the rule parameters page in Chromium", () => {
  it("when an admin adds a 2027 median-income table, then it is saved and scored from 2027; a value breaking a rule case shows the case", async () => {
    const { context, page, problems } = await openRecordedPage(env.browser(), NOW);
    const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `admin-rules-${name}.png`), fullPage: true });
    try {
      await signInOnConsole(page, env.baseUrl, ADMIN);

      await page.goto(`${env.baseUrl}/admin/rules.html`);
      const medianRow = page.locator('tr[data-param="median_income.monthly"]');
      await medianRow.waitFor();
      await expect(page.locator("#rules-version").innerText()).resolves.toContain("배포된 값만");
      await expect(medianRow.innerText()).resolves.toContain("2026-01-01부터");
      await expectNoSeriousViolations(page, "rules page 1");
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
      await expectNoSeriousViolations(page, "rules page 2");
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
      await expectNoSeriousViolations(page, "rules page 3");
      await shot("02-refused");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
