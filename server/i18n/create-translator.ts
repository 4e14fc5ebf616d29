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
};

/** Builds one i18next instance over the merged locale trees; Korean first, English complete. */
export function createTranslator(locales: Record<SupportedLang, LocaleTree>, defaults: Record<SupportedLang, Record<string, string>>): Translator {
  const instance = i18next.createInstance();
  void instance.init({
    lng: "ko", fallbackLng: "ko", supportedLngs: [...SUPPORTED_LANGS], initAsync: false,
    resources: { ko: { translation: locales.ko }, en: { translation: locales.en } },
    interpolation: { escapeValue: false }, returnNull: false, returnEmptyString: false,
  });
  const fixed = Object.fromEntries(SUPPORTED_LANGS.map((lang) => [lang, instance.getFixedT(lang)]));
  const forLang = (lang: SupportedLang): Translate => {
    const t = fixed[lang];
    return (key, params) => (t ? String(t(key, { ...defaults[lang], ...params })) : key);
  };
  const translators = { ko: forLang("ko"), en: forLang("en") };
  return {
    forLang: (lang) => translators[lang],
    msg: (lang, msg) => translators[lang](msg.key, msg.params),
    allLanguages: (key) => SUPPORTED_LANGS.map((lang) => translators[lang](key)).filter((text) => text !== key),
  };
}
