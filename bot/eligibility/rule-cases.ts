import { z } from "zod";
import { caseFactsSchema } from "../../flows/schema/case-facts";
import { serviceIds, urgentCodes } from "../../flows/schema/catalog";
import type { RuleSet } from "../../flows/schema/rules";
import type { EvaluationCore } from "./score-services";
import { scoreServices } from "./score-services";

const service = z.enum(serviceIds);

/** A rule case: facts in, expected services, urgent notices and loan checks out (OpenFisca-style test data). */
export const ruleCaseSchema = z.strictObject({
  name: z.string().regex(/^when .+, then .+/, "name a case 'when …, then …'"),
  asOf: z.iso.date(),
  facts: caseFactsSchema,
  expect: z.strictObject({
    include: z.array(z.strictObject({ service, tier: z.enum(["likely", "possible", "insufficient_data"]).optional() })).optional(),
    exclude: z.array(service).optional(),
    /** Exactly these urgent codes, in this order. */
    urgent: z.array(z.enum(urgentCodes)).optional(),
    urgentExclude: z.array(z.enum(urgentCodes)).optional(),
    loans: z.array(z.strictObject({
      index: z.number().int(),
      aprPct: z.number().optional(),
      overLegalCap: z.boolean().optional(),
      wholeContractVoid: z.boolean().optional(),
      /** An instalment loan's rate on the declining balance, and whether that rate is over the cap. */
      decliningBalanceAprPct: z.number().optional(),
      decliningBalanceOverLegalCap: z.boolean().optional(),
    })).optional(),
    /** Exactly these missing CaseFacts paths (any order). */
    missingFor: z.partialRecord(service, z.array(z.string())).optional(),
    /** The service's reasons include these keys. */
    reasons: z.partialRecord(service, z.array(z.string())).optional(),
    /** The service's reasons include none of these keys. */
    noReasons: z.partialRecord(service, z.array(z.string())).optional(),
    /** The headline's text key, e.g. rules.headline.likely. */
    headline: z.string().optional(),
    /**
     * Exactly these near misses, nearest first ([] for none); each may name its text key and the
     * fact change behind it (a case with the fact changed so shows the service as likely).
     */
    nearMisses: z.array(z.strictObject({
      service,
      key: z.string().optional(),
      fact: z.string().optional(),
      value: z.number().optional(),
    })).optional(),
  }),
});
export type RuleCase = z.infer<typeof ruleCaseSchema>;
export const ruleCaseListSchema = z.array(ruleCaseSchema);

/** One file of rule cases, named as shipped (`debt.cases.yaml`). */
export type RuleCaseFile = { file: string; cases: RuleCase[] };
export type RuleCaseProblem = { path: string; message: string };

/**
 * The rule-set publish gate: every case scored against `ruleSet`; one problem per failed
 * expectation, its path `rule-cases/<file>#<case name>`. Empty means every case passes.
 */
export function runRuleCases(ruleSet: RuleSet, files: readonly RuleCaseFile[]): RuleCaseProblem[] {
  return files.flatMap(({ file, cases }) => cases.flatMap((ruleCase) =>
    checkRuleCase(ruleSet, ruleCase).map((message) => ({ path: `rule-cases/${file}#${ruleCase.name}`, message }))));
}

/** What one case expected and did not get, in words; empty when the case passes. */
export function checkRuleCase(ruleSet: RuleSet, ruleCase: RuleCase): string[] {
  const result = scoreServices(ruleSet, ruleCase.facts, ruleCase.asOf);
  const find = (id: string) => result.recommendations.find((r) => r.service === id);
  const want = ruleCase.expect;
  const failures: string[] = [];
  for (const { service: id, tier } of want.include ?? []) {
    const found = find(id);
    if (!found) failures.push(`expected ${id} to be shown; it was left out`);
    else if (tier !== undefined && found.tier !== tier) failures.push(`expected ${id} as ${tier}; it was ${found.tier}`);
  }
  for (const id of want.exclude ?? []) {
    const found = find(id);
    if (found) failures.push(`expected ${id} to be left out; it was shown as ${found.tier}`);
  }
  const codes = result.urgent.map((u) => u.code);
  if (want.urgent && !sameList(codes, want.urgent)) failures.push(`expected urgent [${want.urgent.join(", ")}]; got [${codes.join(", ")}]`);
  for (const code of want.urgentExclude ?? []) {
    if (codes.includes(code)) failures.push(`expected no urgent ${code}; it was given`);
  }
  for (const loan of want.loans ?? []) failures.push(...checkLoan(result, loan));
  for (const [id, missing] of Object.entries(want.missingFor ?? {})) {
    const got = [...(find(id)?.missing ?? [])].sort();
    if (!sameList(got, [...missing].sort())) failures.push(`expected ${id} to miss [${[...missing].sort().join(", ")}]; it missed [${got.join(", ")}]`);
  }
  for (const [id, keys] of Object.entries(want.reasons ?? {})) {
    const found = find(id)?.reasons.map((m) => m.key);
    const absent = found === undefined ? keys : keys.filter((key) => !found.includes(key));
    if (keys.length > 0 && absent.length > 0) failures.push(`expected ${id}'s reasons to include ${absent.join(", ")}`);
  }
  for (const [id, keys] of Object.entries(want.noReasons ?? {})) {
    const present = (find(id)?.reasons.map((m) => m.key) ?? []).filter((key) => keys.includes(key));
    if (present.length > 0) failures.push(`expected ${id}'s reasons to leave out ${present.join(", ")}`);
  }
  if (want.headline !== undefined && result.headline.key !== want.headline) failures.push(`expected the headline ${want.headline}; got ${result.headline.key}`);
  if (want.nearMisses) failures.push(...checkNearMisses(result, want.nearMisses));
  return failures;
}

function checkNearMisses(result: EvaluationCore, want: NonNullable<RuleCase["expect"]["nearMisses"]>): string[] {
  const got = result.nearMisses.map((n) => `${n.service} ${n.message.key} ${n.change.fact}=${n.change.value}`);
  const matches = got.length === want.length && want.every((w, i) => {
    const n = result.nearMisses[i];
    return n !== undefined && n.service === w.service && (w.key === undefined || n.message.key === w.key)
      && (w.fact === undefined || n.change.fact === w.fact) && (w.value === undefined || n.change.value === w.value);
  });
  return matches ? [] : [`expected near misses [${want.map((w) => [w.service, w.key, w.fact === undefined ? undefined : `${w.fact}=${w.value}`].filter(Boolean).join(" ")).join("; ")}]; got [${got.join("; ")}]`];
}

/** The rules that never hold (likely or possible) in any case: each rule should be exercised by one. */
export function listUnexercisedRules(ruleSet: RuleSet, files: readonly RuleCaseFile[]): string[] {
  const fired = new Set(files.flatMap(({ cases }) => cases.flatMap((c) =>
    scoreServices(ruleSet, c.facts, c.asOf).recommendations.filter((r) => r.tier !== "insufficient_data").flatMap((r) => r.ruleIds))));
  return ruleSet.rules.map((r) => r.id).filter((id) => !fired.has(id));
}

const LOAN_FIELDS = ["index", "aprPct", "overLegalCap", "wholeContractVoid"] as const;
const DECLINING_FIELDS = ["decliningBalanceAprPct", "decliningBalanceOverLegalCap"] as const;

function checkLoan(result: EvaluationCore, want: NonNullable<RuleCase["expect"]["loans"]>[number]): string[] {
  const got = result.loans?.[want.index];
  if (!got) return [`expected loan ${want.index} to be checked; it was not`];
  const declining = got.aprByMethod?.find((m) => m.method === "declining_balance");
  const gotDeclining = { decliningBalanceAprPct: declining?.aprPct, decliningBalanceOverLegalCap: declining?.overLegalCap };
  const differing = LOAN_FIELDS.filter((key) => want[key] !== undefined && got[key] !== want[key])
    .map((key) => `expected loan ${want.index} ${key} ${String(want[key])}; got ${String(got[key])}`);
  const differingDeclining = DECLINING_FIELDS.filter((key) => want[key] !== undefined && gotDeclining[key] !== want[key])
    .map((key) => `expected loan ${want.index} ${key} ${String(want[key])}; got ${String(gotDeclining[key])}`);
  return [...differing, ...differingDeclining];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
