import type { AnswerRow, SavingQuestion } from "../../bot/intake/compute-answer-rows";
import type { AnswerValue } from "../../bot/intake/intake-ports";
import type { QuestionNode } from "../../flows/schema/flow";
import type { Translate } from "../i18n/create-translator";

/**
 * An answer as a counsellor reads it, in the staff's language: "45일", "2,500만원", "2명", "네",
 * the option's label ("카드·카드론, 사채·미등록 대부"), "모름", "묻지 않음(해당 없음)". Never a raw
 * code; a range the resident tapped reads "월 150만원 초과~250만원 이하 (범위로 답함)". `t` carries the flow version's wording, so option labels read as the resident saw them.
 */
export function toAnswerText(row: AnswerRow, t: Translate): string {
  switch (row.status) {
    case "answered":
      // A tapped range is said as the range, never as the amount kept for the rules.
      return row.range !== undefined ? t("staff.answer.range", { range: t(row.range.label.key, row.range.label.params) })
        : toValueText(row.node, row.value, row.optionIds, t);
    case "told":
      return toValueText(row.node, row.value, row.optionIds, t);
    case "unknown":
      return t("staff.answer.unknown");
    case "not_asked":
      return t("staff.answer.notAsked");
    case "skipped":
      return t("staff.answer.skipped");
    case "later":
      return t("staff.answer.later");
  }
}

/**
 * The short label of a question for staff ("연체 기간"), kept per fact so every flow version that
 * asks the same thing reads the same; a question with no such label shows its own text.
 */
export function toAnswerLabel(node: SavingQuestion, t: Translate): string {
  return textOr(t, `staff.answer.label.${factKeyOf(node.save)}`, () => t(node.text));
}

/** A value saved by `node` (or a staff correction of it) as text; `optionIds` names the options it stands for. */
export function toValueText(node: QuestionNode | undefined, value: AnswerValue, optionIds: readonly string[], t: Translate): string {
  const options = node !== undefined && (node.type === "single_choice" || node.type === "multi_choice") ? node.options : [];
  const labels = optionIds.flatMap((id) => options.filter((o) => o.id === id).map((o) => t(o.label)));
  if (labels.length > 0) return labels.join(", ");
  if (value === null) return t("staff.answer.unknown");
  if (Array.isArray(value)) return value.length === 0 ? t("staff.answer.none") : value.map((item) => toValueText(undefined, item, [], t)).join(", ");
  if (typeof value === "boolean") return t(value ? "staff.answer.yes" : "staff.answer.no");
  if (typeof value === "number") return numberText(node, value, t);
  if (typeof value === "string") return value;
  return Object.entries(value).map(([key, item]) => `${key}: ${toValueText(undefined, item, [], t)}`).join(", ");
}

/**
 * A fact's value by its name alone, for facts no question of the flow saves: amounts (…Krw) as
 * people say them, …Days and …Months with their unit.
 */
export function toFactText(key: string, value: AnswerValue, t: Translate): string {
  if (typeof value === "number" && key.endsWith("Krw")) return t("staff.answer.unit.money", { won: value });
  if (typeof value === "number" && key.endsWith("Days")) return daysText(value, t);
  if (typeof value === "number" && key.endsWith("Months")) return monthsText(value, t);
  return toValueText(undefined, value, [], t);
}

/** "illegalLending.loans.0.days" → "illegalLending.loans.days": one label for every loan. */
export function factKeyOf(path: string): string {
  return path.split(".").filter((part) => !/^\d+$/.test(part)).join(".");
}

function numberText(node: QuestionNode | undefined, value: number, t: Translate): string {
  if (node?.type === "money") return t("staff.answer.unit.money", { won: value });
  if (node?.type === "duration") return node.unit === "days" ? daysText(value, t) : monthsText(value, t);
  if (node !== undefined && "save" in node && typeof node.save === "string") {
    const key = `staff.answer.unit.fact.${factKeyOf(node.save)}`;
    for (const candidate of value === 1 ? [`${key}One`, key] : [key]) {
      const text = t(candidate, { n: value });
      if (text !== candidate) return text;
    }
  }
  return t("staff.answer.unit.count", { n: value });
}

/** Days as asked; from 60 days on, also roughly in months ("90일 (약 3개월)"). */
function daysText(days: number, t: Translate): string {
  if (days === 1) return t("staff.answer.unit.daysOne", { n: days });
  if (days < 60) return t("staff.answer.unit.days", { n: days });
  return t("staff.answer.unit.daysAbout", { n: days, months: Math.round(days / 30) });
}

/** Months as asked; from a year on, also in years ("30개월 (2년 6개월)"). */
function monthsText(months: number, t: Translate): string {
  if (months === 1) return t("staff.answer.unit.monthsOne", { n: months });
  if (months < 12) return t("staff.answer.unit.months", { n: months });
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? t("staff.answer.unit.monthsYears", { n: months, years }) : t("staff.answer.unit.monthsYearsRest", { n: months, years, rest });
}

/** The key's text, or the fallback's when the key has none (a translator gives back the key itself). */
function textOr(t: Translate, key: string, fallback: () => string): string {
  const text = t(key);
  return text === key ? fallback() : text;
}
