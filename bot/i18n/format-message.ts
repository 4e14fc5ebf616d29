import { formatWon } from "../parse/format-won";
import type { Lang } from "../types";
import { isParticlePair, pickParticle } from "./korean-particle";

/**
 * The one message format of every text we show, on the server and in the browser
 * (`server/web/public` fills its own strings with the same rules, checked by one shared test):
 * - `{{name}}` is replaced by the param `name`; a missing param leaves the placeholder as it is;
 * - `{{name, number}}` groups a number (3,000,000); `{{name, money}}` says an amount of won as
 *   people say it (3,000만원, 1억 2,000만원; "30 million won");
 * - `{{name, date}}` and `{{name, datetime}}` show a Seoul time ("12월 3일 (목)", "12월 3일 (목)
 *   오후 2시"; "Thu, Dec 3", "Thu, Dec 3, 2 pm"); `{{name, month}}` a month written YYYY-MM
 *   ("2020년 4월"; "April 2020");
 * - `{{name, 을/를}}` (이/가, 은/는, 과/와, 이에요/예요, 으로/로 …) adds the Korean particle that fits
 *   how the value ends ("사전채무조정을", "버전 2를"); English ignores it;
 * - `$t(other.key)` is replaced by the text of another key (at most 5 levels deep);
 *   `$t(other.key, 을/를)` adds the particle that fits how that text ends ("$t(services.x.name, 이/가)").
 */
export type MessageParams = Readonly<Record<string, string | number>>;
export type FormatOptions = { lang: Lang; lookup?: (key: string) => string | undefined };

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*(?:,\s*([^}]+?)\s*)?\}\}/g;
const NESTED = /\$t\(([A-Za-z0-9_.]+)(?:\s*,\s*([^)]+?)\s*)?\)/g;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MAX_NESTING = 5;
const NUMBERS: Record<Lang, Intl.NumberFormat> = { ko: new Intl.NumberFormat("ko"), en: new Intl.NumberFormat("en") };
const WEEKDAYS: Record<Lang, readonly string[]> = { ko: ["일", "월", "화", "수", "목", "금", "토"], en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SEOUL_OFFSET_MS = 9 * 3_600_000;

/**
 * Fills `template` with `params`, then puts in the `$t(key)` texts `lookup` resolves (filled with
 * the same params, so "$t(booking.specialty.{{specialty}})" works); an unresolved one is left as
 * written.
 */
export function formatMessage(template: string, params: MessageParams, options: FormatOptions, depth = 0): string {
  const filled = template.replace(PLACEHOLDER, (whole, name: string, format: string | undefined) => {
    const value = params[name];
    return value === undefined ? whole : formatValue(value, format, options.lang) ?? whole;
  });
  if (depth >= MAX_NESTING || !filled.includes("$t(")) return filled;
  return filled.replace(NESTED, (whole, key: string, particle: string | undefined) => {
    const nested = options.lookup?.(key);
    if (nested === undefined || (particle !== undefined && !isParticlePair(particle))) return whole;
    const text = formatMessage(nested, params, options, depth + 1);
    return particle === undefined || options.lang !== "ko" ? text : `${text}${pickParticle(text, particle)}`;
  });
}

function formatValue(value: string | number, format: string | undefined, lang: Lang): string | undefined {
  if (format === undefined) return String(value);
  if (format === "number") return typeof value === "number" ? NUMBERS[lang].format(value) : String(value);
  if (format === "money") return typeof value === "number" ? formatWon(value, lang) : String(value);
  if (format === "month") return typeof value === "string" ? formatMonth(value, lang) : String(value);
  if (format === "date" || format === "datetime") return typeof value === "string" ? formatSeoulTime(value, lang, format === "datetime") : String(value);
  if (isParticlePair(format)) return lang === "ko" ? `${value}${pickParticle(String(value), format)}` : String(value);
  return undefined;
}

/** "2020-04" as "2020년 4월" or "April 2020"; anything else comes back as it was. */
function formatMonth(value: string, lang: Lang): string {
  const match = MONTH.exec(value);
  if (!match) return value;
  const [, year = "", month = ""] = match;
  return lang === "ko" ? `${year}년 ${Number(month)}월` : `${MONTH_NAMES[Number(month) - 1] ?? ""} ${year}`;
}

/** An ISO instant as a Seoul date, with the time when asked; anything else comes back as it was. */
function formatSeoulTime(iso: string, lang: Lang, withTime: boolean): string {
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
