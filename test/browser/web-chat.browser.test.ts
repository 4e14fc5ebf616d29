import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { SCREENSHOTS, launchChromium, listenOnLoopback } from "../support/browser";
import { expectNoSeriousViolations } from "../support/axe";
import type { Policy } from "../support/chat-page";
import { answerOnce, answerUntilResult, lastQuestion, openPhone as openSharedPhone, settled, shot } from "../support/chat-page";
import { buildTestApp } from "../support/test-app";

// Real Chromium on a 2-core machine beside other suites: give each test room.
jest.setTimeout(120_000);

const TIMEOUT = 60_000;

const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-browser-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir } });
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

const openPhone = (locale: string) => {
  if (!browser) throw new Error("the browser did not start");
  return openSharedPhone(browser, baseUrl, locale);
};

describe("the web chat page in Chromium at 360 px", () => {
  it("when a Korean resident threatened by a lender answers everything, then urgent help comes first, then service cards", async () => {
    const { page, cspErrors, close } = await openPhone("ko-KR");
    try {
      expect(await page.getAttribute("html", "lang")).toBe("ko");
      await expect(page.locator("#back").innerText()).resolves.toBe("뒤로");
      await shot(page, "ko-01-start");
      await expectNoSeriousViolations(page, "ko start");

      const policy: Policy = { lang: "ko", threats: true };
      for (let i = 0; i < 5; i += 1) await answerOnce(page, policy);
      const before = await lastQuestion(page);
      const progress = await page.locator("#progress-text").innerText();
      expect(progress).toMatch(/질문 약 \d+개 남음/);
      await page.reload();
      await settled(page);
      expect(await lastQuestion(page)).toBe(before);
      expect(await page.locator("#progress-text").innerText()).toBe(progress);
      await expect(page.locator("#status-text").innerText()).resolves.toContain("이어서");
      await shot(page, "ko-02-resumed-multi-choice");

      await page.locator("#answer").fill("<script>alert(1)</script><b>굵게</b>");
      await page.locator("#send").tap();
      await page.waitForFunction(() => document.querySelectorAll("#log .bubble-you").length > 0);
      await settled(page);
      expect(await page.locator("#log .bubble-you .bubble-text").last().innerText()).toBe("<script>alert(1)</script><b>굵게</b>");
      expect(await page.locator("#log b, #log script").count()).toBe(0);
      expect(await lastQuestion(page)).toBe(before);

      await answerUntilResult(page, policy);
      const urgent = page.locator('#urgent .urgent[data-code="call_112"]');
      await expect(urgent.isVisible()).resolves.toBe(true);
      await expect(urgent.locator('a.button-urgent[href="tel:112"]').count()).resolves.toBe(1);
      const cards = page.locator("#top-services .card");
      expect(await cards.count()).toBeGreaterThan(0);
      await expect(cards.first().locator(".card-title").innerText()).resolves.toMatch(/[가-힣]/);
      await expect(cards.first().locator(".card-why").innerText()).resolves.toMatch(/^나에게 맞는 이유 \S/);
      const urgentY = (await page.locator("#urgent").boundingBox())?.y ?? Infinity;
      const cardsY = (await cards.first().boundingBox())?.y ?? -Infinity;
      expect(urgentY).toBeLessThan(cardsY);
      await expect(page.locator("#progress-text").innerText()).resolves.toBe("질문이 끝났어요");
      await shot(page, "ko-03-result");
      await cards.first().screenshot({ path: path.join(SCREENSHOTS, "ko-04-first-service-card.png") });
      await expectNoSeriousViolations(page, "ko result");
      expect(cspErrors).toEqual([]);
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when an English resident answers everything, then English cards are shown, and erasing starts fresh", async () => {
    const { page, cspErrors, close } = await openPhone("en-US");
    try {
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await expect(page.locator("#lang-switch").innerText()).resolves.toBe("한국어");
      const policy: Policy = { lang: "en", threats: false };
      await answerOnce(page, policy);

      await page.locator("#lang-switch").tap();
      await expect(page.locator("#confirm").isVisible()).resolves.toBe(true);
      await page.locator('#confirm button[value="no"]').tap();
      expect(await page.getAttribute("html", "lang")).toBe("en");

      await answerUntilResult(page, policy);
      const cards = page.locator("#top-services .card");
      expect(await cards.count()).toBeGreaterThan(0);
      await expect(cards.first().locator(".card-title").innerText()).resolves.not.toMatch(/[가-힣]/);
      await shot(page, "en-01-result");
      await expectNoSeriousViolations(page, "en result");

      const oldId: unknown = await page.evaluate(() => JSON.parse(localStorage.getItem("hanbeon.session") ?? "{}").id);
      await page.locator("#erase").tap();
      await page.locator('#confirm button[value="yes"]').tap();
      await page.waitForFunction((id) => JSON.parse(localStorage.getItem("hanbeon.session") ?? "{}").id !== id, oldId);
      await settled(page);
      expect(await page.locator("#results").isVisible()).toBe(false);
      expect(await page.locator("#log .bubble-you").count()).toBe(0);
      const status: unknown = await page.evaluate(async (id) => (await fetch(`/api/chat/sessions/${String(id)}`)).status, oldId);
      expect(status).toBe(404);
      await shot(page, "en-02-erased");

      const erasedFreshId: unknown = await page.evaluate(() => JSON.parse(localStorage.getItem("hanbeon.session") ?? "{}").id);
      await page.locator("#lang-switch").tap();
      await page.waitForFunction(() => document.documentElement.lang === "ko");
      await settled(page);
      await expect(lastQuestion(page)).resolves.toMatch(/[가-힣]/);
      await expect(page.locator("#erase").innerText()).resolves.toBe("대화 지우기");
      const replaced: unknown = await page.evaluate(async (id) => (await fetch(`/api/chat/sessions/${String(id)}`)).status, erasedFreshId);
      expect(replaced).toBe(404);
      expect(cspErrors).toEqual([]);
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when a resident taps '몇 가지 더 답하기' at the first result, then the questions left for later are asked in the chat and a fuller result follows", async () => {
    const { page, cspErrors, close } = await openPhone("ko-KR");
    try {
      const policy: Policy = { lang: "ko", threats: false };
      await answerUntilResult(page, policy);
      const refine = page.locator('#choices [data-option-id="triage:refine"]');
      await expect(refine.innerText()).resolves.toContain("몇 가지 더 답하기");
      const firstAnswers = await page.locator("#log .bubble-you").count();
      await refine.tap();
      await page.waitForFunction((n) => document.querySelectorAll("#log .bubble-you").length > n, firstAnswers);
      await settled(page);
      // The result steps aside for the next question, which is answered like any other.
      expect(await page.locator("#results").isVisible()).toBe(false);
      await expect(page.locator("#log .bubble-you .bubble-text").last().innerText()).resolves.toBe("몇 가지 더 답하기");
      await expect(lastQuestion(page)).resolves.toMatch(/[가-힣]/);
      await expect(page.locator("#progress-text").innerText()).resolves.toMatch(/질문 약 \d+개 남음/);
      await answerUntilResult(page, policy);
      await expect(page.locator("#top-services .card").count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('#choices [data-option-id="booking:start"]').isVisible()).resolves.toBe(true);
      expect(await page.locator("#log .bubble-you").count()).toBeGreaterThan(firstAnswers + 1);
      await shot(page, "ko-08-refined-result");
      expect(cspErrors).toEqual([]);
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when the server is briefly unavailable or busy, then a calm retry keeps the typed answer and the session", async () => {
    const { page, close } = await openPhone("ko-KR");
    try {
      await answerOnce(page, { lang: "ko", threats: false });
      const question = await lastQuestion(page);
      for (const [status, expected] of [[503, "연결할 수 없어요"], [429, "30초"]] as const) {
        await page.route("**/messages*", (route) => route.fulfill({
          status, contentType: "application/json", headers: { "Retry-After": "30" },
          body: JSON.stringify({ error: { code: status === 503 ? "DEPENDENCY_UNAVAILABLE" : "RATE_LIMITED", message: "-" } }),
        }));
        await page.locator("#answer").fill("아니요");
        await page.locator("#answer").press("Enter");
        // The previous round's retry is still shown while this answer is sent: wait for this
        // round's notice, not for the button alone.
        await page.waitForFunction((text) => !document.getElementById("retry")?.hidden && (document.getElementById("status-text")?.textContent ?? "").includes(text), expected);
        await expect(page.locator("#status-text").innerText()).resolves.toContain(expected);
        expect(await page.locator("#answer").inputValue()).toBe("아니요");
        expect(await page.locator("#log .bubble-you").count()).toBe(1);
        expect(await lastQuestion(page)).toBe(question);
        await page.unrouteAll();
      }
      await shot(page, "ko-06-retry-notice");
      await page.locator("#retry").tap();
      await page.waitForFunction(() => document.querySelectorAll("#log .bubble-you").length === 2);
      await settled(page);
      expect(await page.locator("#answer").inputValue()).toBe("");
      expect(await lastQuestion(page)).not.toBe(question);
      expect(await page.locator("#retry").isHidden()).toBe(true);
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when the text is enlarged to 200%, then nothing scrolls sideways and no answer button clips its label", async () => {
    const { page, close } = await openPhone("ko-KR");
    try {
      await page.evaluate(() => {
        document.documentElement.style.fontSize = "200%";
      });
      const layout = await page.evaluate(() => ({
        overflowX: document.documentElement.scrollWidth - window.innerWidth,
        clipped: [...document.querySelectorAll("button, .bubble, .answer-input")].filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).map((el) => el.id || el.className),
        smallTargets: [...document.querySelectorAll("button:not([hidden]), a.button")].filter((el) => el.getBoundingClientRect().height > 0 && el.getBoundingClientRect().height < 44).map((el) => el.id || el.className),
      }));
      await shot(page, "ko-07-text-200");
      expect(layout).toEqual({ overflowX: 0, clipped: [], smallTargets: [] });
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when only the keyboard is used, then Tab reaches an answer button and the input with a visible focus ring", async () => {
    const { page, close } = await openPhone("ko-KR");
    try {
      const reached = new Set<string>();
      for (let i = 0; i < 30 && reached.size < 2; i += 1) {
        await page.keyboard.press("Tab");
        const focus = await page.evaluate(() => {
          const el = document.activeElement;
          if (!(el instanceof HTMLElement)) return null;
          const style = getComputedStyle(el);
          return { id: el.id, isChoice: el.classList.contains("choice"), visible: el.matches(":focus-visible"), outline: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
        });
        if (!focus || (focus.id !== "answer" && !focus.isChoice)) continue;
        expect(focus.visible).toBe(true);
        expect(focus.outline).not.toBe("none");
        expect(focus.width).toBeGreaterThanOrEqual(2);
        if (focus.isChoice && !reached.has("choice")) await shot(page, "ko-05-keyboard-focus");
        reached.add(focus.isChoice ? "choice" : "answer");
      }
      expect([...reached].sort()).toEqual(["answer", "choice"]);

      await page.locator("#choices .choice").first().focus();
      const answered = await page.locator("#log .bubble").count();
      await page.keyboard.press("Enter");
      await page.waitForFunction((n) => document.querySelectorAll("#log .bubble").length > n, answered);
      await settled(page);
      await expect(page.locator("#log .bubble-you").count()).resolves.toBe(1);
    } finally {
      await close();
    }
  }, TIMEOUT);
});
