import type { FlowWording } from "../../bot/conversation/engine-context";
import type { Msg } from "../../bot/types";
import { formatMessage } from "../../bot/i18n/format-message";
import type { LocaleTree, SupportedLang } from "./load-locales";
import { SUPPORTED_LANGS } from "./load-locales";

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * A flow version's own wording: texts by key, per language, laid over locales/ for the
 * conversations that run that version (and for its preview). Never shared between versions.
 */
type Wording = FlowWording;

export type Translator = {
  /** A translate function for one language, with the center's details as default params and a version's wording over locales/. */
  forLang: (lang: SupportedLang, wording?: Wording) => Translate;
  msg: (lang: SupportedLang, msg: Msg) => string;
  /** The key's text in every language (for matching typed option labels), with a version's wording first. */
  allLanguages: (key: string, wording?: Wording) => string[];
};

function flatten(tree: LocaleTree, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else flatten(value, full, out);
  }
  return out;
}

/**
 * Texts of locales/ (Korean first, English complete; a key missing in English falls back to
 * Korean), filled with `formatMessage`. Immutable: a flow version's wording is passed per call,
 * never added to a shared instance.
 */
export function createTranslator(locales: Record<SupportedLang, LocaleTree>, defaults: Record<SupportedLang, Record<string, string>>): Translator {
  const flat = { ko: flatten(locales.ko), en: flatten(locales.en) };
  const textOf = (lang: SupportedLang, key: string, wording: Wording | undefined): string | undefined =>
    wording?.[lang].get(key) ?? flat[lang].get(key) ?? (lang === "ko" ? undefined : wording?.ko.get(key) ?? flat.ko.get(key));
  const translate = (lang: SupportedLang, wording?: Wording): Translate => (key, params) => {
    const template = textOf(lang, key, wording);
    if (template === undefined) return key;
    return formatMessage(template, params === undefined ? defaults[lang] : { ...defaults[lang], ...params }, { lang, lookup: (nested) => textOf(lang, nested, wording) });
  };
  const plain = { ko: translate("ko"), en: translate("en") };
  return {
    forLang: (lang, wording) => (wording === undefined ? plain[lang] : translate(lang, wording)),
    msg: (lang, msg) => plain[lang](msg.key, msg.params),
    allLanguages: (key, wording) => SUPPORTED_LANGS.flatMap((lang) => {
      const text = textOf(lang, key, wording);
      return text === undefined ? [] : [formatMessage(text, defaults[lang], { lang, lookup: (nested) => textOf(lang, nested, wording) })];
    }),
  };
}
