// @ts-check
// The one message format of bot/i18n/format-message.ts, for the browser pages (chat, console,
// admin): `{{name}}`, `{{name, number}}`, `{{name, money}}` (3,000만원), `{{name, date}}` and
// `{{name, datetime}}` in Seoul time (12월 3일 (목) 오후 2시), `{{name, 을/를}}` and the other
// particle pairs, `$t(key)` through `lookup`. A missing param or an unknown format leaves the
// placeholder as written. test/unit/i18n/browser-format-message.test.ts holds this twin and the
// server's to the same cases (test/fixtures/i18n/message-format-cases.ts).
import { formatWon } from "./format-won.js";
import { isParticlePair, pickParticle } from "./korean-particle.js";

/** @typedef {"ko" | "en"} Lang */
/** @typedef {Readonly<Record<string, string | number>>} MessageParams */
/** @typedef {{ lang: Lang, lookup?: (key: string) => string | undefined }} FormatOptions */
/** @typedef {Record<string, string>} Strings a page's labels by key, in one language */

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*(?:,\s*([^}]+?)\s*)?\}\}/g;
const NESTED = /\$t\(([A-Za-z0-9_.]+)\)/g;
const MAX_NESTING = 5;
/** @type {Record<Lang, readonly string[]>} */
const WEEKDAYS = { ko: ["일", "월", "화", "수", "목", "금", "토"], en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SEOUL_OFFSET_MS = 9 * 3_600_000;

/**
 * Fills `template` with `params`, then the `$t(key)` texts `lookup` resolves.
 * @param {string} template
 * @param {MessageParams} params
 * @param {FormatOptions} options
 * @param {number} [depth]
 * @returns {string}
 */
export function formatMessage(template, params, options, depth = 0) {
  const filled = template.replace(PLACEHOLDER, (whole, /** @type {string} */ name, /** @type {string | undefined} */ format) => {
    const value = params[name];
    return value === undefined ? whole : formatValue(value, format, options.lang) ?? whole;
  });
  if (depth >= MAX_NESTING || !filled.includes("$t(")) return filled;
  return filled.replace(NESTED, (whole, /** @type {string} */ key) => {
    const nested = options.lookup?.(key);
    return nested === undefined ? whole : formatMessage(nested, params, options, depth + 1);
  });
}

/**
 * A page label filled in: the text of `key` in `strings` (the key itself when missing) with
 * `params`. `lang` matters only for numbers, amounts, dates and particles. A page's strings
 * arrive with their `$t(key)` already resolved by the server, so none is looked up here: a
 * param that happens to read "$t(…)" (a name someone typed) stays as it is.
 * @param {Strings} strings
 * @param {string} key
 * @param {MessageParams} [params]
 * @param {Lang} [lang]
 */
export function format(strings, key, params = {}, lang = "ko") {
  return formatMessage(strings[key] ?? key, params, { lang });
}

/**
 * @param {string | number} value
 * @param {string | undefined} format
 * @param {Lang} lang
 * @returns {string | undefined}
 */
function formatValue(value, format, lang) {
  if (format === undefined) return String(value);
  if (format === "number") return typeof value === "number" ? new Intl.NumberFormat(lang).format(value) : String(value);
  if (format === "money") return typeof value === "number" ? formatWon(value, lang) : String(value);
  if (format === "date" || format === "datetime") return typeof value === "string" ? formatSeoulTime(value, lang, format === "datetime") : String(value);
  if (isParticlePair(format)) return lang === "ko" ? `${value}${pickParticle(String(value), format)}` : String(value);
  return undefined;
}

/**
 * An ISO instant as a Seoul date, with the time when asked; anything else comes back as it was.
 * @param {string} iso
 * @param {Lang} lang
 * @param {boolean} withTime
 */
function formatSeoulTime(iso, lang, withTime) {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const seoul = new Date(ms + SEOUL_OFFSET_MS);
  const [month, day, weekday, hour, minute] = [seoul.getUTCMonth(), seoul.getUTCDate(), seoul.getUTCDay(), seoul.getUTCHours(), seoul.getUTCMinutes()];
  const dow = WEEKDAYS[lang][weekday] ?? "";
  const date = lang === "ko" ? `${month + 1}월 ${day}일 (${dow})` : `${dow}, ${MONTHS[month] ?? ""} ${day}`;
  if (!withTime) return date;
  const half = hour % 12 === 0 ? 12 : hour % 12;
  if (lang === "ko") return `${date} ${hour < 12 ? "오전" : "오후"} ${half}시${minute === 0 ? "" : ` ${minute}분`}`;
  return `${date}, ${half}${minute === 0 ? "" : `:${String(minute).padStart(2, "0")}`} ${hour < 12 ? "am" : "pm"}`;
}
