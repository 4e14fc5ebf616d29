import type { DraftFacts } from "../../flows/schema/case-facts";
import { draftFactsSchema } from "../../flows/schema/case-facts";
import { readPath, writePath } from "../conversation/fact-paths";
import { parseYesNo } from "../parse/parse-yes-no";
import { normalizeText } from "../parse/normalize-text";
import type { Msg } from "../types";

export type ConfirmationReply = "confirm" | "fix" | "unclear";

/** Option ids of the confirmation turn: yes, or fix (drop the proposal and ask one by one). */
export const CONFIRM_OPTION_IDS = { confirm: "extract_confirm", fix: "extract_fix" } as const;

const FIX_WORDS = new Set(["수정", "고칠게요", "다시", "틀려요", "틀렸어요", "아니에요", "fix", "wrong"].map(normalizeText));

/** Paths shown to the resident, in reading order; each has a line key under flow.extract.fact. */
const SHOWN: ReadonlyArray<{ path: string; key: string; money?: boolean }> = [
  { path: "totalDebtKrw", key: "totalDebt", money: true },
  { path: "overdueDays", key: "overdueDays" },
  { path: "illegalLending.loans.0.receivedKrw", key: "loanReceived", money: true },
  { path: "illegalLending.threats", key: "threats" },
  { path: "illegalLending.sexualImages", key: "sexualImages" },
  { path: "illegalLending.contactsTaken", key: "contactsTaken" },
  { path: "illegalLending.familyOrWorkContacted", key: "familyOrWork" },
  { path: "illegalLending.nightContacts", key: "night" },
  { path: "employment", key: "unemployed" },
  { path: "selfHarmRisk", key: "selfHarm" },
];

/**
 * "이렇게 이해했어요: …  — 맞나요?" as messages: one line per proposed fact, amounts in won
 * (the texts say them as people do, `{{won, money}}`). Lists (creditors, crises) get a line per item.
 */
export function toConfirmationMessages(proposal: DraftFacts): Msg[] {
  const lines: Msg[] = [];
  for (const { path, key, money } of SHOWN) {
    const value = readPath(proposal, path);
    if (typeof value === "number") {
      lines.push({ key: `flow.extract.fact.${key}`, params: money ? { won: value } : { days: value, months: Math.round(value / 30) } });
    } else if (value !== undefined) lines.push({ key: `flow.extract.fact.${key}` });
  }
  for (const creditor of proposal.creditorTypes ?? []) lines.push({ key: `flow.extract.creditor.${creditor}` });
  for (const event of proposal.crisisEvents ?? []) lines.push({ key: `flow.extract.crisis.${event}` });
  return [{ key: "flow.extract.intro" }, ...lines, { key: "flow.extract.question" }];
}

/** Reads the resident's answer to the confirmation: a tap, a yes, or a no / "수정". */
export function readConfirmation(input: { text?: string; optionId?: string }): ConfirmationReply {
  if (input.optionId === CONFIRM_OPTION_IDS.confirm) return "confirm";
  if (input.optionId === CONFIRM_OPTION_IDS.fix) return "fix";
  if (input.text === undefined) return "unclear";
  if (FIX_WORDS.has(normalizeText(input.text))) return "fix";
  const yesNo = parseYesNo(input.text);
  if (!yesNo.ok) return "unclear";
  return yesNo.value ? "confirm" : "fix";
}

/**
 * The confirmed proposal written into the facts: only where the fact is still unknown (what
 * the resident answered to a question beats what we read from a story), lists joined.
 */
export function applyProposal(facts: DraftFacts, proposal: DraftFacts): DraftFacts {
  let result: Record<string, unknown> = facts;
  for (const path of leafPaths(proposal)) {
    const value = readPath(proposal, path);
    const current = readPath(result, path);
    const next = Array.isArray(value) && Array.isArray(current) ? [...new Set([...current, ...value])] : current === undefined ? value : current;
    const parsed = draftFactsSchema.safeParse(writePath(result, path, next));
    if (parsed.success) result = parsed.data;
  }
  return draftFactsSchema.parse(result);
}

/** Paths of the proposal's values: arrays of scalars are one leaf; objects and loans are walked. */
export function leafPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) return [prefix];
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, `${prefix}.${i}`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => leafPaths(inner, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}
