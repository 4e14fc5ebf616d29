import { z } from "zod";
import { serviceIds, urgentCodes } from "../../flows/schema/catalog";
import type { ChatInput } from "../conversation/chat-input";
import type { ChatTurn } from "../conversation/chat-turn";
import { REFINE_OPTION_ID } from "../conversation/run-conversation";
import type { ChatContext, ChatStep } from "../conversation/step-chat";
import { startChat, stepChat } from "../conversation/step-chat";

/** A typed answer ("네 빚 있어요"), or a tap on an option or a typed text as the channels send them. */
const answerSchema = z.union([
  z.string().min(1),
  z.strictObject({ text: z.string().min(1) }),
  z.strictObject({ optionId: z.string().min(1) }),
]);

/**
 * A resident's walk through a flow, as data: answers by question id, and what the first result
 * (or, with `refine`, the result after the questions left for later) must show. A `typed` case
 * answers every question it is asked by typing, as people do: a question it has no answer for,
 * a tap, or a typed answer the flow asks again fails it. Other cases let unnamed questions take
 * "continue", "no", "none" or their first option.
 */
export const smokeCaseSchema = z.strictObject({
  name: z.string().min(1),
  lang: z.enum(["ko", "en"]).default("ko"),
  /** The day the case is walked on, when it is not the gate's (a rule that starts later, say). */
  asOf: z.iso.datetime({ offset: true }).optional(),
  typed: z.boolean().default(false),
  refine: z.boolean().default(false),
  answers: z.record(z.string(), answerSchema),
  expect: z.strictObject({
    end: z.string().optional(),
    /** Services that must be offered (likely or possible). */
    services: z.array(z.enum(serviceIds)),
    /** Services that must not be offered (a court procedure for a debt that can be repaid, say); "more information needed" is not an offer. */
    absent: z.array(z.enum(serviceIds)).default([]),
    /** Urgent help that must be on screen at the result. */
    urgent: z.array(z.enum(urgentCodes)).default([]),
  }),
}).superRefine((smoke, ctx) => {
  if (!smoke.typed) return;
  for (const [node, answer] of Object.entries(smoke.answers)) {
    if (typeof answer !== "string") ctx.addIssue({ code: "custom", path: ["answers", node], message: "a typed case answers in words, as a string" });
  }
});
export type SmokeCase = z.output<typeof smokeCaseSchema>;
export const smokeCaseListSchema = z.strictObject({ cases: z.array(smokeCaseSchema).min(1) });

/** What one walk showed: questions answered before the first result, and what went wrong. */
export type SmokeRun = { name: string; questionsToFirstResult: number | undefined; problems: string[] };

const MAX_TURNS = 80;
const FALLBACK_IDS = ["continue", "no", "none"];

/** Walks one case through the conversation core every channel uses (safety, commands, triage). */
export function walkSmokeCase(ctx: ChatContext, smoke: SmokeCase, gateNow: string): SmokeRun {
  const now = smoke.asOf ?? gateNow;
  let step: ChatStep = startChat(ctx, smoke.lang, now);
  let questions = 0;
  let firstResult: number | undefined;
  const run = (problem?: string): SmokeRun => ({ name: smoke.name, questionsToFirstResult: firstResult, problems: problem === undefined ? [] : [problem] });
  for (let i = 0; i < MAX_TURNS; i++) {
    const turn = step.turn;
    if (turn.done) {
      if (turn.evaluation !== undefined) firstResult ??= questions;
      if (!smoke.refine || !turn.options.some((o) => o.id === REFINE_OPTION_ID)) return { ...run(), problems: checkResult(smoke, turn) };
      step = next(ctx, step, { kind: "option", id: REFINE_OPTION_ID }, now);
      continue;
    }
    const input = inputFor(smoke, turn);
    if (typeof input === "string") return run(input);
    const after = next(ctx, step, input, now);
    const taken = after.turn.nodeId !== turn.nodeId || after.turn.progress.answered !== turn.progress.answered;
    if (!taken) return run(`"${turn.nodeId}": the answer ${describe(input)} was asked again`);
    questions += 1;
    step = after;
  }
  return run(`no result within ${MAX_TURNS} turns; it rests at "${step.turn.nodeId}"`);
}

type Message = Extract<ChatInput, { kind: "text" | "option" }>;

/** The case's answer to this turn, or why there is none. */
function inputFor(smoke: SmokeCase, turn: ChatTurn): Message | string {
  const given = smoke.answers[turn.nodeId];
  if (typeof given === "string") return { kind: "text", text: given };
  if (given !== undefined) return "text" in given ? { kind: "text", text: given.text } : { kind: "option", id: given.optionId };
  if (smoke.typed) return `"${turn.nodeId}" was asked, and the resident has no answer for it`;
  const ids = turn.options.map((o) => o.id);
  const id = FALLBACK_IDS.find((f) => ids.includes(f)) ?? ids[0];
  return id === undefined ? `"${turn.nodeId}" takes typed input and the case gives none` : { kind: "option", id };
}

function next(ctx: ChatContext, step: ChatStep, input: Message, now: string): ChatStep {
  if (step.session === undefined) throw new Error("a smoke case never erases its conversation");
  const after = stepChat(ctx, step.session, input, now);
  if (after.pending !== undefined) throw new Error(`a smoke case asked for a ${after.pending.effect.kind} effect, which needs the server`);
  return after;
}

function describe(input: Message): string {
  return input.kind === "text" ? `"${input.text}"` : `(tap ${input.id})`;
}

function checkResult(smoke: SmokeCase, turn: ChatTurn): string[] {
  const got: string[] = turn.evaluation?.recommendations.filter((r) => r.tier !== "insufficient_data").map((r) => r.service) ?? [];
  const urgent: string[] = turn.urgent.map((u) => u.code);
  const gotText = got.join(", ") || "none";
  return [
    ...(smoke.expect.end !== undefined && turn.nodeId !== smoke.expect.end ? [`ended at "${turn.nodeId}", expected "${smoke.expect.end}"`] : []),
    ...smoke.expect.services.filter((s) => !got.includes(s)).map((s) => `${s} expected, not recommended (got ${gotText})`),
    ...smoke.expect.absent.filter((s) => got.includes(s)).map((s) => `${s} recommended, expected absent`),
    ...smoke.expect.urgent.filter((code) => !urgent.includes(code)).map((code) => `urgent ${code} expected on screen (got ${urgent.join(", ") || "none"})`),
  ];
}

/** The median and the largest questions-to-first-result of runs that reached a result. */
export function questionStats(runs: readonly SmokeRun[]): { median: number; max: number } | undefined {
  const counts = runs.flatMap((r) => (r.questionsToFirstResult === undefined ? [] : [r.questionsToFirstResult])).sort((a, b) => a - b);
  if (counts.length === 0) return undefined;
  const mid = Math.floor(counts.length / 2);
  const median = counts.length % 2 === 1 ? counts[mid]! : (counts[mid - 1]! + counts[mid]!) / 2;
  return { median, max: counts[counts.length - 1]! };
}

/** What a frightened resident is owed: a first result within this many questions (median of the cases, and any one). */
export const FIRST_RESULT_TARGET = { median: 12, max: 18 } as const;
