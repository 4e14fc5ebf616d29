import type { Router } from "express";
import type { Route } from "../http/define-route";
import type { Translator } from "../i18n/create-translator";
import type { LocaleTree } from "../i18n/load-locales";
import { listKeys, loadLocales } from "../i18n/load-locales";
import { findPageDir, staticPageRoutes } from "./static-page-routes";

export type AdminPageDeps = {
  translator: Translator;
  /** The locale tree whose `admin*` top-level keys list the pages' strings; read from locales/ when not given. */
  locales?: LocaleTree;
  /** Folder of the admin pages' static files; found next to the sources or from dist/ when not given. */
  adminDir?: string;
};

/**
 * The admin editor pages at `/admin/` (flow editor, rule parameters, schedule) and
 * `GET /api/ui-strings/admin` for their labels: every key under a top-level locale key starting
 * with "admin" (`admin.*`, `adminRules.*`, …), by full key. The data comes from /api/admin,
 * which checks the session and role.
 */
export function adminPageRoutes(deps: AdminPageDeps): { router: Router; routes: Route[] } {
  return staticPageRoutes({
    mount: "/admin", dir: deps.adminDir ?? findPageDir("admin"), translator: deps.translator,
    strings: { page: "admin editor", path: "/api/ui-strings/admin", keys: adminKeys(deps.locales ?? loadLocales().ko), textKey: (key) => key },
  });
}

/** Every dotted key under the tree's top-level keys that start with "admin". */
function adminKeys(tree: LocaleTree): string[] {
  return Object.entries(tree).flatMap(([top, value]) => {
    if (!top.startsWith("admin")) return [];
    return typeof value === "string" ? [top] : listKeys(value, top);
  });
}
