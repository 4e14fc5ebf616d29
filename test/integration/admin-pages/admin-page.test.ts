import { readdirSync } from "node:fs";
import path from "node:path";
import express from "express";
import request from "supertest";
import { createErrorHandler, notFoundHandler } from "../../../server/http/error-handler";
import { createTranslator } from "../../../server/i18n/create-translator";
import { loadLocales } from "../../../server/i18n/load-locales";
import { createLogger } from "../../../server/logging/create-logger";
import { adminPageRoutes } from "../../../server/web/admin-page-routes";
import { PAGE_CSP } from "../../../server/web/web-page-routes";

// The admin pages' own routes over the real locales and static files; the admin API behind the
// pages has its own tests, and test/browser/admin-editor.browser.test.ts drives the pages.
const locales = loadLocales();
const app = express().use(adminPageRoutes({ translator: createTranslator(locales, { ko: {}, en: {} }) }).router)
  .use(notFoundHandler).use(createErrorHandler(createLogger("silent")));
const ADMIN_DIR = path.resolve(__dirname, "../../../server/web/admin");

const stringsOf = (body: unknown): Record<string, unknown> => {
  if (typeof body !== "object" || body === null || !("strings" in body)) return {};
  const strings = body.strings;
  return typeof strings === "object" && strings !== null ? { ...strings } : {};
};

describe("the admin pages", () => {
  it("when /admin/ is asked for, then the editor page comes with the strict CSP, no-store, noindex and no inline script or style", async () => {
    const res = await request(app).get("/admin/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["content-security-policy"]).toBe(PAGE_CSP);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["x-robots-tag"]).toBe("noindex");
    const html = res.text;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/admin\/[a-z-]+\.js"/);
      expect(body?.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });

  it("when /admin is asked for without the slash, then it redirects to /admin/", async () => {
    const res = await request(app).get("/admin");
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe("/admin/");
  });

  it("when each admin script and stylesheet is fetched, then it is served never stored under the same CSP and writes no HTML", async () => {
    const files = readdirSync(ADMIN_DIR).filter((f) => /\.(js|css)$/.test(f));
    expect(files).toEqual(expect.arrayContaining(["admin-common.js", "admin.css", "flow-editor.js"]));
    for (const file of files) {
      const res = await request(app).get(`/admin/${file}`);
      expect([file, res.status]).toEqual([file, 200]);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-security-policy"]).toBe(PAGE_CSP);
      expect([file, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/.test(res.text)]).toEqual([file, false]);
    }
  });

  it("when the admin strings are asked for in English, then every admin* key comes by its full key, in English", async () => {
    const res = await request(app).get("/api/ui-strings/admin?lang=en").expect(200);
    expect(res.body.lang).toBe("en");
    const strings = stringsOf(res.body);
    expect(strings["admin.nav.flow"]).toBe("Flow editor");
    expect(strings["admin.access.notAdmin"]).toContain("{{name}}");
    const tops = Object.keys(locales.ko).filter((key) => key.startsWith("admin"));
    expect(tops).toContain("admin");
    expect(new Set(Object.keys(strings).map((key) => key.split(".")[0]))).toEqual(new Set(tops));
    expect(Object.keys(strings).some((key) => key.startsWith("console.") || key.startsWith("web."))).toBe(false);
  });

  it("when the admin strings are asked for without a language, then they come in Korean", async () => {
    const res = await request(app).get("/api/ui-strings/admin").expect(200);
    expect(res.body.lang).toBe("ko");
    expect(stringsOf(res.body)["admin.nav.flow"]).toBe("질문 흐름 편집");
  });

  it("when a file outside the admin folder is asked for, then it is not served", async () => {
    for (const url of ["/admin/%2e%2e/admin-page-routes.ts", "/admin/..%2fadmin-page-routes.ts", "/admin/missing.js"]) {
      const res = await request(app).get(url);
      expect([url, res.status]).toEqual([url, 404]);
      expect(res.text).not.toContain("adminPageRoutes");
    }
  });
});
