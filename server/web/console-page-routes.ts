import type { Router } from "express";
import type { Route } from "../http/define-route";
import type { Translator } from "../i18n/create-translator";
import type { LocaleTree } from "../i18n/load-locales";
import { listKeys, loadLocales } from "../i18n/load-locales";
import { findPageDir, staticPageRoutes } from "./static-page-routes";

export type ConsolePageDeps = {
  translator: Translator;
  /** The `console.*` subtree that lists the console's strings; read from locales/ when not given. */
  consoleStrings?: LocaleTree;
  /** Folder of the console's static files; found next to the sources or from dist/ when not given. */
  consoleDir?: string;
};

/**
 * The staff console at `/console/` and `GET /api/ui-strings/console` for its labels (the keys of
 * `console.*`, without the prefix). The data itself comes from the staff API, which checks the
 * session; these pages hold none.
 */
export function consolePageRoutes(deps: ConsolePageDeps): { router: Router; routes: Route[] } {
  return staticPageRoutes({
    mount: "/console", dir: deps.consoleDir ?? findPageDir("console"), translator: deps.translator,
    strings: { page: "staff console", path: "/api/ui-strings/console", keys: listKeys(deps.consoleStrings ?? consoleSubtree(loadLocales().ko)), textKey: (key) => `console.${key}` },
  });
}

function consoleSubtree(tree: LocaleTree): LocaleTree {
  const strings = tree.console;
  return typeof strings === "object" ? strings : {};
}
