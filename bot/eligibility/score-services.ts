import { z } from "zod";
import type { CaseFacts } from "../../flows/schema/case-facts";
import type { ServiceId, UrgentCode } from "../../flows/schema/catalog";
import { serviceIds, urgentCodes } from "../../flows/schema/catalog";
import type { DateRef, MessageTemplate, Rule, RuleSet } from "../../flows/schema/rules";
import type { ConditionResult } from "../conditions/evaluate-condition";
import { evaluateCondition } from "../conditions/evaluate-condition";
import type { Msg } from "../types";
import { msgSchema } from "../types";
import type { LoanApr } from "./compute-loan-apr";
import { computeLoanApr, loanAprSchema } from "./compute-loan-apr";
import type { FactReader } from "./derive-facts";
import { deriveFacts, factParams } from "./derive-facts";
import type { RuleRef } from "./list-rule-refs";
import { refsOfCondition, refsOfMessage, refsOfRuleCore, refsOfUrgentRule } from "./list-rule-refs";
import { stringParam } from "./param-as-of";
import { computeHeadline } from "./compute-headline";
import type { NearMiss } from "./find-near-misses";
import { findNearMisses } from "./find-near-misses";

export const tiers = ["likely", "possible", "insufficient_data"] as const;
export type Tier = (typeof tiers)[number];

export const recommendationSchema = z.strictObject({
  service: z.enum(serviceIds),
  tier: z.enum(tiers),
  /** 0..100, higher = more relevant now. */
  score: z.number(),
  reasons: z.array(msgSchema),
  /** CaseFacts paths that would settle an insufficient_data recommendation; empty otherwise. */
  missing: z.array(z.string()),
  nextSteps: z.array(msgSchema),
  /** The rules behind this recommendation: its trace. */
  ruleIds: z.array(z.string()),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const urgentNoticeSchema = z.strictObject({ code: z.enum(urgentCodes), message: msgSchema });
export type UrgentNotice = z.infer<typeof urgentNoticeSchema>;

/** What the rules alone give, before the headline and the near misses are worked out from it; intakes keep it. */
export const scoredServicesSchema = z.strictObject({
  asOf: z.iso.date(),
  rulesVersion: z.string(),
  /** Best first: by tier, then score; services that do not apply are left out. */
  recommendations: z.array(recommendationSchema),
  /** In the catalog's urgency order: 112 and 109 first. */
  urgent: z.array(urgentNoticeSchema),
  loans: z.array(loanAprSchema).optional(),
});
export type ScoredServices = z.infer<typeof scoredServicesSchema>;

export type EvaluationCore = ScoredServices & {
  /**
   * What we think, in one plain sentence, and that the center decides: from the top
   * recommendation, or pointing to the urgent help first when there is any.
   */
  headline: Msg;
  /** At most 3 services one threshold away, nearest first ("what would change it"). */
  nearMisses: NearMiss[];
};

/** Shown for a service when facts are missing; the rule's own reasons would claim too much. */
export const INSUFFICIENT_DATA_REASON = "rules.reason.insufficient_data";

type Outcome = { rule: Rule; tier: Tier; score: number; reasons: Msg[]; missing: string[]; nextSteps: Msg[] };

const tierRank: Record<Tier, number> = { likely: 3, possible: 2, insufficient_data: 1 };

/** What a caller scoring many variants needs: these services, and urgent help and loans only when asked. */
export type ScoringScope = { services: ReadonlySet<ServiceId>; urgent: boolean; loans: boolean };

/**
 * The whole evaluation of one case: the services scored by the rules in force on `asOf`, said in
 * one sentence (`headline`), with what would change it (`nearMisses`). Pure. `ranged` names the
 * facts the resident gave as a range (their value is an amount inside it): the headline never
 * quotes them as a figure.
 */
export function scoreServices(ruleSet: RuleSet, facts: CaseFacts, asOf: string, ranged: ReadonlySet<string> = new Set()): EvaluationCore {
  const scored = scoreRules(ruleSet, facts, asOf);
  const nearMisses = findNearMisses(ruleSet, facts, scored, (changed) => scoreTiers(ruleSet, changed, asOf, EVERY_SERVICE_AND_URGENT));
  const { asOf: date, rulesVersion, recommendations, urgent, loans } = scored;
  return { asOf: date, rulesVersion, headline: computeHeadline(scored, facts, ranged), recommendations, urgent, nearMisses, ...(loans ? { loans } : {}) };
}

/**
 * Scores every service for one case, applying the rules and parameters in force on `asOf`
 * (YYYY-MM-DD, the caller's clock). Pure: the same inputs always give the same evaluation.
 * The rules alone, for callers that score many variants of a case (the near misses, relevance);
 * `only` limits them to some services, and may leave out urgent help and loans.
 */
export function scoreRules(ruleSet: RuleSet, facts: CaseFacts, asOf: string, only?: ScoringScope): ScoredServices {
  const reader = deriveFacts(facts, ruleSet.parameters, asOf);
  const outcomes = ruleSet.rules
    .filter((rule) => (only === undefined || only.services.has(rule.service)) && inForce(rule, reader, asOf))
    .flatMap((rule) => evaluateRule(rule, reader));
  const byService = new Map<ServiceId, Outcome[]>();
  for (const outcome of outcomes) byService.set(outcome.rule.service, [...(byService.get(outcome.rule.service) ?? []), outcome]);
  const recommendations = serviceIds
    .flatMap((service) => mergeOutcomes(service, byService.get(service) ?? []) ?? [])
    .sort(byRank);
  const loans = loansOf(ruleSet, facts, asOf, only);
  const urgent = only?.urgent === false ? [] : scoreUrgent(ruleSet, reader);
  return { asOf, rulesVersion: ruleSet.version, recommendations, urgent, ...(loans ? { loans } : {}) };
}

/** What tells one result from another when only some services are compared: their tiers and scores, the urgent codes, the loans. */
export type ScoredTiers = {
  recommendations: Array<Pick<Recommendation, "service" | "tier" | "score">>;
  urgent: UrgentCode[];
  loans?: LoanApr[];
};

/**
 * `scoreRules` without the words: the same tiers, scores and order, urgent codes and loans,
 * for callers that compare many variants of a case (relevance) and never show them.
 */
export function scoreTiers(ruleSet: RuleSet, facts: CaseFacts, asOf: string, only: ScoringScope): ScoredTiers {
  const reader = deriveFacts(facts, ruleSet.parameters, asOf);
  const best = new Map<ServiceId, { tier: Tier; score: number }>();
  for (const rule of ruleSet.rules) {
    if (!only.services.has(rule.service) || !inForce(rule, reader, asOf)) continue;
    const judged = judgeRule(rule, reader);
    if (judged === undefined) continue;
    const held = best.get(rule.service);
    const rank = tierRank[judged.tier] - (held === undefined ? 0 : tierRank[held.tier]);
    if (held === undefined || rank > 0 || (rank === 0 && judged.score > held.score)) best.set(rule.service, judged);
  }
  const recommendations = serviceIds.flatMap((service) => {
    const found = best.get(service);
    return found === undefined ? [] : [{ service, tier: found.tier, score: found.score }];
  }).sort(byRank);
  const loans = loansOf(ruleSet, facts, asOf, only);
  const urgent = only.urgent ? urgentCodesRaised(ruleSet, reader) : [];
  return { recommendations, urgent, ...(loans ? { loans } : {}) };
}

/** The scope a near miss is judged in: every service's tier and the urgent help (loans do not decide it). */
const EVERY_SERVICE_AND_URGENT: ScoringScope = { services: new Set(serviceIds), urgent: true, loans: false };

const byRank = (a: Pick<Recommendation, "service" | "tier" | "score">, b: Pick<Recommendation, "service" | "tier" | "score">) =>
  tierRank[b.tier] - tierRank[a.tier] || b.score - a.score || serviceIds.indexOf(a.service) - serviceIds.indexOf(b.service);

function loansOf(ruleSet: RuleSet, facts: CaseFacts, asOf: string, only: ScoringScope | undefined): LoanApr[] | undefined {
  const lending = facts.illegalLending;
  return lending?.loans?.length && only?.loans !== false
    ? computeLoanApr(lending.loans, ruleSet.parameters, { asOf, abusive: lending.sexualImages === true || lending.threats === true })
    : undefined;
}

/**
 * A rule's verdict on one case: undefined when it does not hold; insufficient data (half its
 * score, at least 1) when it cannot tell; else its tier and its score with the boosts that hold.
 */
function judgeRule(rule: Rule, reader: FactReader): { tier: Tier; score: number; result: ConditionResult; boosts: NonNullable<Rule["boosts"]> } | undefined {
  const result = evaluateCondition(rule.when, reader);
  if (result.value === false) return undefined;
  if (result.value === undefined) return { tier: "insufficient_data", score: Math.max(1, Math.round(rule.score / 2)), result, boosts: [] };
  const boosts = (rule.boosts ?? []).filter((boost) =>
    paramsInForce(cachedRefs(boost, () => [...refsOfCondition(boost.when, ""), ...refsOfMessage(boost.reason, "")]), reader)
    && evaluateCondition(boost.when, reader).value === true);
  return { tier: rule.maxTier ?? "likely", score: Math.min(100, rule.score + boosts.reduce((sum, b) => sum + b.score, 0)), result, boosts };
}

function evaluateRule(rule: Rule, reader: FactReader): Outcome[] {
  const judged = judgeRule(rule, reader);
  if (judged === undefined) return [];
  const nextSteps = rule.nextSteps.map((m) => toMsg(m, reader));
  if (judged.result.value === undefined) {
    return [{ rule, tier: judged.tier, score: judged.score, reasons: [{ key: INSUFFICIENT_DATA_REASON }], missing: reader.missingPaths(judged.result.missing), nextSteps }];
  }
  return [{
    rule, tier: judged.tier, score: judged.score,
    reasons: [...rule.reasons, ...judged.boosts.map((b) => b.reason)].map((m) => toMsg(m, reader)),
    missing: [],
    nextSteps,
  }];
}

/** Several rules for one service: the best tier wins; its reasons, steps and missing facts combine. */
function mergeOutcomes(service: ServiceId, outcomes: Outcome[]): Recommendation | undefined {
  const best = outcomes.reduce<Tier | undefined>((tier, o) => (tier && tierRank[tier] >= tierRank[o.tier] ? tier : o.tier), undefined);
  if (!best) return undefined;
  const chosen = outcomes.filter((o) => o.tier === best).sort((a, b) => b.score - a.score);
  const applicable = outcomes.filter((o) => o.tier !== "insufficient_data").sort((a, b) => b.score - a.score);
  return {
    service,
    tier: best,
    score: chosen[0]?.score ?? 0,
    reasons: uniqueMsgs((best === "insufficient_data" ? chosen : applicable).flatMap((o) => o.reasons)),
    missing: [...new Set(chosen.flatMap((o) => o.missing))],
    nextSteps: uniqueMsgs(chosen.flatMap((o) => o.nextSteps)),
    ruleIds: chosen.map((o) => o.rule.id),
  };
}

/** The urgent notices whose conditions hold for these facts (the urgent part of an evaluation alone). */
export function scoreUrgentNotices(ruleSet: RuleSet, facts: CaseFacts, asOf: string): UrgentNotice[] {
  return scoreUrgent(ruleSet, deriveFacts(facts, ruleSet.parameters, asOf));
}

/** The urgent codes raised, in the catalog's order (scoreUrgent without the messages). */
function urgentCodesRaised(ruleSet: RuleSet, reader: FactReader): UrgentCode[] {
  const raised = new Set<UrgentCode>();
  for (const urgent of ruleSet.urgent) {
    if (raised.has(urgent.code) || !paramsInForce(cachedRefs(urgent, () => refsOfUrgentRule(urgent, "")), reader)) continue;
    if (evaluateCondition(urgent.when, reader).value === true) raised.add(urgent.code);
  }
  return urgentCodes.filter((code) => raised.has(code));
}

function scoreUrgent(ruleSet: RuleSet, reader: FactReader): UrgentNotice[] {
  const notices = new Map<UrgentCode, UrgentNotice>();
  for (const urgent of ruleSet.urgent) {
    if (notices.has(urgent.code) || !paramsInForce(cachedRefs(urgent, () => refsOfUrgentRule(urgent, "")), reader)) continue;
    if (evaluateCondition(urgent.when, reader).value === true) notices.set(urgent.code, { code: urgent.code, message: toMsg(urgent.message, reader) });
  }
  return urgentCodes.flatMap((code) => notices.get(code) ?? []);
}

/** Within its dates, and every parameter it reads (directly or through a derived fact) has a value. */
function inForce(rule: Rule, reader: FactReader, asOf: string): boolean {
  const from = resolveDate(rule.effectiveFrom, reader);
  const until = resolveDate(rule.until, reader);
  if (from === null || until === null) return false;
  if ((from !== undefined && asOf < from) || (until !== undefined && asOf > until)) return false;
  return paramsInForce(cachedRefs(rule, () => refsOfRuleCore(rule, "")), reader);
}

/** Rule sets are immutable once loaded, so what a rule refers to is worked out once per rule. */
const refCache = new WeakMap<object, readonly RuleRef[]>();
function cachedRefs(owner: object, compute: () => readonly RuleRef[]): readonly RuleRef[] {
  const cached = refCache.get(owner);
  if (cached) return cached;
  const refs = compute();
  refCache.set(owner, refs);
  return refs;
}

/**
 * Whether every parameter `refs` read (directly or through a derived fact) has a value. That
 * depends only on the parameter list and the date, which the reader is fixed to (one reader per
 * list and date, see paramReaderAsOf), so the answer is kept per reader.
 */
function paramsInForce(refs: readonly RuleRef[], reader: FactReader): boolean {
  let answers = inForceByReader.get(reader.readParam);
  if (answers === undefined) {
    answers = new WeakMap();
    inForceByReader.set(reader.readParam, answers);
  }
  const known = answers.get(refs);
  if (known !== undefined) return known;
  const answer = refs.every((ref) => (ref.kind === "param"
    ? reader.readParam(ref.name) !== undefined
    : factParams(ref.name).every((id) => reader.readParam(id) !== undefined)));
  answers.set(refs, answer);
  return answer;
}
const inForceByReader = new WeakMap<FactReader["readParam"], WeakMap<readonly RuleRef[], boolean>>();

/** undefined = no limit; null = a date parameter without a value (so the rule is not in force). */
function resolveDate(ref: DateRef | undefined, reader: FactReader): string | undefined | null {
  if (ref === undefined || typeof ref === "string") return ref;
  return stringParam(reader.readParam, ref.param) ?? null;
}

/** Resolves fact and parameter references into plain params; an unresolved one is left out. */
export function toMsg(template: MessageTemplate, reader: FactReader): Msg {
  if (!template.params) return { key: template.key };
  const params: Record<string, string | number> = {};
  for (const [name, ref] of Object.entries(template.params)) {
    const value = typeof ref !== "object" ? ref : "fact" in ref ? reader.readFact(ref.fact) : reader.readParam(ref.param);
    if (typeof value === "string" || typeof value === "number") params[name] = value;
  }
  return { key: template.key, params };
}

/** Messages once each: the same key with the same params, in the same order (none and `{}` alike). */
function uniqueMsgs(messages: Msg[]): Msg[] {
  const seen = new Map<string, Array<Msg["params"]>>();
  return messages.filter((m) => {
    const kept = seen.get(m.key);
    if (kept === undefined) {
      seen.set(m.key, [m.params]);
      return true;
    }
    if (kept.some((params) => sameParams(params, m.params))) return false;
    kept.push(m.params);
    return true;
  });
}

function sameParams(a: Msg["params"], b: Msg["params"]): boolean {
  const keysA = Object.keys(a ?? {});
  const keysB = Object.keys(b ?? {});
  return keysA.length === keysB.length && keysA.every((key, i) => key === keysB[i] && sameValue(a?.[key], b?.[key]));
}

/** Equal as JSON would write them (NaN and Infinity both as null, 0 and -0 alike). */
function sameValue(a: string | number | undefined, b: string | number | undefined): boolean {
  if (a === b) return true;
  return typeof a === "number" && typeof b === "number" && !Number.isFinite(a) && !Number.isFinite(b);
}
