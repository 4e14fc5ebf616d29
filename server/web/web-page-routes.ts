import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Response } from "express";
import express, { Router } from "express";
import type { Translator } from "../i18n/create-translator";
import type { LocaleTree } from "../i18n/load-locales";
import { listKeys, loadLocales } from "../i18n/load-locales";
import type { Route } from "../http/define-route";
import { uiStringsRoute } from "./ui-strings-route";

export type WebPageDeps = {
  translator: Translator;
  /** The `web.*` subtree that lists the page's strings; read from locales/ when not given. */
  webStrings?: LocaleTree;
  /** Folder of the page's static files; found next to the sources or from dist/ when not given. */
  publicDir?: string;
  /** Folder of the browser modules every page shares (server/web/shared); found like publicDir when not given. */
  sharedDir?: string;
};

/** The page may load only what we serve: no inline script or style, no other origin. */
export const PAGE_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join("; ");

/**
 * The chat page at `/`, its static assets, and `GET /api/ui-strings` for the page's own labels.
 * The page is sent with the center's configured number written into its Korean fallbacks, so
 * it can offer the number even when no API call ever answers. Also `/shared/*.js`: the browser
 * modules the chat page, the staff console and the admin pages all import (DOM helper, API
 * client, message format, page strings), under the same CSP.
 */
export function webPageRoutes(deps: WebPageDeps): { router: Router; routes: Route[] } {
  const router = Router();
  const publicDir = deps.publicDir ?? findPublicDir();
  const labels = uiStringsRoute({
    path: "/api/ui-strings", page: "chat page", keys: listKeys(deps.webStrings ?? webSubtree(loadLocales().ko)), textKey: (key) => `web.${key}`, translator: deps.translator,
  });
  labels.mount(router);
  const centerPhone = deps.translator.forLang("ko")("web.center.phone");
  let page: Promise<string> | undefined;
  const chatPage = () => {
    page ??= readFile(path.join(publicDir, "index.html"), "utf8").then((html) => fillCenterPhone(html, centerPhone), (error: unknown) => {
      page = undefined;
      throw error;
    });
    return page;
  };

  router.get(["/", "/index.html"], async (_req, res) => {
    const html = await chatPage();
    setPageHeaders(res);
    res.type("html").send(html);
  });

  router.use("/shared", express.static(deps.sharedDir ?? findPageFolder("shared", "format-message.js"), {
    index: false, dotfiles: "ignore", fallthrough: true, redirect: false,
    setHeaders: (res) => setPageHeaders(res),
  }));

  router.use(express.static(publicDir, {
    index: false, dotfiles: "ignore", fallthrough: true, redirect: false,
    setHeaders: (res) => setPageHeaders(res),
  }));
  return { router, routes: [labels] };
}

function setPageHeaders(res: Response): void {
  res.setHeader("Content-Security-Policy", PAGE_CSP);
  res.setHeader("Cache-Control", "no-cache");
  res.setHeader("Referrer-Policy", "no-referrer");
}

/** The page's `{{centerPhone}}` placeholders as the configured number, escaped for HTML. */
function fillCenterPhone(html: string, phone: string): string {
  const escaped = phone.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return html.replaceAll("{{centerPhone}}", escaped);
}

function webSubtree(tree: LocaleTree): LocaleTree {
  const web = tree.web;
  return typeof web === "object" ? web : {};
}

/** server/web/public from the sources, or the same folder when running from dist/server/web. */
function findPublicDir(): string {
  return findPageFolder("public", "index.html");
}

/** server/web/<folder> (the one holding `marker`) from the sources, or from dist/server/web. */
function findPageFolder(folder: string, marker: string): string {
  const candidates = [path.resolve(__dirname, folder), path.resolve(__dirname, "../../../server/web", folder)];
  return candidates.find((dir) => existsSync(path.join(dir, marker))) ?? candidates[0] ?? path.resolve("server/web", folder);
}
