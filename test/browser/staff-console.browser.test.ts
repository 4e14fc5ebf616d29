import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import type { UserInput } from "../../bot/nodes/answer";
import type { Turn } from "../../bot/contract/turn-schema";
import { turnSchema } from "../../bot/contract/turn-schema";
import { createStaffUser } from "../../server/staff/auth/staff-auth";
import { writeTestSchedule } from "../support/booking-schedule";
import { walkInputs } from "../support/flow-harness";
import { TYPED_CARD_DEBTOR } from "../support/staff-fixtures";
import { launchChromium, listenOnLoopback } from "../support/browser";
import { openRecordedPage } from "../support/browser-app";
import { buildTestApp } from "../support/test-app";

// Real Chromium on a 2-core machine beside other suites: give each test room.
jest.setTimeout(120_000);

/** Debian's Chromium with the flags of stack.md §6; never a downloaded browser. */
const ARTIFACTS = path.resolve(__dirname, "../../artifacts");
const SCREENSHOTS = path.join(ARTIFACTS, "screenshots");
const TIMEOUT = 90_000;
/** Thursday 2026-12-03, 09:30 in Seoul: today's afternoon is open. */
const NOW = "2026-12-03T09:30:00+09:00";
const STAFF = { username: "counsellor.kim", password: "a long staff passphrase" };
const ADMIN = { username: "admin.park", password: "a long admin passphrase" };

const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-browser-console-"));
const schedule = writeTestSchedule(2);
// Three active bookings from one source are a flood here: the first test makes them from loopback.
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir, SCHEDULE_FILE: schedule.file, REMINDERS_ENABLED: "false", FLOOD_BOOKINGS_PER_SOURCE: "3" }, now: NOW });
let server: Server | undefined;
let browser: Browser | undefined;
let baseUrl = "";

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ({ server, baseUrl } = await listenOnLoopback(app));
  await createStaffUser(runtime.deps.staffAuth.users, { ...STAFF, role: "staff" }, new Date(NOW));
  await createStaffUser(runtime.deps.staffAuth.users, { ...ADMIN, role: "admin" }, new Date(NOW));
  browser = await launchChromium();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await runtime.close();
  schedule.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A resident in danger: a card debt and a loan shark who threatens and calls family at night
 * (500,000 won received, 800,000 won due in 7 days). The other questions get "no" or "none".
 */
const ANSWERS: Record<string, UserInput> = {
  consent: { optionId: "agree" }, has_debt: { optionId: "yes" }, total_debt: { text: "2500만원" }, creditor_types: { optionId: "card,unregistered_lender" },
  illegal_threats: { optionId: "yes" }, illegal_registered: { optionId: "no" }, illegal_terms_gate: { optionId: "yes" },
  illegal_received: { text: "50만원" }, illegal_repay: { text: "80만원" }, illegal_days: { text: "7일" },
  illegal_contacts_taken: { optionId: "yes" }, illegal_family_work: { optionId: "yes" }, illegal_night: { optionId: "yes" }, illegal_contacts_7d: { text: "40" },
  overdue_days: { text: "45일" }, household_size: { text: "2명" }, monthly_income: { text: "250만원" }, own_income: { text: "3000만원" },
  cover_living: { optionId: "yes" }, employment: { optionId: "employed" }, employed_months: { text: "2년" }, age: { text: "45" }, gyeonggi_resident: { optionId: "yes" },
};

async function post(url: string, body: UserInput): Promise<Turn> {
  const res = await fetch(`${baseUrl}${url}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const data: unknown = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(data)}`);
  const turn = typeof data === "object" && data !== null && "turn" in data ? data.turn : undefined;
  return turnSchema.parse(turn);
}

/**
 * A consented triage with `answers` and a booking at `time` on `day` (Seoul), through the web chat
 * API, as a resident would make it; returns the booking code. The resident answers on through the
 * questions left for after the first result ("몇 가지 더 답하기"), so the summary holds every answer.
 */
async function bookWithIntake(answers: Readonly<Record<string, UserInput>>, day: string, time: string): Promise<string> {
  const created = await fetch(`${baseUrl}/api/chat/sessions`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ lang: "ko" }) });
  const body: unknown = await created.json();
  const sessionId = typeof body === "object" && body !== null && "sessionId" in body ? String(body.sessionId) : "";
  const send = (input: UserInput) => post(`/api/chat/sessions/${sessionId}/messages`, input);
  for (const input of walkInputs(answers, { now: NOW, refine: true })) await send(input);
  const specialties = await send({ optionId: "booking:start" });
  const specialty = specialties.options.map((o) => o.id).find((id) => id.startsWith("booking:specialty:")) ?? "";
  await send({ optionId: specialty });
  const times = await send({ optionId: `booking:day:${day}` });
  const slot = times.options.map((o) => o.id).find((id) => id.startsWith("booking:time:") && id.endsWith(`T${time}+09:00`));
  if (!slot) throw new Error(`no ${time} on ${day}; offered ${times.options.map((o) => o.id).join(", ")}`);
  await send({ optionId: slot });
  await send({ text: "홍길동" });
  await send({ text: "010-1234-5678" });
  const booked = await send({ optionId: "booking:confirm" });
  const code = booked.booking?.code;
  if (!code) throw new Error("the booking did not confirm");
  return code;
}

/** Pages in a PDF that Chromium wrote: one `/Type /Page` object per page (and one `/Pages`). */
const pdfPageCount = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

/** A4 less the 12 mm margins of the print stylesheet, in CSS pixels (96 per inch). */
const A4_CONTENT = { width: Math.round((186 / 25.4) * 96), height: Math.round((273 / 25.4) * 96) };

/**
 * Prints the open summary as Chromium prints it: the smallest font size (in points) of any text
 * the print stylesheet shows, the pages of the A4 PDF, and the PDF and a PNG of the print layout
 * (at the A4 text width) kept under `artifacts/`.
 */
async function printSummary(page: Page, name: string): Promise<{ pages: number; smallestPt: number; smallestAt: string }> {
  await page.emulateMedia({ media: "print" });
  const smallest = await page.evaluate(() => {
    let px = Number.POSITIVE_INFINITY;
    let at = "";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim() || parent.getClientRects().length === 0) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === "hidden") continue;
      const size = Number.parseFloat(style.fontSize);
      if (size < px) [px, at] = [size, `${parent.tagName.toLowerCase()}.${parent.className}: ${node.textContent.trim().slice(0, 30)}`];
    }
    return { pt: (px * 72) / 96, at };
  });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  writeFileSync(path.join(ARTIFACTS, `${name}.pdf`), pdf);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: A4_CONTENT.width, height: A4_CONTENT.height });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ media: "screen" });
  return { pages: pdfPageCount(pdf), smallestPt: Math.round(smallest.pt * 100) / 100, smallestAt: smallest.at };
}

describe("the staff console in Chromium", () => {
  it("when a counsellor signs in, then today's list shows the booking, its summary opens with urgent items first, arrival is marked at once, a note is saved, and the long summary prints on at most two A4 pages at 9 pt or more", async () => {
    if (!browser) throw new Error("the browser did not start");
    const code = await bookWithIntake(ANSWERS, "2026-12-03", "14:00");
    for (const [i, time] of ["15:00", "16:00"].entries()) {
      const res = await fetch(`${baseUrl}/api/bookings`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ slotId: `debt@2026-12-03T${time}+09:00`, name: `같은 곳 ${i}`, phone: `010-9000-100${i}`, consent: true }),
      });
      expect(res.status).toBe(201);
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ko-KR", timezoneId: "Asia/Seoul" });
    await context.clock.setFixedTime(new Date(NOW));
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `console-${name}.png`), fullPage: true });
    try {
      await page.goto(`${baseUrl}/console/`);
      await page.locator("#username").fill(STAFF.username);
      await page.locator("#password").fill(STAFF.password);
      await shot("00-login");
      await page.locator("#login-form button[type=submit]").click();

      const row = page.locator(`#appointments tr[data-code="${code}"]`);
      await row.waitFor();
      await expect(page.locator("#appointments tbody[data-day='2026-12-03'] .day-row").innerText()).resolves.toContain("12월 3일");
      await expect(row.locator("th").innerText()).resolves.toMatch(/^14:00/);
      await expect(row.innerText()).resolves.toContain("홍길동");
      await expect(row.innerText()).resolves.toContain("010-****-5678");
      expect(await row.locator(".flag").count()).toBeGreaterThan(0);
      // Booked in the chat, where no code proved the phone: staff are told to check it.
      await expect(row.locator(".mark-phone").innerText()).resolves.toBe("번호 미확인");
      // Three bookings from this one address (a keyed hash of it): staff see the flood.
      await expect(row.locator(".flag-flood").innerText()).resolves.toBe("같은 곳 3건");
      await expect(page.locator("#who").innerText()).resolves.toContain(STAFF.username);
      await shot("01-today");

      await row.locator("a.open-link").click();
      await page.locator("#summary-body .section-urgent").waitFor();
      await expect(page.locator("#summary-heading").innerText()).resolves.toContain("홍길동");
      const order = await page.locator("#summary-body > section").evaluateAll((nodes) => nodes.map((n) => n.className));
      expect(order[0]).toContain("section-urgent");
      expect(order[1]).toContain("section-recommendations");
      expect(order.at(-1)).toContain("section-answers");
      const urgent = await page.locator(".section-urgent").innerText();
      expect(urgent).toMatch(/%/);
      expect(urgent).toMatch(/협박/);
      expect(await page.locator(".section-recommendations .service").count()).toBeGreaterThan(0);
      expect(await page.locator(".section-answers tbody tr").count()).toBeGreaterThan(10);
      await shot("02-summary");

      // Today's booking: "도착" marks at once, with no question.
      await page.locator('.action-buttons [data-status="arrived"]').click();
      await page.locator("#booking-status.status-arrived").waitFor();
      expect(await page.locator("#confirm").evaluate((dialog: HTMLDialogElement) => dialog.open)).toBe(false);
      await expect(page.locator("#action-status").innerText()).resolves.toContain("도착");

      await page.locator("#note-text").fill("신분증 확인. 가족 동반 방문.");
      await page.locator("#note-form button[type=submit]").click();
      await page.locator("#notes-list .note").waitFor();
      await expect(page.locator("#notes-list").innerText()).resolves.toContain(STAFF.username);
      await shot("03-arrived-note");

      await page.reload();
      await page.locator("#booking-status.status-arrived").waitFor();

      // Nine services, the illegal loan's answers and three urgent notices: a second page
      // is allowed, small type is not.
      const printed = await printSummary(page, "console-print-long");
      console.log(`long summary print: ${printed.pages} page(s), smallest font ${printed.smallestPt} pt (${printed.smallestAt})`);
      expect(printed.smallestPt).toBeGreaterThanOrEqual(9);
      expect(printed.pages).toBeLessThanOrEqual(2);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, TIMEOUT);

  it("when a card debtor's summary for tomorrow is opened, then every answer reads with its label and unit, '도착' asks first, and it prints on one A4 page at 9 pt or more", async () => {
    if (!browser) throw new Error("the browser did not start");
    const code = await bookWithIntake(TYPED_CARD_DEBTOR, "2026-12-04", "10:00");
    // A native confirm() would be recorded as a problem: the question must be the page's own dialog.
    const { context, page, problems } = await openRecordedPage(browser, NOW);
    try {
      await page.goto(`${baseUrl}/console/#/booking/${code}`);
      await page.locator("#username").fill(STAFF.username);
      await page.locator("#password").fill(STAFF.password);
      await page.locator("#login-form button[type=submit]").click();
      await page.locator("#summary-body .section-answers").waitFor();

      const answer = (label: string) => page.locator(".section-answers tbody tr").filter({ has: page.locator(".answer-label", { hasText: new RegExp(`^${label}$`) }) }).locator(".answer-text");
      await expect(answer("빚 합계").innerText()).resolves.toBe("2,500만원");
      await expect(answer("연체 기간").innerText()).resolves.toBe("90일 (약 3개월)");
      await expect(answer("가구원").innerText()).resolves.toBe("4명");
      await expect(answer("최근 6개월 새 빚").innerText()).resolves.toBe("모름");
      await expect(answer("빌린 곳").innerText()).resolves.toBe("은행, 카드·카드론");
      await expect(page.locator(".section-answers .not-asked").innerText()).resolves.toMatch(/^묻지 않음\(해당 없음\)\s*협박·폭력/);
      const shown = await page.locator("#summary-body").innerText();
      expect(shown).not.toMatch(/\b(none|true|false|null|employed)\b|답 없음/);
      // The top services with their reasons, what to bring once, the others by name.
      expect(await page.locator(".section-recommendations .service").count()).toBe(3);
      await expect(page.locator(".section-recommendations .documents").innerText()).resolves.toMatch(/^가져올 서류\s*신분증/);
      await page.screenshot({ path: path.join(SCREENSHOTS, "console-06-card-debtor.png"), fullPage: true });

      // Tomorrow's booking: "도착" asks first, in the page's own dialog; "아니요" changes nothing.
      const arrived = page.locator('.action-buttons [data-status="arrived"]');
      await arrived.click();
      const dialog = page.locator("dialog#confirm[open]");
      await dialog.waitFor();
      await expect(page.locator("#confirm-text").innerText()).resolves.toContain("오늘이 아니에요 (예약: 2026. 12. 4. 10:00)");
      await page.screenshot({ path: path.join(SCREENSHOTS, "console-07-arrive-other-day.png") });
      await dialog.locator('button[value="no"]').click();
      await expect(page.locator("#booking-status").getAttribute("class")).resolves.toContain("status-confirmed");
      expect((await runtime.deps.bookings.findByCode(code))?.status).toBe("confirmed");
      await arrived.click();
      await dialog.locator('button[value="yes"]').click();
      await page.locator("#booking-status.status-arrived").waitFor();
      expect((await runtime.deps.bookings.findByCode(code))?.status).toBe("arrived");

      const printed = await printSummary(page, "console-print-card-debtor");
      console.log(`card debtor summary print: ${printed.pages} page(s), smallest font ${printed.smallestPt} pt (${printed.smallestAt})`);
      expect(printed.smallestPt).toBeGreaterThanOrEqual(9);
      expect(printed.pages).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, TIMEOUT);

  it("when an admin opens analytics after a few conversations, then the funnel shows the counts as bars and in a table; staff see no link", async () => {
    if (!browser) throw new Error("the browser did not start");
    for (const answers of [[], [{ optionId: "agree" }], [{ optionId: "agree" }, { optionId: "no" }]]) {
      const created = await fetch(`${baseUrl}/api/chat/sessions`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ lang: "ko" }) });
      const body: unknown = await created.json();
      const sessionId = typeof body === "object" && body !== null && "sessionId" in body ? String(body.sessionId) : "";
      for (const input of answers) await post(`/api/chat/sessions/${sessionId}/messages`, input);
    }
    const counts = await runtime.deps.flowAnalytics.store.read("default", 1);
    const started = counts.started ?? 0;
    expect(started).toBeGreaterThanOrEqual(3);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ko-KR", timezoneId: "Asia/Seoul" });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    const signIn = async (user: { username: string; password: string }) => {
      await page.goto(`${baseUrl}/console/`);
      await page.locator("#username").fill(user.username);
      await page.locator("#password").fill(user.password);
      await page.locator("#login-form button[type=submit]").click();
      await page.locator("#who").waitFor();
    };
    try {
      await signIn(STAFF);
      await page.locator("#list-view").waitFor();
      expect(await page.locator("#analytics-link").isVisible()).toBe(false);
      await page.locator("#logout").click();
      await page.locator("#login-view").waitFor();

      await signIn(ADMIN);
      await page.locator("#analytics-link").click();
      await page.locator("#funnel-table tbody tr").first().waitFor();
      await expect(page.locator("#analytics-version").inputValue()).resolves.toBe("1");
      const rows = page.locator("#funnel-table tbody tr");
      await expect(rows.first().innerText()).resolves.toMatch(new RegExp(`대화 시작\\s+${started}\\s+100%`));
      const safety = rows.filter({ hasText: "safety_check" });
      await expect(safety.locator("td").first().innerText()).resolves.toBe(String(counts["reached:safety_check"] ?? 0));
      await expect(rows.last().innerText()).resolves.toContain("센터 방문");

      const bars = page.locator("#funnel-chart .funnel-row");
      expect(await bars.count()).toBe(await rows.count());
      const widths = await page.locator("#funnel-chart .funnel-fill").evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().width));
      const track = await page.locator("#funnel-chart .funnel-bar").first().evaluate((n) => n.getBoundingClientRect().width);
      expect(widths[0]).toBeCloseTo(track, 0);
      const consentShare = (counts["reached:consent"] ?? 0) / started;
      expect((widths[1] ?? 0) / track).toBeCloseTo(consentShare, 1);
      await expect(page.locator("#funnel-chart .funnel-value").first().innerText()).resolves.toBe(String(started));
      expect(await page.locator("#analytics-unavailable").isVisible()).toBe(false);
      await page.screenshot({ path: path.join(SCREENSHOTS, "console-05-analytics.png"), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, TIMEOUT);
});
