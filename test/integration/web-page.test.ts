import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import { LOCALES_DIR, lookupText, readLocaleFiles } from "../support/flow-harness";
import { buildTestApp } from "../support/test-app";

/** A test value in the configured format, not a real number. */
const TEST_CENTER_PHONE = "000-0000-0000";
const PUBLIC_DIR = path.resolve(__dirname, "..", "..", "server", "web", "public");
const SHARED_DIR = path.resolve(__dirname, "..", "..", "server", "web", "shared");

const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-web-page-"));
const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir, CENTER_PHONE: TEST_CENTER_PHONE } });

afterAll(async () => {
  await runtime.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every `data-i18n="key">text<` of the page, with its text as written. */
function fallbackTexts(html: string): Array<{ key: string; text: string }> {
  return [...html.matchAll(/data-i18n="([^"]+)"[^>]*>([^<]*)</g)].map((m) => ({ key: m[1] ?? "", text: (m[2] ?? "").trim() }));
}

const koWeb = readLocaleFiles("ko", LOCALES_DIR).find((f) => f.file === "web.json")?.tree;

describe("the chat page's own fallbacks", () => {
  it("when / is loaded, then the center's configured number is written into the page and no placeholder is left", async () => {
    const res = await request(app).get("/");
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("{{");
    expect(res.text).toContain(`href="tel:${TEST_CENTER_PHONE}"`);
    expect(res.text).toContain(`<span data-i18n="center.phone">${TEST_CENTER_PHONE}</span>`);
    expect(String(res.headers["content-security-policy"])).toContain("script-src 'self'");
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect((await request(app).get("/index.html")).text).toBe(res.text);
  });

  it("when the page works without the server, then each Korean fallback is the Korean locale's text", async () => {
    const res = await request(app).get("/");
    const texts = fallbackTexts(res.text);
    expect(texts.map((t) => t.key)).toEqual(expect.arrayContaining(["status.unavailable", "status.offline", "center.phone", "urgent.center", "call.109", "call.112", "exit.button"]));
    if (!koWeb) throw new Error("locales/ko/web.json is missing");
    for (const { key, text } of texts) {
      const expected = lookupText(koWeb, `web.${key}`)?.replaceAll("{{centerPhone}}", TEST_CENTER_PHONE);
      expect({ key, text }).toEqual({ key, text: expected });
    }
  });

  it("when the page offers calls without the server, then 109 and 112 are tel: links of its own", async () => {
    const res = await request(app).get("/");
    expect(res.text).toMatch(/<a href="tel:109" data-code="crisis_line_109" data-i18n="call.109">/);
    expect(res.text).toMatch(/<a href="tel:112" data-code="call_112" data-i18n="call.112">/);
  });

  it("when the quick exit's page string is read, then it is an https address in both languages", async () => {
    for (const lang of ["ko", "en"]) {
      const res = await request(app).get(`/api/ui-strings?lang=${lang}`);
      expect(res.body.strings["exit.url"]).toMatch(/^https:\/\/[^\s]+$/);
      expect(res.body.strings["urgent.center"]).toContain(TEST_CENTER_PHONE);
    }
  });

  it("when each script of the page is fetched, then it is served as JavaScript and never writes HTML from text", async () => {
    const scripts = readdirSync(PUBLIC_DIR).filter((file) => file.endsWith(".js"));
    expect(scripts).toEqual(expect.arrayContaining(["chat-urgent.js", "chat-exit.js", "chat-layout.js"]));
    for (const file of scripts) {
      const res = await request(app).get(`/${file}`);
      expect({ file, status: res.status }).toEqual({ file, status: 200 });
      expect(res.headers["content-type"]).toMatch(/javascript/);
      expect(res.text).toMatch(/^\/\/ @ts-check/);
      expect(res.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    }
  });

  it("when each shared module of the pages is fetched at /shared/, then it is checked JavaScript under the pages' CSP that never writes HTML from text", async () => {
    const modules = readdirSync(SHARED_DIR).filter((file) => file.endsWith(".js"));
    expect(modules).toEqual(expect.arrayContaining(["el.js", "api-client.js", "format-message.js", "page-strings.js"]));
    for (const file of modules) {
      const res = await request(app).get(`/shared/${file}`);
      expect({ file, status: res.status }).toEqual({ file, status: 200 });
      expect(res.headers["content-type"]).toMatch(/javascript/);
      expect(String(res.headers["content-security-policy"])).toContain("script-src 'self'");
      expect(res.text).toMatch(/^\/\/ @ts-check/);
      expect(res.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    }
    expect((await request(app).get("/shared/nothing.js")).status).toBe(404);
  });

  it("when the page's code is read, then urgent numbers come from the turn, not from a table of its own", async () => {
    const render = await request(app).get("/chat-render.js");
    expect(render.text).not.toContain("URGENT_NUMBERS");
    const chat = await request(app).get("/chat.js");
    expect(chat.text).not.toMatch(/"뒤로"|"처음으로"/);
    expect(chat.text).toContain('{ command: "back" }');
  });
});
