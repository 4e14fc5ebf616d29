import { existsSync } from "node:fs";
import path from "node:path";
import type { Response } from "express";
import express, { Router } from "express";
import type { Translator } from "../i18n/create-translator";
import type { LocaleTree } from "../i18n/load-locales";
import { listKeys, loadLocales } from "../i18n/load-locales";
import { requestLang } from "../http/request-context";
import { PAGE_CSP } from "./web-page-routes";

export type AdminPageDeps = {
  translator: Translator;
  /** The locale tree whose `admin*` top-level keys list the pages' strings; read from locales/ when not given. */
  locales?: LocaleTree;
  /** Folder of the admin pages' static files; found next to the sources or from dist/ when not given. */
  adminDir?: string;
};

/**
 * The admin editor pages at `/admin/` (flow editor, rule parameters, schedule) as static files under
 * the chat page's CSP, never cached, and `GET /api/ui-strings/admin` for their labels: every key
 * under a top-level locale key starting with "admin" (`admin.*`, `adminRules.*`, …), by full key.
 * The data comes from /api/admin, which checks the session and role; these pages hold none.
 */
export function adminPageRoutes(deps: AdminPageDeps): Router {
  const router = Router();
  const adminDir = deps.adminDir ?? findAdminDir();
  const keys = adminKeys(deps.locales ?? loadLocales().ko);

  router.get("/api/ui-strings/admin", (req, res) => {
    const lang = requestLang(req);
    const t = deps.translator.forLang(lang);
    const strings = Object.fromEntries(keys.map((key) => [key, t(key)]));
    res.setHeader("Cache-Control", "no-cache");
    res.json({ lang, strings });
  });

  // Routing ignores a trailing slash, so the bare path is told apart by hand: relative links in
  // the pages only resolve under /admin/.
  router.get("/admin", (req, res, next) => {
    if (req.path.endsWith("/")) {
      next();
      return;
    }
    setAdminHeaders(res);
    res.redirect(308, "/admin/");
  });

  router.get(["/admin/", "/admin/index.html"], (_req, res, next) => {
    setAdminHeaders(res);
    res.sendFile(path.join(adminDir, "index.html"), (error) => {
      if (error) next(error);
    });
  });

  router.use("/admin", express.static(adminDir, {
    index: false, dotfiles: "ignore", fallthrough: true, redirect: false,
    setHeaders: (res) => setAdminHeaders(res),
  }));
  return router;
}

function setAdminHeaders(res: Response): void {
  res.setHeader("Content-Security-Policy", PAGE_CSP);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Robots-Tag", "noindex");
}

/** Every dotted key under the tree's top-level keys that start with "admin". */
function adminKeys(tree: LocaleTree): string[] {
  return Object.entries(tree).flatMap(([top, value]) => {
    if (!top.startsWith("admin")) return [];
    return typeof value === "string" ? [top] : listKeys(value, top);
  });
}

/** server/web/admin from the sources, or the same folder when running from dist/server/web. */
function findAdminDir(): string {
  const candidates = [path.resolve(__dirname, "admin"), path.resolve(__dirname, "../../../server/web/admin")];
  return candidates.find((dir) => existsSync(path.join(dir, "index.html"))) ?? candidates[0] ?? path.resolve("server/web/admin");
}
