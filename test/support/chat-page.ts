import path from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page, Route } from "playwright-core";
import { SCREENSHOTS } from "./browser";

/** A phone: 360×740 CSS pixels, touch. */
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export type PhonePage = { page: Page; context: BrowserContext; cspErrors: string[]; close: () => Promise<void> };

/**
 * A fresh phone-sized context (its own storage) with one page at `baseUrl`, recording any CSP
 * breach or native dialog in `cspErrors`. `before` runs on the context before the page loads
 * (routes, init scripts).
 */
export async function openPhone(browser: Browser, baseUrl: string, locale: string, before?: (context: BrowserContext) => Promise<void>): Promise<PhonePage> {
  const context = await browser.newContext({ ...PHONE, locale });
  if (before) await before(context);
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
  });
  page.on("dialog", (dialog) => {
    cspErrors.push(`unexpected native dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(baseUrl);
  await settled(page);
  return { page, context, cspErrors, close: () => context.close() };
}

/** Waits until the page has finished its request and drawn the turn. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('#main[aria-busy="false"]', { state: "attached" });
}

export const lastQuestion = (page: Page) => page.locator("#log .bubble-bot .bubble-text").last().innerText();

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

export async function optionIds(page: Page): Promise<string[]> {
  return page.locator("#choices [data-option-id]").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-option-id") ?? ""));
}

/**
 * Taps an option, picks several of a multiple choice and taps Done, or types into the answer box
 * and sends; then waits until the bot has answered.
 */
export async function act(page: Page, what: { tap: string } | { pick: readonly string[] } | { type: string }): Promise<void> {
  const bubbles = await page.locator("#log .bubble-bot").count();
  if ("tap" in what) await page.locator(`#choices [data-option-id="${what.tap}"]`).tap();
  else if ("pick" in what) {
    for (const id of what.pick) await page.locator(`#choices [data-option-id="${id}"]`).tap();
    await page.locator("#choices .choice-done").tap();
  } else {
    await page.locator("#answer").fill(what.type);
    await page.locator("#answer").press("Enter");
  }
  await page.waitForFunction((n) => document.querySelectorAll("#log .bubble-bot").length > n, bubbles);
  await settled(page);
}

export type Policy = { lang: "ko" | "en"; threats: boolean };

/** Answers the current question the way a resident would: taps, toggles or types. */
export async function answerOnce(page: Page, policy: Policy): Promise<void> {
  const kind = await page.locator("#answer-form").getAttribute("data-kind");
  const question = await lastQuestion(page);
  const ids = await optionIds(page);
  const bubbles = await page.locator("#log .bubble").count();
  if (kind === "choice") {
    const wantsYes = /협박|threatened you|갚아야 할 빚|any debt/i.test(question) && (policy.threats || !/협박|threatened you/i.test(question));
    const preferred = wantsYes ? ["yes"] : ["agree", "no", "none", "unemployed"];
    const id = preferred.find((p) => ids.includes(p)) ?? ids[0];
    await page.locator(`#choices [data-option-id="${id}"]`).tap();
  } else if (kind === "multi") {
    const picks = ids.includes("unregistered_lender") ? (policy.threats ? ["card", "unregistered_lender"] : ["card"]) : ["none"];
    for (const id of picks) await page.locator(`#choices [data-option-id="${id}"]`).tap();
    const pressed = await page.locator('#choices [aria-pressed="true"]').count();
    if (pressed !== picks.length) throw new Error(`expected ${picks.length} toggled options, found ${pressed}`);
    await page.locator("#choices .choice-done").tap();
  } else if (kind === "money" && policy.lang === "ko") {
    await page.locator("#answer").fill("300");
    await page.locator("#units button", { hasText: "만" }).tap();
    await page.locator("#send").tap();
  } else {
    const typed = kind === "money" ? "3000000" : kind === "number" ? (/나이|how old/i.test(question) ? "45" : "2") : policy.lang === "ko" ? "3개월" : "3 months";
    await page.locator("#answer").fill(typed);
    await page.locator("#answer").press("Enter");
  }
  await page.waitForFunction((n) => document.querySelectorAll("#log .bubble").length > n, bubbles);
  await settled(page);
}

export async function answerUntilResult(page: Page, policy: Policy, maxSteps = 60): Promise<void> {
  for (let step = 0; step < maxSteps; step += 1) {
    if (await page.locator("#results").isVisible()) return;
    await answerOnce(page, policy);
  }
  throw new Error(`no result after ${maxSteps} answers; last question: ${await lastQuestion(page)}`);
}

/**
 * Text at 200%: the root font size doubled before the page's own code runs, through a
 * constructed style sheet (CSSOM, which the page's CSP allows; an injected <style> it refuses).
 * The page sizes its text in rem, so this is what a phone's largest text setting does to it.
 */
export async function enlargeText(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("html { font-size: 200%; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
}

/** Makes the page resume `sessionId` on its first load, as after a reload. */
export async function resumeSession(context: BrowserContext, sessionId: string, lang: "ko" | "en"): Promise<void> {
  await context.addInitScript((stored) => localStorage.setItem("hanbeon.session", stored), JSON.stringify({ id: sessionId, lang }));
}

/**
 * Requests that wait until released: `seen` counts those that arrived, `arrived` resolves at the
 * first, `release()` lets them all through to the real server.
 */
export function heldRequests(): { handler: (route: Route) => Promise<void>; arrived: Promise<void>; release: () => void; seen: () => number } {
  let seen = 0;
  let release: () => void = () => undefined;
  let arrive: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  return {
    handler: async (route) => {
      seen += 1;
      arrive();
      await released;
      await route.continue();
    },
    arrived, release: () => release(), seen: () => seen,
  };
}
