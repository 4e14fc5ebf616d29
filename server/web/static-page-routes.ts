import { existsSync } from "node:fs";
import path from "node:path";
import type { Response } from "express";
import express, { Router } from "express";
import type { Translator } from "../i18n/create-translator";
import type { Route } from "../http/define-route";
import { PAGE_CSP } from "./web-page-routes";
import { uiStringsRoute } from "./ui-strings-route";

export type StaticPageOptions = {
  /** Where the pages are served, e.g. "/console" (the folder's index.html at "/console/"). */
  mount: string;
  /** The folder of the static files. */
  dir: string;
  translator: Translator;
  /** `GET <path>?lang=` answers `{lang, strings}`: each key with its text from `locales/` at `textKey(key)` (ui-strings-route.ts). */
  strings: { path: string; page: string; keys: readonly string[]; textKey: (key: string) => string };
};

/**
 * Pages for signed-in users (the staff console, the admin editor): static files under the chat
 * page's CSP, never cached (they show residents' data once signed in), never indexed, plus one
 * route for their labels. The data itself comes from an API that checks the session; the pages hold none.
 */
export function staticPageRoutes(options: StaticPageOptions): { router: Router; routes: Route[] } {
  const router = Router();
  const { mount, dir } = options;
  const labels = uiStringsRoute({ ...options.strings, translator: options.translator });
  labels.mount(router);

  // Routing ignores a trailing slash, so the bare path is told apart by hand: relative links in
  // the pages only resolve under `${mount}/`.
  router.get(mount, (req, res, next) => {
    if (req.path.endsWith("/")) {
      next();
      return;
    }
    setPageHeaders(res);
    res.redirect(308, `${mount}/`);
  });

  router.get([`${mount}/`, `${mount}/index.html`], (_req, res, next) => {
    setPageHeaders(res);
    res.sendFile(path.join(dir, "index.html"), (error) => {
      if (error) next(error);
    });
  });

  router.use(mount, express.static(dir, {
    index: false, dotfiles: "ignore", fallthrough: true, redirect: false,
    setHeaders: (res) => setPageHeaders(res),
  }));
  return { router, routes: [labels] };
}

function setPageHeaders(res: Response): void {
  res.setHeader("Content-Security-Policy", PAGE_CSP);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Robots-Tag", "noindex");
}

/** server/web/<folder> from the sources, or the same folder when running from dist/server/web. */
export function findPageDir(folder: string): string {
  const candidates = [path.resolve(__dirname, folder), path.resolve(__dirname, "../../../server/web", folder)];
  return candidates.find((dir) => existsSync(path.join(dir, "index.html"))) ?? candidates[0] ?? path.resolve("server/web", folder);
}
