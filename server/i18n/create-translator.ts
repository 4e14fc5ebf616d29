import i18next from "i18next";
import type { Msg } from "../../bot/types";
import type { LocaleTree, SupportedLang } from "./load-locales";
import { SUPPORTED_LANGS } from "./load-locales";

export type Translate = (key: string, params?: Record<string, string | number>) => string;
export type Translator = {
  /** A translate function fixed to one language, with the center's details as default params. */
  forLang: (lang: SupportedLang) => Translate;
  msg: (lang: SupportedLang, msg: Msg) => string;
  /** The key's text in every language (for matching typed option labels). */
  allLanguages: (key: string) => string[];
  /** Adds (or replaces) texts by dotted key, e.g. a published flow version's wording overrides. */
  addTexts: (lang: SupportedLang, texts: ReadonlyMap<string, string>) => void;
};

/** `{{name}}` or `{{name, number}}`: the only interpolations the fast path renders itself. */
const INTERPOLATION = /\{\{\s*([A-Za-z0-9_]+)\s*(?:,\s*(number)\s*)?\}\}/g;
/** Anything else i18next must render: other formats, nesting, plurals. */
const NEEDS_I18NEXT = /\$t\(|\{\{\s*[A-Za-z0-9_]+\s*,\s*(?!number\s*\}\})/;

function flatten(tree: LocaleTree, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else flatten(value, full, out);
  }
  return out;
}

/** Builds one i18next instance over the merged locale trees; Korean first, English complete. */
export function createTranslator(locales: Record<SupportedLang, LocaleTree>, defaults: Record<SupportedLang, Record<string, string>>): Translator {
  const instance = i18next.createInstance();
  void instance.init({
    lng: "ko", fallbackLng: "ko", supportedLngs: [...SUPPORTED_LANGS], initAsync: false,
    resources: { ko: { translation: locales.ko }, en: { translation: locales.en } },
    interpolation: { escapeValue: false }, returnNull: false, returnEmptyString: false,
  });
  const fixed = Object.fromEntries(SUPPORTED_LANGS.map((lang) => [lang, instance.getFixedT(lang)]));
  const flat = { ko: flatten(locales.ko), en: flatten(locales.en) };
  // The same formatter i18next's `number` format uses (Intl.NumberFormat of the language).
  const numberFormats = { ko: new Intl.NumberFormat("ko"), en: new Intl.NumberFormat("en") };
  const forLang = (lang: SupportedLang): Translate => {
    const t = fixed[lang];
    return (key, params) => {
      // Fast path for plain interpolation (the hot path of every turn); i18next handles plurals
      // (a `count` param), nesting and fallbacks.
      const template = flat[lang].get(key);
      if (template !== undefined && (params === undefined || !("count" in params)) && !NEEDS_I18NEXT.test(template)) {
        return template.replace(INTERPOLATION, (whole, name: string, format: string | undefined) => {
          const value = params?.[name] ?? defaults[lang][name];
          if (value === undefined) return whole;
          return format === "number" && typeof value === "number" ? numberFormats[lang].format(value) : String(value);
        });
      }
      return t ? String(t(key, { ...defaults[lang], ...params })) : key;
    };
  };
  const translators = { ko: forLang("ko"), en: forLang("en") };
  return {
    forLang: (lang) => translators[lang],
    msg: (lang, msg) => translators[lang](msg.key, msg.params),
    allLanguages: (key) => SUPPORTED_LANGS.map((lang) => translators[lang](key)).filter((text) => text !== key),
    addTexts: (lang, texts) => {
      for (const [key, text] of texts) {
        flat[lang].set(key, text);
        instance.addResource(lang, "translation", key, text);
      }
    },
  };
}
