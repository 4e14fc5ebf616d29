import { z } from "zod";
import { serviceIds, urgentCodes } from "./catalog";
import { conditionSchema } from "./condition";

const isoDate = z.iso.date();
const krw = z.number().int().min(0);

/** Dotted snake_case, e.g. "ccrs.unsecured_cap_krw"; at least one dot, so it never reads as a fact. */
export const paramIdSchema = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, "a parameter id such as ccrs.unsecured_cap_krw");
const ruleId = z.string().regex(/^[a-z][a-z0-9_]*$/, "a rule id in snake_case");
const i18nKey = z.string().regex(/^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/, "an i18n key such as rules.reason.pre_workout");
const factName = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/, "a fact path such as overdueDays");

/**
 * What a parameter's values mean. `pct_of_median` values are whole percentages of 기준 중위소득
 * (the scorer compares incomes against them exactly); `krw_by_household_size` is a table keyed by
 * household size ("1".."10"); `phone` is a number as dialled, menu steps allowed ("1332→3→6").
 */
export const parameterUnits = [
  "krw", "pct", "pct_of_median", "days", "months", "years", "count", "score", "date", "month", "phone",
  "krw_by_household_size",
] as const;
export type ParameterUnit = (typeof parameterUnits)[number];

export const householdTableSchema = z.record(z.string().regex(/^([1-9]|10)$/, "a household size 1..10"), krw.min(1));
export const parameterValueSchema = z.union([z.number(), z.string(), householdTableSchema]);
export type ParameterValue = z.infer<typeof parameterValueSchema>;

const valueCheckByUnit: Record<ParameterUnit, z.ZodType> = {
  krw,
  pct: z.number().min(0).max(1000),
  pct_of_median: z.number().int().min(0).max(1000),
  days: z.number().int().min(0),
  months: z.number().int().min(0),
  years: z.number().int().min(0),
  count: z.number().int().min(0),
  score: z.number().int().min(0).max(1000),
  date: isoDate,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM"),
  phone: z.string().regex(/^[0-9][0-9\- →]*$/, "a phone number such as 1600-5500 or 1332→3→6"),
  krw_by_household_size: householdTableSchema,
};

const datedValueSchema = z.strictObject({
  effectiveFrom: isoDate,
  value: parameterValueSchema,
  /** Overrides the parameter's source and confirmation for this one value. */
  source: z.string().min(1).optional(),
  confirmed: z.boolean().optional(),
});

/**
 * A threshold or figure with its history (OpenFisca style): each value applies from its
 * `effectiveFrom` until the next one. `confirmed: false` marks figures the reference calls [S]
 * (press or blog only) or [U] (unconfirmed).
 */
export const parameterSchema = z.strictObject({
  id: paramIdSchema,
  description: z.string().min(1),
  unit: z.enum(parameterUnits),
  source: z.string().min(1),
  confirmed: z.boolean(),
  values: z.array(datedValueSchema).min(1),
}).superRefine((parameter, ctx) => {
  parameter.values.forEach((entry, index) => {
    const check = valueCheckByUnit[parameter.unit].safeParse(entry.value);
    if (!check.success) {
      ctx.addIssue({ code: "custom", path: ["values", index, "value"], message: `not a valid ${parameter.unit} value: ${check.error.issues[0]?.message ?? ""}` });
    }
    const previous = parameter.values[index - 1];
    if (previous && previous.effectiveFrom >= entry.effectiveFrom) {
      ctx.addIssue({ code: "custom", path: ["values", index, "effectiveFrom"], message: "values must be in increasing effectiveFrom order" });
    }
  });
});
export type Parameter = z.infer<typeof parameterSchema>;

/** A message parameter: a literal, a fact's value, or a parameter's value as of the evaluation date. */
export const valueRefSchema = z.union([
  z.string(), z.number(),
  z.strictObject({ fact: factName }),
  z.strictObject({ param: paramIdSchema }),
]);
export type ValueRef = z.infer<typeof valueRefSchema>;

/** Text as an i18n key; the scorer resolves fact and parameter references into plain params. */
export const messageTemplateSchema = z.strictObject({
  key: i18nKey,
  params: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, "a param name such as days"), valueRefSchema).optional(),
});
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;

/** A date written out, or a `date` parameter (e.g. an application deadline). */
export const dateRefSchema = z.union([isoDate, z.strictObject({ param: paramIdSchema })]);
export type DateRef = z.infer<typeof dateRefSchema>;

export const boostSchema = z.strictObject({
  when: conditionSchema,
  /** Added to the rule's score when `when` holds; 0 adds only the reason. */
  score: z.number().int().min(0).max(100),
  reason: messageTemplateSchema,
});
export type Boost = z.infer<typeof boostSchema>;

/**
 * One eligibility rule for one service. True → "likely" (or `maxTier`), unknown → insufficient
 * data, false → the service is left out. A rule is in force between `effectiveFrom` and `until`
 * (inclusive) and only while every parameter it names has a value on the evaluation date.
 */
export const ruleSchema = z.strictObject({
  id: ruleId,
  service: z.enum(serviceIds),
  /** Where the rule comes from, e.g. "domain-ko.md §7 rule 2 (P5 P6)". */
  source: z.string().min(1),
  when: conditionSchema,
  score: z.number().int().min(1).max(100),
  /** Caps the tier for programs whose status or figures are unconfirmed. */
  maxTier: z.literal("possible").optional(),
  reasons: z.array(messageTemplateSchema).min(1),
  boosts: z.array(boostSchema).optional(),
  nextSteps: z.array(messageTemplateSchema).min(1),
  effectiveFrom: dateRefSchema.optional(),
  until: dateRefSchema.optional(),
});
export type Rule = z.infer<typeof ruleSchema>;

/** A warning that must reach the resident before anything else; fires only when `when` is true. */
export const urgentRuleSchema = z.strictObject({
  id: ruleId,
  code: z.enum(urgentCodes),
  source: z.string().min(1),
  when: conditionSchema,
  message: messageTemplateSchema,
});
export type UrgentRule = z.infer<typeof urgentRuleSchema>;

/**
 * How a resident reaches the help behind an urgent code: the number to dial (a `phone`
 * parameter, so admins keep it current with its source) and the label of its call button. Every
 * channel shows urgent help from this one table.
 */
export const urgentContactSchema = z.strictObject({
  code: z.enum(urgentCodes),
  label: i18nKey,
  phone: z.strictObject({ param: paramIdSchema }),
});
export type UrgentContact = z.infer<typeof urgentContactSchema>;

export const ruleSetSchema = z.strictObject({
  version: z.string().min(1),
  parameters: z.array(parameterSchema),
  rules: z.array(ruleSchema).min(1),
  urgent: z.array(urgentRuleSchema),
  /** One contact per urgent code. */
  contacts: z.array(urgentContactSchema),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
