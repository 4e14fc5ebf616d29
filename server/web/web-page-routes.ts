import { existsSync } from "node:fs";
import path from "node:path";
import type { Response } from "express";
import express, { Router } from "express";
import type { Translator } from "../i18n/create-translator";
import type { LocaleTree } from "../i18n/load-locales";
import { listKeys, loadLocales } from "../i18n/load-locales";
import { requestLang } from "../http/request-context";

export type WebPageDeps = {
  translator: Translator;
  /** The `web.*` subtree that lists the page's strings; read from locales/ when not given. */
  webStrings?: LocaleTree;
  /** Folder of the page's static files; found next to the sources or from dist/ when not given. */
  publicDir?: string;
};

/** The page may load only what we serve: no inline script or style, no other origin. */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join("; ");

/** The chat page at `/`, its static assets, and `GET /api/ui-strings` for the page's own labels. */
export function webPageRoutes(deps: WebPageDeps): Router {
  const router = Router();
  const publicDir = deps.publicDir ?? findPublicDir();
  const keys = listKeys(deps.webStrings ?? webSubtree(loadLocales().ko));

  router.get("/api/ui-strings", (req, res) => {
    const lang = requestLang(req);
    const t = deps.translator.forLang(lang);
    const strings = Object.fromEntries(keys.map((key) => [key, t(`web.${key}`)]));
    res.setHeader("Cache-Control", "no-cache");
    res.json({ lang, strings });
  });

  router.get(["/", "/index.html"], (_req, res, next) => {
    setPageHeaders(res);
    res.sendFile(path.join(publicDir, "index.html"), (error) => {
      if (error) next(error);
    });
  });

  router.use(express.static(publicDir, {
    index: false, dotfiles: "ignore", fallthrough: true, redirect: false,
    setHeaders: (res) => setPageHeaders(res),
  }));
  return router;
}

function setPageHeaders(res: Response): void {
  res.setHeader("Content-Security-Policy", PAGE_CSP);
  res.setHeader("Cache-Control", "no-cache");
  res.setHeader("Referrer-Policy", "no-referrer");
}

function webSubtree(tree: LocaleTree): LocaleTree {
  const web = tree.web;
  return typeof web === "object" ? web : {};
}

/** server/web/public from the sources, or the same folder when running from dist/server/web. */
function findPublicDir(): string {
  const candidates = [path.resolve(__dirname, "public"), path.resolve(__dirname, "../../../server/web/public")];
  return candidates.find((dir) => existsSync(path.join(dir, "index.html"))) ?? candidates[0] ?? path.resolve("server/web/public");
}
