// Rule parameter values on the rules page: shown as text by unit, and read from the form's inputs
// (one number or text input, or ten number inputs for a table by household size).
import { el } from "./admin-common.js";

const HOUSEHOLD_SIZES = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
const NUMBER_UNITS = new Set(["krw", "pct", "pct_of_median", "days", "months", "years", "count", "score"]);

/** A value as text in the page's language: won grouped, tables as "1인 2,564,238원 · …". */
export function formatValue(value, unit, t, lang) {
  const number = (n) => Number(n).toLocaleString(lang === "ko" ? "ko-KR" : "en-US");
  if (unit === "krw_by_household_size" && typeof value === "object" && value !== null) {
    return HOUSEHOLD_SIZES.filter((size) => value[size] !== undefined)
      .map((size) => t("adminRules.value.householdItem", { size, amount: number(value[size]) })).join(" · ");
  }
  if (typeof value === "number") return t(`adminRules.unit.${unit}`, { value: number(value) });
  return String(value);
}

/**
 * Draws the inputs for one unit into `container`, prefilled with `current` (the value in force),
 * and returns `read()`: {ok: true, value} or {ok: false, message} when an input is not usable.
 */
export function renderValueInputs(container, unit, current, t) {
  container.replaceChildren();
  if (unit === "krw_by_household_size") {
    const inputs = HOUSEHOLD_SIZES.map((size) => el("input", {
      id: `add-size-${size}`, class: "input", type: "number", min: "1", step: "1", inputmode: "numeric",
      value: current && typeof current === "object" && current[size] !== undefined ? String(current[size]) : "",
    }));
    container.append(el("fieldset", { class: "household-table" },
      el("legend", {}, t("adminRules.add.tableLegend")),
      el("p", { class: "hint" }, t("adminRules.add.tableHint")),
      el("div", { class: "household-grid" }, HOUSEHOLD_SIZES.map((size, i) => el("div", { class: "field" },
        el("label", { for: `add-size-${size}` }, t("adminRules.add.householdSize", { size })), inputs[i])))));
    return () => {
      const value = {};
      for (const [i, size] of HOUSEHOLD_SIZES.entries()) {
        const text = inputs[i].value.trim();
        if (text === "") continue;
        const amount = Number(text);
        if (!Number.isInteger(amount) || amount < 1) return { ok: false, message: t("adminRules.add.badAmount", { size }) };
        value[size] = amount;
      }
      return Object.keys(value).length ? { ok: true, value } : { ok: false, message: t("adminRules.add.emptyTable") };
    };
  }
  const numeric = NUMBER_UNITS.has(unit);
  const type = numeric ? "number" : unit === "date" ? "date" : unit === "month" ? "month" : "text";
  const input = el("input", {
    id: "add-value-input", class: "input", type, step: unit === "pct" ? "any" : numeric ? "1" : null, min: numeric ? "0" : null,
    inputmode: numeric ? "decimal" : null, value: current === undefined || current === null ? "" : String(current), "aria-describedby": "add-value-hint",
  });
  container.append(el("div", { class: "field" },
    el("label", { for: "add-value-input" }, t("adminRules.add.value")), input,
    el("p", { id: "add-value-hint", class: "hint" }, t(`adminRules.unitHint.${unit}`))));
  return () => {
    const text = input.value.trim();
    if (text === "") return { ok: false, message: t("adminRules.add.emptyValue") };
    if (!numeric) return { ok: true, value: text };
    const number = Number(text);
    return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, message: t("adminRules.add.emptyValue") };
  };
}
