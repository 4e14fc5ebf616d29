// @ts-check
// The one message format of bot/i18n/format-message.ts, for the browser pages (chat, console,
// admin): `{{name}}`, `{{name, number}}`, `{{name, money}}` (3,000만원), `{{name, date}}` and
// `{{name, datetime}}` in Seoul time (12월 3일 (목) 오후 2시), `{{name, month}}` for YYYY-MM
// (2020년 4월), `{{name, 을/를}}` and the other particle pairs, `$t(key)` through `lookup` and
// `$t(key, 이/가)` with the particle that fits the nested text. A missing param or an unknown format leaves the
// placeholder as written. test/unit/i18n/browser-format-message.test.ts holds this twin and the
// server's to the same cases (test/fixtures/i18n/message-format-cases.ts).
import { formatWon } from "./format-won.js";
import { isParticlePair, pickParticle } from "./korean-particle.js";

/** @typedef {"ko" | "en"} Lang */
/** @typedef {Readonly<Record<string, string | number>>} MessageParams */
/** @typedef {{ lang: Lang, lookup?: (key: string) => string | undefined }} FormatOptions */
/** @typedef {Record<string, string>} Strings a page's labels by key, in one language */

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*(?:,\s*([^}]+?)\s*)?\}\}/g;
const NESTED = /\$t\(([A-Za-z0-9_.]+)(?:\s*,\s*([^)]+?)\s*)?\)/g;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MAX_NESTING = 5;
/** @type {Record<Lang, readonly string[]>} */
const WEEKDAYS = { ko: ["일", "월", "화", "수", "목", "금", "토"], en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SEOUL_OFFSET_MS = 9 * 3_600_000;

/**
 * Fills `template` with `params`, then the `$t(key)` and `$t(key, 을/를)` texts `lookup` resolves
 * (filled with the same params); an unresolved one, or one with an unknown particle, stays as written.
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
  return filled.replace(NESTED, (whole, /** @type {string} */ key, /** @type {string | undefined} */ particle) => {
    const nested = options.lookup?.(key);
    if (nested === undefined || (particle !== undefined && !isParticlePair(particle))) return whole;
    const text = formatMessage(nested, params, options, depth + 1);
    return particle === undefined || options.lang !== "ko" ? text : `${text}${pickParticle(text, particle)}`;
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
  if (format === "month") return typeof value === "string" ? formatMonth(value, lang) : String(value);
  if (format === "date" || format === "datetime") return typeof value === "string" ? formatSeoulTime(value, lang, format === "datetime") : String(value);
  if (isParticlePair(format)) return lang === "ko" ? `${value}${pickParticle(String(value), format)}` : String(value);
  return undefined;
}

/**
 * "2020-04" as "2020년 4월" or "April 2020"; anything else comes back as it was.
 * @param {string} value
 * @param {Lang} lang
 */
function formatMonth(value, lang) {
  const match = MONTH.exec(value);
  if (!match) return value;
  const [, year = "", month = ""] = match;
  return lang === "ko" ? `${year}년 ${Number(month)}월` : `${MONTH_NAMES[Number(month) - 1] ?? ""} ${year}`;
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
