import { existsSync } from "node:fs";
import path from "node:path";
import type { Response } from "express";
import express, { Router } from "express";
import type { Translator } from "../i18n/create-translator";
import type { LocaleTree } from "../i18n/load-locales";
import { listKeys, loadLocales } from "../i18n/load-locales";
import { requestLang } from "../http/request-context";
import { PAGE_CSP } from "./web-page-routes";

export type ConsolePageDeps = {
  translator: Translator;
  /** The `console.*` subtree that lists the console's strings; read from locales/ when not given. */
  consoleStrings?: LocaleTree;
  /** Folder of the console's static files; found next to the sources or from dist/ when not given. */
  consoleDir?: string;
};

/**
 * The staff console at `/console/` (static pages under the chat page's CSP, never cached, since
 * they show residents' data once signed in) and `GET /api/ui-strings/console` for its labels.
 * The data itself comes from the staff API, which checks the session; these pages hold none.
 */
export function consolePageRoutes(deps: ConsolePageDeps): Router {
  const router = Router();
  const consoleDir = deps.consoleDir ?? findConsoleDir();
  const keys = listKeys(deps.consoleStrings ?? consoleSubtree(loadLocales().ko));

  router.get("/api/ui-strings/console", (req, res) => {
    const lang = requestLang(req);
    const t = deps.translator.forLang(lang);
    const strings = Object.fromEntries(keys.map((key) => [key, t(`console.${key}`)]));
    res.setHeader("Cache-Control", "no-cache");
    res.json({ lang, strings });
  });

  // Routing ignores a trailing slash, so the bare path is told apart by hand: relative links in
  // the page only resolve under /console/.
  router.get("/console", (req, res, next) => {
    if (req.path.endsWith("/")) {
      next();
      return;
    }
    setConsoleHeaders(res);
    res.redirect(308, "/console/");
  });

  router.get(["/console/", "/console/index.html"], (_req, res, next) => {
    setConsoleHeaders(res);
    res.sendFile(path.join(consoleDir, "index.html"), (error) => {
      if (error) next(error);
    });
  });

  router.use("/console", express.static(consoleDir, {
    index: false, dotfiles: "ignore", fallthrough: true, redirect: false,
    setHeaders: (res) => setConsoleHeaders(res),
  }));
  return router;
}

function setConsoleHeaders(res: Response): void {
  res.setHeader("Content-Security-Policy", PAGE_CSP);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Robots-Tag", "noindex");
}

function consoleSubtree(tree: LocaleTree): LocaleTree {
  const strings = tree.console;
  return typeof strings === "object" ? strings : {};
}

/** server/web/console from the sources, or the same folder when running from dist/server/web. */
function findConsoleDir(): string {
  const candidates = [path.resolve(__dirname, "console"), path.resolve(__dirname, "../../../server/web/console")];
  return candidates.find((dir) => existsSync(path.join(dir, "index.html"))) ?? candidates[0] ?? path.resolve("server/web/console");
}
