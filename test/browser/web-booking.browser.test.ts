import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../support/flow-harness";
import { SCREENSHOTS, launchChromium, listenOnLoopback } from "../support/browser";
import { buildTestApp } from "../support/test-app";

// Real Chromium on a 2-core machine beside other suites: give each test room.
jest.setTimeout(120_000);

/** Debian's Chromium with the flags of stack.md §6; never a downloaded browser. */
const TIMEOUT = 60_000;
/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";

const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-browser-booking-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir }, now: NOW });
let server: Server | undefined;
let browser: Browser | undefined;
let baseUrl = "";

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  ({ server, baseUrl } = await listenOnLoopback(app));
  browser = await launchChromium();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
});


/** Finishes a triage through the chat API (the page's own walk is the other browser test's). */
async function finishedSession(): Promise<string> {
  const post = async (url: string, body: object) => {
    const res = await fetch(`${baseUrl}${url}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return res.json();
  };
  const created: unknown = await post("/api/chat/sessions", { lang: "ko" });
  const sessionId = typeof created === "object" && created !== null && "sessionId" in created ? String(created.sessionId) : "";
  for (const input of walkInputs(CARD_DEBTOR_ANSWERS, { now: NOW })) await post(`/api/chat/sessions/${sessionId}/messages`, input);
  return sessionId;
}

async function settled(page: Page): Promise<void> {
  await page.waitForSelector('#main[aria-busy="false"]', { state: "attached" });
}

/** Taps an option (or submits the answer box) and waits until the bot has answered. */
async function act(page: Page, what: { tap: string } | { type: string }): Promise<void> {
  const bubbles = await page.locator("#log .bubble-bot").count();
  if ("tap" in what) await page.locator(`#choices [data-option-id="${what.tap}"]`).tap();
  else {
    await page.locator("#answer").fill(what.type);
    await page.locator("#answer").press("Enter");
  }
  await page.waitForFunction((n) => document.querySelectorAll("#log .bubble-bot").length > n, bubbles);
  await settled(page);
}

const lastBot = (page: Page) => page.locator("#log .bubble-bot .bubble-text").last().innerText();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

describe("booking from the web chat in Chromium at 360 px", () => {
  it("when a resident books after the result, then days and times are buttons, the card shows the code and place, and the calendar file downloads", async () => {
    if (!browser) throw new Error("the browser did not start");
    const sessionId = await finishedSession();
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "ko-KR", acceptDownloads: true });
    const page = await context.newPage();
    const cspErrors: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
    try {
      // The finished session is in storage before any page script runs: setting it after a first
      // load raced with the page saving the fresh session it starts on its own.
      await context.addInitScript((stored) => localStorage.setItem("hanbeon.session", stored), JSON.stringify({ id: sessionId, lang: "ko" }));
      await page.goto(baseUrl);
      await settled(page);
      await expect(page.locator('#choices [data-option-id="booking:start"]').innerText()).resolves.toContain("상담 예약하기");

      await act(page, { tap: "booking:start" });
      expect(await lastBot(page)).toContain("가장 잘 맞아요");
      await act(page, { tap: "booking:specialty:debt" });
      const days = page.locator("#choices .choice-days .choice");
      expect(await days.count()).toBeGreaterThanOrEqual(5);
      await expect(days.nth(1).innerText()).resolves.toBe("12/4 (금)");
      const rowTops = await days.evaluateAll((nodes) => nodes.slice(0, 3).map((n) => n.getBoundingClientRect().top));
      expect(new Set(rowTops).size).toBe(1);
      await shot(page, "booking-01-days");

      await act(page, { tap: "booking:day:2026-12-04" });
      const times = page.locator("#choices .choice-times .choice");
      expect(await times.count()).toBeGreaterThanOrEqual(3);
      await expect(times.first().innerText()).resolves.toBe("09:00");
      await shot(page, "booking-02-times");
      await act(page, { tap: "booking:time:debt@2026-12-04T14:00+09:00" });
      expect(await lastBot(page)).toContain("이름");
      await act(page, { type: "홍길동" });
      expect(await page.locator("#answer").getAttribute("type")).toBe("tel");
      await act(page, { type: "1234" });
      expect(await page.locator("#log .bubble-bot .bubble-text").nth(-2).innerText()).toContain("휴대전화 번호를 알려 주세요");
      await act(page, { type: "010-1234-5678" });
      expect(await page.locator("#log .bubble-bot .bubble-text").nth(-2).innerText()).toContain("휴대전화: 010-1234-5678");
      await shot(page, "booking-03-confirm");
      await act(page, { tap: "booking:confirm" });

      const card = page.locator("#log .booking-card");
      await expect(card.isVisible()).resolves.toBe(true);
      const code = await card.locator(".booking-code").innerText();
      expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
      await expect(card.locator(".booking-when").innerText()).resolves.toBe("12월 4일 (금) 오후 2시");
      await expect(card.locator(".booking-where").innerText()).resolves.toContain("의정부");
      await expect(page.locator("#log").innerText()).resolves.toContain("가져오시면 좋은 것");
      await card.scrollIntoViewIfNeeded();
      await shot(page, "booking-04-booked");

      const [download] = await Promise.all([page.waitForEvent("download"), card.locator(".booking-calendar").tap()]);
      expect(download.suggestedFilename()).toBe(`hanbeon-${code}.ics`);
      const ics = readFileSync(await download.path(), "utf8");
      expect(ics.startsWith("BEGIN:VCALENDAR")).toBe(true);
      expect(ics).toContain(code);
      expect(ics).not.toContain("01012345678");
      await expect(card.locator(".booking-note").innerText()).resolves.toContain("캘린더 파일을 받았어요");

      // "대화 지우기" after booking: the booking is named, the resident keeps it, and the new page says what stays.
      const oldId: unknown = await page.evaluate(() => JSON.parse(localStorage.getItem("hanbeon.session") ?? "{}").id);
      await page.locator("#erase").tap();
      await page.locator('#confirm button[value="yes"]').tap();
      await page.waitForSelector('#choices [data-option-id="erase:keep"]');
      await settled(page);
      expect(await lastBot(page)).toContain("예약도 취소할까요");
      await expect(page.locator("#log").innerText()).resolves.toContain(`예약 번호 ${code}`);
      await shot(page, "booking-05-erase-asks");
      await page.locator('#choices [data-option-id="erase:keep"]').tap();
      await page.waitForFunction((id) => JSON.parse(localStorage.getItem("hanbeon.session") ?? "{}").id !== id, oldId);
      await settled(page);
      const log = await page.locator("#log").innerText();
      expect(log).toContain(`(번호 ${code})`);
      expect(log).toMatch(/상담일로부터 \d+일 안에/);
      expect(log).not.toContain("홍길동");
      expect(await page.evaluate(async (id) => (await fetch(`/api/chat/sessions/${String(id)}`)).status, oldId)).toBe(404);
      const kept = await fetch(`${baseUrl}/api/bookings/lookup`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code, phone: "010-1234-5678" }) });
      expect(kept.status).toBe(200);
      await shot(page, "booking-06-erased-kept");
      expect(cspErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, TIMEOUT);
});
