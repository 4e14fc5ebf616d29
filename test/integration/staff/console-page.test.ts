import express from "express";
import request from "supertest";
import { createErrorHandler, notFoundHandler } from "../../../server/http/error-handler";
import { createTranslator } from "../../../server/i18n/create-translator";
import { loadLocales } from "../../../server/i18n/load-locales";
import { createLogger } from "../../../server/logging/create-logger";
import { consolePageRoutes } from "../../../server/web/console-page-routes";
import { PAGE_CSP } from "../../../server/web/web-page-routes";

// The console's own routes over the real locales and static files; the staff API behind the
// pages has its own tests.
const app = express().use(consolePageRoutes({ translator: createTranslator(loadLocales(), { ko: {}, en: {} }) }).router)
  .use(notFoundHandler).use(createErrorHandler(createLogger("silent")));

const stringsOf = (body: unknown): Record<string, unknown> => {
  if (typeof body !== "object" || body === null || !("strings" in body)) return {};
  const strings = body.strings;
  return typeof strings === "object" && strings !== null ? { ...strings } : {};
};

describe("the staff console page", () => {
  it("when /console/ is asked for, then the page comes with the strict CSP, no-store and no inline script or style", async () => {
    const res = await request(app).get("/console/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["content-security-policy"]).toBe(PAGE_CSP);
    expect(res.headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    const html = res.text;
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\/console\/[a-z-]+\.js"/);
      expect(body?.trim()).toBe("");
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("when /console is asked for without the slash, then it redirects to /console/", async () => {
    const res = await request(app).get("/console");
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe("/console/");
  });

  it("when the console's scripts and stylesheet are fetched, then each is served, never stored, under the same CSP", async () => {
    for (const file of ["console.js", "console-api.js", "console-format.js", "console-list.js", "console-summary.js", "console.css"]) {
      const res = await request(app).get(`/console/${file}`);
      expect([file, res.status]).toEqual([file, 200]);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-security-policy"]).toBe(PAGE_CSP);
      expect(res.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    }
    const css = await request(app).get("/console/console.css");
    expect(css.text).toMatch(/@page\s*\{\s*size:\s*A4;\s*margin:\s*12mm;?\s*\}/);
    expect(css.text).toContain("@media print");
  });

  it("when a file that does not exist is asked for, then the answer is a 404 and no page", async () => {
    const res = await request(app).get("/console/nothing-here.js");
    expect(res.status).toBe(404);
  });

  it("when the console's strings are asked for in each language, then both have the same keys and cover every label of the page", async () => {
    const ko = stringsOf((await request(app).get("/api/ui-strings/console?lang=ko")).body);
    const en = stringsOf((await request(app).get("/api/ui-strings/console?lang=en")).body);
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    expect(ko["login.heading"]).toBe("직원 로그인");
    expect(en["login.heading"]).toBe("Staff sign-in");
    expect(ko["specialty.debt"]).toBe("채무조정");
    const html = (await request(app).get("/console/")).text;
    const used = [...html.matchAll(/data-i18n(?:-aria-label)?="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(used.filter((key) => typeof ko[key] !== "string" || typeof en[key] !== "string")).toEqual([]);
  });
});
