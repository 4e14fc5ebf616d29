import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectNoSeriousViolations } from "../support/axe";
import { SCREENSHOTS, launchChromium, listenOnLoopback } from "../support/browser";
import type { PhonePage } from "../support/chat-page";
import { act, answerUntilResult, lastQuestion, openPhone, settled, shot } from "../support/chat-page";
import { buildTestApp } from "../support/test-app";

// Real Chromium on a 2-core machine beside other suites: give each test room.
jest.setTimeout(120_000);

const TIMEOUT = 90_000;
/** Thursday 2026-12-03, 10:00 in Seoul: the next day has open slots. */
const NOW = "2026-12-03T10:00:00+09:00";
/** The center's number as configured for this app (the default of server/config.ts). */
const CENTER = "18996014";
const NEUTRAL = "https://www.naver.com/";

const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-browser-urgent-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir, REMINDERS_ENABLED: "false" }, now: NOW });
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

function phone(before?: (context: BrowserContext) => Promise<void>): Promise<PhonePage> {
  if (!browser) throw new Error("the browser did not start");
  return openPhone(browser, baseUrl, "ko-KR", before);
}

type PanelLink = { href: string; text: string; top: number; bottom: number; height: number; onTop: boolean };
type PanelView = { visible: boolean; links: PanelLink[]; composerTop: number; viewport: number };

/** The urgent panel as a resident sees it: its links, where they are, and whether a tap reaches them. */
function readPanel(page: Page): Promise<PanelView> {
  return page.evaluate(() => {
    const panel = document.getElementById("urgent-panel");
    const composer = document.getElementById("composer");
    const links = [...document.querySelectorAll("#urgent-panel a")].map((link) => {
      const box = link.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return { href: link.getAttribute("href") ?? "", text: link.textContent ?? "", top: box.top, bottom: box.bottom, height: box.height, onTop: hit?.closest("a") === link };
    });
    return { visible: panel !== null && !panel.hidden, links, composerTop: composer?.getBoundingClientRect().top ?? 0, viewport: window.innerHeight };
  });
}

/**
 * Expects the panel to offer exactly `phones` (then the center) as tel: links that are on
 * screen, at least 44 px tall, above the answer bar and not covered by anything.
 */
async function expectPanel(page: Page, phones: readonly string[]): Promise<PanelView> {
  const view = await readPanel(page);
  expect(view.visible).toBe(true);
  expect(view.links.map((l) => l.href)).toEqual([...phones, CENTER].map((p) => `tel:${p}`));
  for (const link of view.links) {
    expect(link).toMatchObject({ onTop: true });
    expect(link.top).toBeGreaterThanOrEqual(0);
    expect(link.bottom).toBeLessThanOrEqual(view.composerTop);
    expect(link.height).toBeGreaterThanOrEqual(44);
  }
  return view;
}

async function expectNoPanel(page: Page): Promise<void> {
  expect((await readPanel(page)).visible).toBe(false);
}

/** Consent, no self-harm thoughts, yes to debt: the page then asks for the total debt. */
async function reachMoneyQuestion(page: Page): Promise<void> {
  await act(page, { tap: "agree" });
  await act(page, { tap: "no" });
  await act(page, { tap: "yes" });
  expect(await page.locator("#answer-form").getAttribute("data-kind")).toBe("money");
}

describe("the urgent panel of the web chat in Chromium at 360×740", () => {
  it("when a resident types a crisis phrase at a money question, then 109 is in the panel at once, after a reload, through booking, after quitting it and at the end", async () => {
    const { page, cspErrors, close } = await phone();
    try {
      await expectNoPanel(page);
      await reachMoneyQuestion(page);
      await act(page, { type: "죽고 싶어요" });
      expect(await page.locator("#log .bubble-bot .bubble-text").nth(-2).innerText()).toContain("109");
      expect(await lastQuestion(page)).toContain("얼마");
      const first = await expectPanel(page, ["109"]);
      expect(first.links[0]?.text).toContain("자살예방상담 109");
      await shot(page, "urgent-01-crisis-at-money-question");
      await expectNoSeriousViolations(page, "urgent panel");

      await page.reload();
      await settled(page);
      expect((await readPanel(page)).links.map((l) => l.href)).toEqual(first.links.map((l) => l.href));
      await expectPanel(page, ["109"]);
      await shot(page, "urgent-02-after-reload");

      await answerUntilResult(page, { lang: "ko", threats: false });
      await expectPanel(page, ["109"]);
      await act(page, { tap: "booking:start" });
      expect(await page.locator("#results").isVisible()).toBe(false);
      await expectPanel(page, ["109"]);
      await act(page, { tap: "booking:quit" });
      await expectPanel(page, ["109"]);
      await shot(page, "urgent-03-after-booking-quit");

      await act(page, { tap: "booking:start" });
      await act(page, { tap: "booking:specialty:debt" });
      await act(page, { tap: "booking:day:2026-12-04" });
      await expectPanel(page, ["109"]);
      await act(page, { tap: "booking:time:debt@2026-12-04T14:00+09:00" });
      await act(page, { type: "홍길동" });
      await act(page, { type: "010-1234-5678" });
      await expectPanel(page, ["109"]);
      await act(page, { tap: "booking:confirm" });
      await expect(page.locator("#log .booking-card").isVisible()).resolves.toBe(true);
      await page.locator("#log .booking-card").scrollIntoViewIfNeeded();
      await expectPanel(page, ["109"]);
      await shot(page, "urgent-04-booked");

      await page.reload();
      await settled(page);
      await expectPanel(page, ["109"]);
      expect(cspErrors).toEqual([]);
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when a resident taps yes at the threats question, then the panel calls 112 and 1332", async () => {
    const { page, close } = await phone();
    try {
      await reachMoneyQuestion(page);
      await act(page, { type: "300만원" });
      // Secured debt is not asked before the first result: no answer to it could change one yet.
      expect(await lastQuestion(page)).toContain("어디에서 빌린 돈");
      await act(page, { pick: ["card", "unregistered_lender"] });
      expect(await lastQuestion(page)).toContain("협박");
      await act(page, { tap: "yes" });
      // 1332 was raised by the unregistered lender; the threats add 112 and the free attorney's 132.
      await expectPanel(page, ["112", "1332", "132"]);
      await shot(page, "urgent-05-threats-tapped");
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when a resident types that photos will be spread, then the panel calls 112 and 1332 in that turn", async () => {
    const { page, close } = await phone();
    try {
      await act(page, { tap: "agree" });
      await act(page, { type: "사진 뿌린대요" });
      await expect(page.locator("#log").innerText()).resolves.toContain("112");
      await expectPanel(page, ["112", "1332"]);
      await expectNoSeriousViolations(page, "urgent panel 112");
    } finally {
      await close();
    }
  }, TIMEOUT);
});

describe("the quick exit of the web chat", () => {
  it("when the quick exit is tapped, then the conversation is cleared, the saved id forgotten and the page replaced by a neutral site", async () => {
    const { page, context, close } = await phone();
    try {
      await act(page, { tap: "agree" });
      await act(page, { type: "죽고 싶어요" });
      await expectPanel(page, ["109"]);
      const exit = page.locator("#quick-exit");
      await expect(exit.getAttribute("aria-label")).resolves.toContain("빨리 나가기");
      await expect(exit.getAttribute("href")).resolves.toBe(NEUTRAL);
      await shot(page, "exit-01-before");

      // Scrolled down, the exit is still on screen.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const box = await exit.boundingBox();
      expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);

      // First the neutral site answers 204: the navigation is asked for but does not commit, so
      // what the chat left behind on screen and in storage can be read.
      let askedFor: (url: string) => void = () => undefined;
      const asked = new Promise<string>((resolve) => {
        askedFor = resolve;
      });
      await page.route(`${NEUTRAL}**`, (route) => {
        askedFor(route.request().url());
        return route.fulfill({ status: 204 });
      });
      await exit.tap();
      expect(await asked).toBe(NEUTRAL);
      const left = await page.evaluate(() => ({ text: document.body.innerText.trim(), saved: localStorage.getItem("hanbeon.session"), title: document.title }));
      expect(left).toEqual({ text: "", saved: null, title: "" });
      await shot(page, "exit-02-cleared");

      // Then a fresh visit leaves for real: the neutral page replaces the chat in the history.
      await page.unrouteAll();
      await page.route(`${NEUTRAL}**`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>NAVER</title><p>neutral page</p>" }));
      await page.goto(baseUrl);
      await settled(page);
      await page.locator("#quick-exit").tap();
      await page.waitForURL(NEUTRAL);
      await expect(page.locator("body").innerText()).resolves.toBe("neutral page");
      await shot(page, "exit-03-neutral-page");
      const stored = await context.storageState();
      expect(JSON.stringify(stored.origins)).not.toContain("hanbeon.session");
      await page.goBack();
      expect(page.url().startsWith(baseUrl)).toBe(false);
    } finally {
      await close();
    }
  }, TIMEOUT);
});

describe("the web chat when our server cannot be reached", () => {
  it("when no API call answers from the first load, then the page says the service is unreachable and offers the center, 109 and 112 from its own strings", async () => {
    const { page, context, close } = await phone(async (context) => {
      await context.route(`${baseUrl}/api/**`, (route) => route.abort("connectionrefused"));
    });
    try {
      const status = await page.locator("#status-text").innerText();
      expect(status).toContain("한번에 서비스에 연결할 수 없어요");
      expect(status).not.toContain("인터넷");
      expect(await page.locator("#retry").isVisible()).toBe(true);
      const view = await expectPanel(page, ["109", "112"]);
      expect(view.links.map((l) => l.text)).toEqual([expect.stringContaining("자살예방상담 109"), expect.stringContaining("경찰 112"), expect.stringContaining("1899-6014")]);
      await shot(page, "server-down-01-first-load");
      await expectNoSeriousViolations(page, "server down");

      await context.unrouteAll();
      await page.locator("#retry").tap();
      await page.waitForFunction(() => document.querySelectorAll("#log .bubble-bot").length > 0);
      await settled(page);
      await expectNoPanel(page);
      expect(await page.locator("#status-text").innerText()).toBe("");
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when the server fails mid-conversation with urgent help active, then the panel keeps it and adds the page's own numbers", async () => {
    const { page, close } = await phone();
    try {
      await act(page, { tap: "agree" });
      await act(page, { type: "죽고 싶어요" });
      await expectPanel(page, ["109"]);
      await page.route("**/api/chat/sessions/*/messages*", (route) => route.fulfill({
        status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "INTERNAL", message: "-" } }),
      }));
      await page.locator("#answer").fill("아니요");
      await page.locator("#answer").press("Enter");
      await page.waitForFunction(() => !document.getElementById("retry")?.hidden);
      await expect(page.locator("#status-text").innerText()).resolves.toContain("연결할 수 없어요");
      expect(await page.locator("#answer").inputValue()).toBe("아니요");
      await expectPanel(page, ["109", "112"]);
      await shot(page, "server-down-02-mid-conversation");

      await page.unrouteAll();
      await page.locator("#retry").tap();
      await page.waitForFunction(() => document.getElementById("retry")?.hidden === true && document.getElementById("main")?.getAttribute("aria-busy") === "false");
      await expectPanel(page, ["109"]);
    } finally {
      await close();
    }
  }, TIMEOUT);
});
