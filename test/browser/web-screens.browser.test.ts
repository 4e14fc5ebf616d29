import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { z } from "zod";
import { expectNoSeriousViolations } from "../support/axe";
import { SCREENSHOTS, launchChromium, listenOnLoopback } from "../support/browser";
import type { PhonePage } from "../support/chat-page";
import { act, enlargeText, heldRequests, openPhone, PHONE, resumeSession, settled, shot } from "../support/chat-page";
import { CARD_DEBTOR_ANSWERS, walkInputs } from "../support/flow-harness";
import { FORMAT_CASES } from "../fixtures/i18n/message-format-cases";
import { buildTestApp } from "../support/test-app";

// Real Chromium on a 2-core machine beside other suites: give each test room.
jest.setTimeout(120_000);

const TIMEOUT = 90_000;
/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";
const SCREEN = 740;

const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-browser-screens-"));
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

type Variant = { name: string; locale: string; lang: "ko" | "en"; large: boolean };
const VARIANTS: readonly Variant[] = [
  { name: "ko", locale: "ko-KR", lang: "ko", large: false },
  { name: "en", locale: "en-US", lang: "en", large: false },
  { name: "ko-200", locale: "ko-KR", lang: "ko", large: true },
  { name: "en-200", locale: "en-US", lang: "en", large: true },
];

function phone(variant: Pick<Variant, "locale" | "large">, before?: (context: BrowserContext) => Promise<void>): Promise<PhonePage> {
  if (!browser) throw new Error("the browser did not start");
  return openPhone(browser, baseUrl, variant.locale, async (context) => {
    if (variant.large) await enlargeText(context);
    if (before) await before(context);
  });
}

/**
 * A card debtor's triage finished through the chat API, in `lang`, to the first result: the
 * session, and how many services that result holds (those the rules found, and those that need
 * the answers left for "몇 가지 더 답하기").
 */
async function finishedSession(lang: "ko" | "en"): Promise<{ sessionId: string; services: number }> {
  const post = async (url: string, body: object): Promise<unknown> => {
    const res = await fetch(`${baseUrl}${url}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return res.json();
  };
  const created = await post("/api/chat/sessions", { lang });
  const sessionId = typeof created === "object" && created !== null && "sessionId" in created ? String(created.sessionId) : "";
  let answer: unknown;
  for (const input of walkInputs(CARD_DEBTOR_ANSWERS, { now: NOW })) answer = await post(`/api/chat/sessions/${sessionId}/messages?lang=${lang}`, input);
  const { turn } = resultAnswerSchema.parse(answer);
  if (!turn.done) throw new Error(`the ${lang} walk did not reach the result`);
  return { sessionId, services: turn.evaluation.recommendations.length };
}

const resultAnswerSchema = z.object({ turn: z.object({ done: z.boolean(), evaluation: z.object({ recommendations: z.array(z.unknown()) }) }) });

type Box = { top: number; bottom: number; height: number; onTop: boolean };
type FirstScreen = { scrollY: number; stickyTop: number; stickyBottom: number; composerSticky: boolean; bubbles: Box[]; buttons: Box[]; answerRow: Box[] };

/** Where the first screen's parts are, in viewport pixels, and whether a tap on each reaches it. */
function readFirstScreen(page: Page): Promise<FirstScreen> {
  return page.evaluate(() => {
    const box = (node: Element): Box => {
      const rect = node.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + Math.min(rect.height / 2, 20));
      return { top: rect.top, bottom: rect.bottom, height: rect.height, onTop: hit !== null && (hit === node || node.contains(hit)) };
    };
    const composer = document.getElementById("composer");
    const top = document.getElementById("top");
    return {
      scrollY: window.scrollY,
      stickyTop: top?.getBoundingClientRect().bottom ?? 0,
      stickyBottom: composer?.getBoundingClientRect().top ?? window.innerHeight,
      composerSticky: composer !== null && getComputedStyle(composer).position === "sticky",
      bubbles: [...document.querySelectorAll("#log .bubble-bot")].map(box),
      buttons: [...document.querySelectorAll("#choices button")].map(box),
      answerRow: [...document.querySelectorAll("#answer, #send")].map(box),
    };
  });
}

/** How far the booking button's bottom is below the result's top, and what the result shows. */
function readResult(page: Page) {
  return page.evaluate(() => {
    const results = document.getElementById("results");
    const booking = document.querySelector('#choices [data-option-id="booking:start"]');
    const refine = document.querySelector('#choices [data-option-id="triage:refine"]');
    const open = [...document.querySelectorAll("#top-services .card-top")];
    const more = document.querySelector("#more-services details.more-services");
    const before = (a: Node | null | undefined, b: Node | null | undefined) => a !== null && a !== undefined && b !== null && b !== undefined && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    return {
      bookingFromTop: (booking?.getBoundingClientRect().bottom ?? Infinity) - (results?.getBoundingClientRect().top ?? 0),
      headline: document.getElementById("result-headline")?.textContent ?? "",
      open: open.length,
      openWithWhy: open.filter((card) => card.querySelector(".card-why") !== null).length,
      folded: more?.querySelectorAll(".card").length ?? 0,
      moreSummary: more?.querySelector("summary")?.textContent ?? "",
      bookingRightAfterOpen: before(open.at(-1), booking) && (more === null || before(booking, more)),
      refine: refine?.textContent ?? null,
      refineAfterBooking: before(booking, refine) && (more === null || before(refine, more)),
    };
  });
}

describe("the first screen of the web chat at 360×740", () => {
  it.each(VARIANTS)("when a resident opens the page ($name), then the consent question and both its buttons are in the first viewport, and what is asked is behind 자세히", async (variant) => {
    const { page, cspErrors, close } = await phone(variant);
    try {
      const view = await readFirstScreen(page);
      console.log(`first screen ${variant.name}: consent buttons at y ${view.buttons.map((b) => `${Math.round(b.top)}–${Math.round(b.bottom)}`).join(", ")}; answer bar from y ${Math.round(view.stickyBottom)}; scrolled ${Math.round(view.scrollY)} px`);
      await shot(page, `first-screen-${variant.name}`);
      expect(view.bubbles).toHaveLength(2);
      expect(view.buttons).toHaveLength(2);
      // The welcome says how long it takes, with the estimate's numbers filled in.
      const welcome = await page.locator("#log .bubble-bot .bubble-text").first().innerText();
      expect(welcome).toMatch(variant.lang === "ko" ? /질문 \d+개쯤\(\d+분\)에 답하면/ : /About \d+ questions \(\d+ min\)/);
      expect(welcome).not.toMatch(/\{\{|\}\}/);
      for (const button of view.buttons) {
        expect(button.onTop).toBe(true);
        expect(button.top).toBeGreaterThanOrEqual(view.stickyTop);
        expect(button.bottom).toBeLessThanOrEqual(view.stickyBottom);
        expect(button.height).toBeGreaterThanOrEqual(44);
      }
      // The question itself is read from its start.
      expect(view.bubbles[1]?.top).toBeGreaterThanOrEqual(view.stickyTop);
      // At the usual size nothing has moved and the welcome is there too; at 200% the page brings
      // the question up to the header, and the welcome is one scroll up.
      const usual = { unscrolled: view.scrollY === 0, welcomeShown: (view.bubbles[0]?.top ?? 0) >= view.stickyTop };
      expect(usual).toEqual(variant.large ? { unscrolled: false, welcomeShown: false } : { unscrolled: true, welcomeShown: true });
      // The answer bar stays stuck at the bottom, one row, its input and send button whole.
      expect(view.composerSticky).toBe(true);
      expect(SCREEN - view.stickyBottom).toBeLessThan(SCREEN * 0.25);
      for (const part of view.answerRow) expect(part).toMatchObject({ onTop: true });

      const text = await page.locator("body").innerText();
      expect(text).not.toMatch(/이름은 묻지|never ask your name/i);
      await page.locator(".about-data-summary").tap();
      await expect(page.locator(".about-data-list").innerText()).resolves.toMatch(variant.lang === "ko" ? /이름과 휴대전화 번호/ : /name and mobile number/);
      expect(cspErrors).toEqual([]);
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when the text is at 200% and the total debt is asked, then the answer bar stays stuck in two rows with every control in view", async () => {
    const { page, close } = await phone({ locale: "ko-KR", large: true });
    try {
      await act(page, { tap: "agree" });
      await act(page, { tap: "no" });
      await act(page, { tap: "yes" });
      expect(await page.locator("#answer-form").getAttribute("data-kind")).toBe("money");
      const bar = await page.evaluate(() => {
        const composer = document.getElementById("composer");
        const controls = [...document.querySelectorAll("#units button, #back, #answer, #send")].map((node) => {
          const rect = node.getBoundingClientRect();
          const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
          return { inView: rect.top >= 0 && rect.bottom <= window.innerHeight, onTop: hit === node || (hit !== null && node.contains(hit)), tall: rect.height >= 44, row: Math.round(rect.top) };
        });
        return { sticky: composer !== null && getComputedStyle(composer).position === "sticky", height: composer?.getBoundingClientRect().height ?? 0, controls };
      });
      await shot(page, "money-question-200");
      expect(bar.sticky).toBe(true);
      expect(bar.height).toBeLessThan(SCREEN * 0.4);
      expect(bar.controls).toHaveLength(6);
      for (const control of bar.controls) expect(control).toMatchObject({ inView: true, onTop: true, tall: true });
      expect(new Set(bar.controls.map((c) => c.row)).size).toBe(2);
      await page.locator("#units button", { hasText: "만" }).tap();
      await expect(page.locator("#answer").inputValue()).resolves.toBe("만");
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when the phone is in dark mode, then the first screen passes axe, contrast included", async () => {
    const { page, close } = await phone({ locale: "ko-KR", large: false });
    try {
      await page.emulateMedia({ colorScheme: "dark" });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).not.toBe("rgb(244, 246, 248)");
      await shot(page, "first-screen-dark");
      await expectNoSeriousViolations(page, "dark first screen");
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when the browser runs the pages' shared message format, then it writes what the server writes", async () => {
    const { page, close } = await phone({ locale: "ko-KR", large: false });
    try {
      const cases = FORMAT_CASES.map(({ template, params, texts }) => ({ template, params, texts: texts ?? {} }));
      // As a script text: the test's own compiler would turn an import() in a function into a require.
      const written: unknown = await page.evaluate(`(async () => {
        const { formatMessage } = await import("/shared/format-message.js");
        const cases = ${JSON.stringify(cases)};
        return cases.map(({ template, params, texts }) => ["ko", "en"].map((lang) => formatMessage(template, params, { lang, lookup: (key) => texts[key] })));
      })()`);
      expect(written).toEqual(FORMAT_CASES.map((c) => [c.ko, c.en]));
    } finally {
      await close();
    }
  }, TIMEOUT);
});

describe("the result of the web chat at 360×740", () => {
  it.each(VARIANTS.filter((v) => v.name !== "en-200"))("when a card debtor's triage is done ($name), then one sentence, at most three services open, and the booking button within the first two screens of the result", async (variant) => {
    const { sessionId, services } = await finishedSession(variant.lang);
    const { page, close } = await phone(variant, (context) => resumeSession(context, sessionId, variant.lang));
    try {
      await page.locator("#results-heading").scrollIntoViewIfNeeded();
      const result = await readResult(page);
      console.log(`result ${variant.name}: booking button ${Math.round(result.bookingFromTop)} px below the result's top (two screens: ${2 * SCREEN}); ${result.open} open, ${result.folded} folded`);
      await page.evaluate(() => document.getElementById("results")?.scrollIntoView({ block: "start" }));
      await shot(page, `result-${variant.name}`);
      expect(result.headline.trim()).not.toBe("");
      expect(result.open).toBeGreaterThanOrEqual(1);
      expect(result.open).toBeLessThanOrEqual(3);
      expect(result.openWithWhy).toBe(result.open);
      expect(result.bookingRightAfterOpen).toBe(true);
      expect(result.bookingFromTop).toBeLessThanOrEqual(2 * SCREEN);
      // Beside booking, the first result offers to answer a few more (the questions left for later).
      expect(result.refine).toContain(variant.lang === "ko" ? "몇 가지 더 답하기" : "Answer a few more");
      expect(result.refineAfterBooking).toBe(true);
      // Every service of the result is there: the others are folded, and open in place, whole.
      expect(services).toBeGreaterThan(3);
      expect(result.open + result.folded).toBe(services);
      expect(result.moreSummary).toBe(variant.lang === "ko" ? `다른 도움 ${result.folded}개 더 보기` : `See ${result.folded} more kinds of help`);
      await page.locator(".more-services-summary").tap();
      await expect(page.locator("#more-services .card").first().isVisible()).resolves.toBe(true);
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when the result is shown in dark mode, then it passes axe, contrast included", async () => {
    const { sessionId } = await finishedSession("ko");
    const { page, close } = await phone({ locale: "ko-KR", large: false }, (context) => resumeSession(context, sessionId, "ko"));
    try {
      await page.emulateMedia({ colorScheme: "dark" });
      await page.locator(".more-services-summary").tap();
      await page.locator(".card-more-summary").first().tap();
      const card = await page.locator("#top-services .card").first().evaluate((node) => getComputedStyle(node).backgroundColor);
      expect(card).not.toBe("rgb(255, 255, 255)");
      await page.evaluate(() => document.getElementById("results")?.scrollIntoView({ block: "start" }));
      await shot(page, "result-dark");
      await expectNoSeriousViolations(page, "dark result");
    } finally {
      await close();
    }
  }, TIMEOUT);

  it("when the evaluation carries a headline and what would change it, then the headline comes first and those come under the open services", async () => {
    const { sessionId } = await finishedSession("ko");
    const headline = "사전채무조정이 가장 잘 맞아 보여요. 받을 수 있는지는 센터 상담에서 정해요.";
    const nearMiss = "연체가 31일이 넘으면 사전채무조정을 신청할 수 있어요.";
    const { page, close } = await phone({ locale: "ko-KR", large: false }, async (context) => {
      await resumeSession(context, sessionId, "ko");
      // The server's own answer, with the contract's two additions of the result work laid on it.
      await context.route(`**/api/chat/sessions/${sessionId}`, async (route) => {
        const response = await route.fetch();
        const body: unknown = await response.json();
        if (typeof body !== "object" || body === null || !("turn" in body) || typeof body.turn !== "object" || body.turn === null || !("evaluation" in body.turn)) throw new Error("no result to extend");
        const evaluation = body.turn.evaluation;
        await route.fulfill({ response, json: { ...body, turn: { ...body.turn, evaluation: { ...(typeof evaluation === "object" ? evaluation : {}), headline, nearMisses: [{ service: "ccrs_pre_workout", text: nearMiss }] } } } });
      });
    });
    try {
      await expect(page.locator("#result-headline").innerText()).resolves.toBe(headline);
      await expect(page.locator(".near-misses").innerText()).resolves.toContain(nearMiss);
      const order = await page.evaluate(() => {
        const at = (selector: string) => document.querySelector(selector);
        const follows = (a: Element | null, b: Element | null) => a !== null && b !== null && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
        return follows(at("#result-headline"), at("#top-services")) && follows(at("#top-services"), at(".near-misses"));
      });
      expect(order).toBe(true);
    } finally {
      await close();
    }
  }, TIMEOUT);
});

describe("waiting in the web chat", () => {
  it("when the page's script and its first answer are slow, then the HTML's own loading state shows until the first question", async () => {
    if (!browser) throw new Error("the browser did not start");
    const context = await browser.newContext({ ...PHONE, locale: "ko-KR" });
    const script = heldRequests();
    const session = heldRequests();
    await context.route(`${baseUrl}/chat.js`, script.handler);
    await context.route(`${baseUrl}/api/chat/sessions`, session.handler);
    const page = await context.newPage();
    try {
      const navigation = page.goto(baseUrl);
      await script.arrived;
      const loading = page.locator("#loading");
      await loading.waitFor({ state: "visible" });
      await expect(loading.innerText()).resolves.toContain("불러오는 중이에요");
      await shot(page, "loading-before-script");
      script.release();
      await session.arrived;
      expect(await loading.isVisible()).toBe(true);
      session.release();
      await navigation;
      await settled(page);
      await page.locator("#log .bubble-bot").first().waitFor();
      expect(await loading.isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  }, TIMEOUT);

  it("when an answer is on its way, then '보내는 중' shows, the buttons are held, and a second tap sends nothing", async () => {
    const { page, close } = await phone({ locale: "ko-KR", large: false });
    try {
      const answer = heldRequests();
      await page.route("**/api/chat/sessions/*/messages*", answer.handler);
      const agree = page.locator('#choices [data-option-id="agree"]');
      await agree.tap();
      await answer.arrived;
      await expect(page.locator("#status-text").innerText()).resolves.toBe("보내는 중이에요…");
      const held = await page.evaluate(() => ({
        buttons: [...document.querySelectorAll("#choices button, #send")].map((b) => b.getAttribute("aria-disabled")),
        readOnly: document.querySelector<HTMLInputElement>("#answer")?.readOnly,
        busy: document.getElementById("main")?.getAttribute("aria-busy"),
      }));
      expect(held).toEqual({ buttons: ["true", "true", "true"], readOnly: true, busy: "true" });
      await shot(page, "sending");
      await agree.dispatchEvent("click");
      await page.locator("#answer").press("Enter");
      answer.release();
      await page.waitForFunction(() => document.querySelectorAll("#log .bubble-you").length === 1);
      await settled(page);
      expect(answer.seen()).toBe(1);
      await expect(page.locator("#log .bubble-you").count()).resolves.toBe(1);
      await expect(page.locator("#status-text").innerText()).resolves.toBe("");
      const released = await page.evaluate(() => [...document.querySelectorAll("#choices button")].filter((b) => b.getAttribute("aria-disabled") === "true").length);
      expect(released).toBe(0);
      await act(page, { tap: "no" });
    } finally {
      await close();
    }
  }, TIMEOUT);
});
