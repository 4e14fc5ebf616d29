import path from "node:path";
import { z } from "zod";
import { loadSchedule } from "../../flows/load-schedule";
import { toScheduleYaml } from "../../server/schedule-admin/live-schedule";
import { THURSDAY_MORNING } from "../support/booking-schedule";
import { SCREENSHOTS } from "../support/browser";
import { expectNoSeriousViolations } from "../support/axe";
import { openRecordedPage, signInOnConsole, useBrowserApp } from "../support/browser-app";

// Real Chromium on a 2-core machine beside other suites: give each test room.
jest.setTimeout(120_000);

const NOW = THURSDAY_MORNING;
const ADMIN = { username: "admin.park", password: "a long admin passphrase" };
const env = useBrowserApp({ name: "schedule", now: NOW, users: [{ ...ADMIN, role: "admin" }] });

async function fridaySlots(): Promise<number> {
  const res = await fetch(`${env.baseUrl}/api/slots?specialty=debt&from=2026-12-04&days=1`);
  return z.object({ slots: z.array(z.unknown()) }).parse(await res.json()).slots.length;
}

describe("the schedule page in Chromium", () => {
  it("when an admin adds a closure and saves, then the affected booking is shown for confirmation first, declining publishes nothing, confirming publishes; an overlapping interval is refused beside its field; another admin's save in between is a conflict; the shipped file can be restored", async () => {
    const booked = await fetch(`${env.baseUrl}/api/bookings`, { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ slotId: "debt@2026-12-04T10:00+09:00", name: "김하나", phone: "010-6666-1001", consent: true }) });
    const code = z.object({ booking: z.object({ code: z.string() }) }).parse(await booked.json()).booking.code;

    const { context, page, problems } = await openRecordedPage(env.browser(), NOW);
    const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `admin-schedule-${name}.png`), fullPage: true });
    try {
      await signInOnConsole(page, env.baseUrl, ADMIN);

      await page.goto(`${env.baseUrl}/admin/schedule.html`);
      await page.locator('input[data-path="specialties.debt.counsellors"]').waitFor();
      await expect(page.locator("#schedule-version").innerText()).resolves.toContain("기본 일정");
      await expect(page.getByLabel("월요일 1번째 시간대 시작").inputValue()).resolves.toBe("09:00");
      await expectNoSeriousViolations(page, "schedule page 1");
      await shot("00-loaded");

      await page.locator('button[data-add="closure"]').click();
      await page.locator('input[data-path="closures.0.date"]').fill("2026-12-04");
      await page.locator('input[data-path="closures.0.reason"]').fill("직원 교육");
      await page.locator("#save-note").fill("staff training");
      await page.locator("#save-button").click();
      // The dry run lists the booking before anything is published, and asks.
      await page.locator("dialog.confirm").waitFor();
      await expect(page.locator("#schedule-warnings").innerText()).resolves.toContain(code);
      await expect(page.locator("#schedule-warnings").innerText()).resolves.toContain("저장하면");
      await shot("01-confirm");
      await page.locator('dialog.confirm button[value="no"]').click();
      await page.locator("#page-status", { hasText: "저장하지 않았어요" }).waitFor();
      await expect(page.locator("#schedule-version").innerText()).resolves.toContain("기본 일정");
      expect(await fridaySlots()).toBeGreaterThan(0);
      expect(env.runtime.deps.scheduleAdmin.document.version()).toBeUndefined();

      await page.locator("#save-button").click();
      await page.locator("#confirm-yes").click();
      await page.locator("#page-status", { hasText: "버전 1" }).waitFor();
      await page.locator("#schedule-warnings li").waitFor();
      await expect(page.locator("#page-status").innerText()).resolves.toContain("버전 1");
      await expect(page.locator("#schedule-warnings").innerText()).resolves.toContain(code);
      await expect(page.locator("#schedule-warnings").innerText()).resolves.not.toContain("김하나");
      await expect(page.locator("#schedule-history").innerText()).resolves.toContain("staff training");
      expect(await fridaySlots()).toBe(0);
      await shot("01-saved");

      await page.locator('button[data-add="hours-mon"]').click();
      await page.locator('input[data-path="weeklyHours.mon.2.from"]').fill("11:00");
      await page.locator('input[data-path="weeklyHours.mon.2.to"]').fill("14:00");
      await page.locator("#save-button").click();
      const overlapping = page.locator('input[data-path="weeklyHours.mon.2.from"]');
      await page.locator(".field-problem").first().waitFor();
      await expect(overlapping.getAttribute("aria-invalid")).resolves.toBe("true");
      const describedBy = (await overlapping.getAttribute("aria-describedby")) ?? "";
      await expect(page.locator(`[id="${describedBy.split(" ").at(-1) ?? ""}"]`).innerText()).resolves.toContain("overlaps");
      await expect(page.locator("#schedule-problems").isVisible()).resolves.toBe(true);
      await expect(page.locator("#schedule-version").innerText()).resolves.toContain("버전 1");
      await expectNoSeriousViolations(page, "schedule page 2");
      await shot("02-problem");

      // Another admin publishes while this page still shows version 1: saving is refused, not overwritten.
      await page.reload();
      await page.locator('input[data-path="specialties.debt.counsellors"]').waitFor();
      await env.runtime.deps.scheduleAdmin.document.publish({ yaml: toScheduleYaml(loadSchedule()), createdBy: "other.admin", createdAt: new Date(NOW).toISOString(), note: "meanwhile" });
      await page.locator('input[data-path="specialties.debt.counsellors"]').fill("3");
      await page.locator("#save-button").click();
      await page.locator("#confirm-yes").click(); // the Friday booking is still under version 1's closure
      await page.locator("#page-status", { hasText: "다른 관리자" }).waitFor();
      expect(env.runtime.deps.scheduleAdmin.document.version()).toBe(2);
      expect(env.runtime.deps.scheduleAdmin.document.current().specialties.debt.counsellors).toBe(2);
      await shot("03-conflict");

      // The history ends with the shipped file, which can be restored as a new version.
      await page.reload();
      await page.locator("#restore-shipped").click();
      await page.locator("#confirm-yes").click();
      await page.locator("#page-status", { hasText: "기본 일정으로 되돌렸어요" }).waitFor();
      await expect(page.locator("#schedule-version").innerText()).resolves.toContain("버전 3");
      await expect(page.locator("#schedule-history").innerText()).resolves.toContain("기본 일정 (배포된 파일)");
      expect(env.runtime.deps.scheduleAdmin.document.current()).toEqual(loadSchedule());
      await expectNoSeriousViolations(page, "schedule page 3");
      await shot("04-restored");
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
