import { z } from "zod";
import type { Translator } from "../i18n/create-translator";
import type { Route } from "../http/define-route";
import { NO_BODY, NO_PARAMS, defineRoute } from "../http/define-route";
import { lenientLangQuerySchema, requestLang } from "../http/request-context";

const uiStringsSchema = z.object({ lang: z.enum(["ko", "en"]), strings: z.record(z.string(), z.string()) });

/**
 * `GET <path>?lang=`: a page's own labels as `{lang, strings}`, each of `keys` with its text from
 * `locales/` at `textKey(key)`. Open to anyone (the labels hold no data), never cached, so a
 * wording change reaches the pages at once.
 */
export function uiStringsRoute(options: { path: string; page: string; keys: readonly string[]; textKey: (key: string) => string; translator: Translator }): Route {
  return defineRoute({
    method: "get", path: options.path, summary: `The ${options.page}'s own labels`,
    body: NO_BODY, query: z.object({ lang: lenientLangQuerySchema }).loose(), params: { schema: NO_PARAMS },
    success: { status: 200, description: "Each label key with its text in the request's language (?lang=, else Accept-Language, else Korean)", schema: uiStringsSchema },
    problems: {},
    handle: async ({ req, res }) => {
      const lang = requestLang(req);
      const t = options.translator.forLang(lang);
      res.setHeader("Cache-Control", "no-cache");
      return { lang, strings: Object.fromEntries(options.keys.map((key) => [key, t(options.textKey(key))])) };
    },
  });
}
