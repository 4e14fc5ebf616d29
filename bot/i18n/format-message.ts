/**
 * The one message format of every text we show, on the server and in the browser
 * (`server/web/public` fills its own strings with the same rules, checked by one shared test):
 * - `{{name}}` is replaced by the param `name`; a missing param leaves the placeholder as it is;
 * - `{{name, number}}` formats a number for the language (3,000,000);
 * - `$t(other.key)` is replaced by the text of another key (at most 5 levels deep).
 */
export type MessageParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*(?:,\s*(number)\s*)?\}\}/g;
const NESTED = /\$t\(([A-Za-z0-9_.]+)\)/g;
const MAX_NESTING = 5;

/**
 * Fills `template` with `params`, then puts in the `$t(key)` texts `lookup` resolves (filled with
 * the same params, so "$t(booking.specialty.{{specialty}})" works); an unresolved one is left as
 * written.
 */
export function formatMessage(
  template: string, params: MessageParams, options: { numbers: Intl.NumberFormat; lookup?: (key: string) => string | undefined }, depth = 0,
): string {
  const filled = template.replace(PLACEHOLDER, (whole, name: string, format: string | undefined) => {
    const value = params[name];
    if (value === undefined) return whole;
    return format === "number" && typeof value === "number" ? options.numbers.format(value) : String(value);
  });
  if (depth >= MAX_NESTING || !filled.includes("$t(")) return filled;
  return filled.replace(NESTED, (whole, key: string) => {
    const nested = options.lookup?.(key);
    return nested === undefined ? whole : formatMessage(nested, params, options, depth + 1);
  });
}
