// Strings, dates and labels for the console: all text goes in through textContent (the pages'
// one DOM helper and message format are ../shared/el.js and ../shared/format-message.js).

const SEOUL = "Asia/Seoul";

/** A label for a code under a prefix (`status.arrived`), or the code itself. */
export function label(strings, prefix, code) {
  return strings[`${prefix}.${code}`] ?? String(code);
}

const locale = (lang) => (lang === "en" ? "en-GB" : "ko-KR");

/** YYYY-MM-DD of an instant in Seoul. */
export function seoulDate(instant) {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: SEOUL, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
  return parts;
}

/** YYYY-MM-DD plus n days (calendar arithmetic at noon UTC, so no zone can shift the day). */
export function addDays(day, n) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

export function dayLabel(day, lang) {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: "UTC", month: "long", day: "numeric", weekday: "short" }).format(new Date(`${day}T12:00:00Z`));
}

export function timeLabel(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? "");
  return new Intl.DateTimeFormat("en-GB", { timeZone: SEOUL, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

export function dateTimeLabel(iso, lang) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? "");
  return new Intl.DateTimeFormat(locale(lang), { timeZone: SEOUL, dateStyle: "medium", timeStyle: "short", hourCycle: "h23" }).format(date);
}

export function dayOf(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : seoulDate(date);
}

/** The flags an appointment or intake reports as urgent, as codes, whatever shape they come in. */
export function flagCodes(flags) {
  if (Array.isArray(flags)) return flags.map((f) => (typeof f === "string" ? f : f?.kind ?? f?.code ?? f?.type)).filter(Boolean);
  if (flags && typeof flags === "object") return Object.entries(flags).filter(([, on]) => on === true).map(([code]) => code);
  return [];
}
