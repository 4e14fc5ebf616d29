import { z } from "zod";
import { conditionSchema } from "./condition";

/** An i18n key (e.g. "flow.debt.total.question"); flows never hold literal copy. */
const textKey = z.string().regex(/^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/, "an i18n key such as flow.debt.question");
const nodeId = z.string().regex(/^[a-z][a-z0-9_]*$/, "a node id in snake_case");
const scalar = z.union([z.string(), z.number(), z.boolean()]);
/** A CaseFacts path ("illegalLending.loans.0.days") or a session variable ("vars.consent"). */
const target = z.string().regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/, "a fact path such as householdSize or vars.consent");

const question = {
  id: nodeId,
  text: textKey,
  hint: textKey.optional(),
  /** Skip the question when its target already holds a value (e.g. told earlier in free text). */
  skipWhenKnown: z.boolean().default(true),
  /**
   * Where "몰라요" / "I don't know" leads; the fact stays missing. Without it: a choice's option
   * with id `unknown`, else `next`, else (yes/no) `onNo`.
   */
  onUnknown: nodeId.optional(),
  /**
   * Only refines the result: asked after the first result, when the resident chooses to answer
   * a few more ("몇 가지 더 답하면 더 정확해져요"), never before it.
   */
  detail: z.boolean().default(false),
};

const optionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/),
  label: textKey,
  /** Extra typed words that select this option, in any language. */
  synonyms: z.array(z.string().min(1)).default([]),
  value: scalar.nullable().optional(),
  next: nodeId.optional(),
});
export type FlowOption = z.infer<typeof optionSchema>;

/**
 * Says something and goes on. An `intro` ("이제 생활 형편을 여쭤볼게요") introduces the questions
 * after it: it is said when the next of them is asked, and left unsaid when the walk passes them
 * (nothing there can change the result, or they come after the first result).
 */
export const messageNodeSchema = z.strictObject({ type: z.literal("message"), id: nodeId, text: textKey, next: nodeId, intro: z.boolean().optional() });
export const singleChoiceNodeSchema = z.strictObject({
  ...question, type: z.literal("single_choice"), save: target.optional(), options: z.array(optionSchema).min(2).max(30), next: nodeId.optional(),
});
export const multiChoiceNodeSchema = z.strictObject({
  ...question, type: z.literal("multi_choice"), save: target,
  options: z.array(optionSchema).min(2).max(30),
  /** An option (e.g. "none of these") that cannot be combined with others and saves []. */
  exclusiveOption: z.string().optional(),
  next: nodeId,
});
export const yesNoNodeSchema = z.strictObject({
  ...question, type: z.literal("yes_no"), save: target.optional(),
  next: nodeId.optional(), onYes: nodeId.optional(), onNo: nodeId.optional(),
});
export const moneyNodeSchema = z.strictObject({
  ...question, type: z.literal("money"), save: target,
  /** How to read a bare number such as "350": as won, or as 만원 (350만원). */
  bareUnit: z.enum(["won", "man"]).default("man"),
  /**
   * The period the amount is asked for: a figure stated per month at a yearly question ("한 달에
   * 100만원") is multiplied by 12, one stated per year at a monthly question divided by 12, and
   * the resident is told. Absent: the figure is taken as stated.
   */
  per: z.enum(["month", "year"]).optional(),
  next: nodeId,
});
export const numberNodeSchema = z.strictObject({
  ...question, type: z.literal("number"), save: target, min: z.number().int(), max: z.number().int(), next: nodeId,
});
export const durationNodeSchema = z.strictObject({
  ...question, type: z.literal("duration"), save: target, unit: z.enum(["days", "months"]), next: nodeId,
});
export const freeTextNodeSchema = z.strictObject({
  ...question, type: z.literal("free_text"), save: target.optional(), maxLength: z.number().int().min(1).max(2000).default(500), next: nodeId,
});
export const branchNodeSchema = z.strictObject({
  type: z.literal("branch"), id: nodeId,
  cases: z.array(z.strictObject({ when: conditionSchema, next: nodeId })).min(1),
  /** Taken when no case is true, including when a case cannot be decided yet. */
  otherwise: nodeId,
});
export const setFactNodeSchema = z.strictObject({
  type: z.literal("set_fact"), id: nodeId,
  set: z.array(z.strictObject({ target, value: z.union([scalar, z.array(z.string())]).nullable() })).min(1),
  next: nodeId,
});
export const evaluateNodeSchema = z.strictObject({ type: z.literal("evaluate"), id: nodeId, next: nodeId });
export const endNodeSchema = z.strictObject({
  type: z.literal("end"), id: nodeId, text: textKey,
  /** What the channel offers next: a booking at the center, or nothing. */
  offer: z.enum(["booking", "none"]),
});

export const flowNodeSchema = z.discriminatedUnion("type", [
  messageNodeSchema, singleChoiceNodeSchema, multiChoiceNodeSchema, yesNoNodeSchema, moneyNodeSchema,
  numberNodeSchema, durationNodeSchema, freeTextNodeSchema, branchNodeSchema, setFactNodeSchema,
  evaluateNodeSchema, endNodeSchema,
]);
export type FlowNode = z.infer<typeof flowNodeSchema>;
export type QuestionNode = Extract<FlowNode, { text: string; skipWhenKnown: boolean }>;

export const flowSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  version: z.number().int().min(1),
  start: nodeId,
  nodes: z.array(flowNodeSchema).min(1),
});
export type Flow = z.infer<typeof flowSchema>;
export type FlowInput = z.input<typeof flowSchema>;

export function isQuestionNode(node: FlowNode): node is QuestionNode {
  return "skipWhenKnown" in node;
}
