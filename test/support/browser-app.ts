import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Runtime } from "../../server/compose";
import { createStaffUser } from "../../server/staff/auth/staff-auth";
import { SCREENSHOTS, launchChromium, listenOnLoopback } from "./browser";
import { buildTestApp } from "./test-app";

export type StaffLogin = { username: string; password: string; role: "admin" | "staff" };
export type BrowserApp = { runtime: Runtime; baseUrl: string; browser: () => Browser };

/**
 * Registers beforeAll/afterAll for a browser suite: the real app on a temporary SQLite store at
 * `now`, served on loopback with the given staff accounts, and Debian's Chromium. Its fields are
 * filled once beforeAll has run.
 */
export function useBrowserApp(options: { name: string; now: string; users: StaffLogin[]; timeoutMs?: number }): BrowserApp {
  const dataDir = mkdtempSync(path.join(tmpdir(), `hanbeon-browser-${options.name}-`));
  const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir, REMINDERS_ENABLED: "false" }, now: options.now });
  let server: Server | undefined;
  let browser: Browser | undefined;
  const handle: BrowserApp = {
    runtime, baseUrl: "",
    browser: () => {
      if (!browser) throw new Error("the browser did not start");
      return browser;
    },
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await runtime.ready();
    ({ server, baseUrl: handle.baseUrl } = await listenOnLoopback(app));
    for (const { role, ...login } of options.users) await createStaffUser(runtime.deps.staffAuth.users, { ...login, role }, new Date(options.now));
    browser = await launchChromium();
  }, options.timeoutMs ?? 90_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return handle;
}

/** Signs in through the staff console's own form, as a person would, and waits until signed in. */
export async function signInOnConsole(page: Page, baseUrl: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.locator("#username").fill(user.username);
  await page.locator("#password").fill(user.password);
  await page.locator("#login-form button[type=submit]").click();
  await page.locator("#who").waitFor();
}

/**
 * A fresh desktop context (Korean, Seoul time, the clock fixed at `now` when given) whose page
 * records every CSP breach, page error and native dialog in `problems`.
 */
export async function openRecordedPage(browser: Browser, now?: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  if (now !== undefined) await context.clock.setFixedTime(new Date(now));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("dialog", (dialog) => {
    problems.push(`unexpected native dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, problems };
}
