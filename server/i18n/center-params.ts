import type { Config } from "../config";
import type { SupportedLang } from "./load-locales";

/** The center's details from configuration, as interpolation defaults for every message. */
export function centerParams(config: Config): Record<SupportedLang, Record<string, string>> {
  const of = (lang: SupportedLang) => ({
    centerName: lang === "ko" ? config.CENTER_NAME_KO : config.CENTER_NAME_EN,
    centerPhone: config.CENTER_PHONE,
    centerAddress: lang === "ko" ? config.CENTER_ADDRESS_KO : config.CENTER_ADDRESS_EN,
    centerDirections: lang === "ko" ? config.CENTER_DIRECTIONS_KO : config.CENTER_DIRECTIONS_EN,
    centerUrl: config.CENTER_URL,
  });
  return { ko: of("ko"), en: of("en") };
}
