import type { CaseFacts } from "../../flows/schema/case-facts";
import type { ServiceId, UrgentCode } from "../../flows/schema/catalog";
import { serviceIds, urgentCodes } from "../../flows/schema/catalog";
import type { DateRef, MessageTemplate, Rule, RuleSet } from "../../flows/schema/rules";
import { evaluateCondition } from "../conditions/evaluate-condition";
import type { Msg } from "../types";
import type { LoanApr } from "./compute-loan-apr";
import { computeLoanApr } from "./compute-loan-apr";
import type { FactReader } from "./derive-facts";
import { deriveFacts, factParams } from "./derive-facts";
import type { RuleRef } from "./list-rule-refs";
import { refsOfCondition, refsOfMessage, refsOfRuleCore, refsOfUrgentRule } from "./list-rule-refs";
import { stringParam } from "./param-as-of";

export type Tier = "likely" | "possible" | "insufficient_data";

export type Recommendation = {
  service: ServiceId;
  tier: Tier;
  /** 0..100, higher = more relevant now. */
  score: number;
  reasons: Msg[];
  /** CaseFacts paths that would settle an insufficient_data recommendation; empty otherwise. */
  missing: string[];
  nextSteps: Msg[];
  /** The rules behind this recommendation: its trace. */
  ruleIds: string[];
};

export type UrgentNotice = { code: UrgentCode; message: Msg };

export type EvaluationCore = {
  asOf: string;
  rulesVersion: string;
  /** Best first: by tier, then score; services that do not apply are left out. */
  recommendations: Recommendation[];
  /** In the catalog's urgency order: 112 and 109 first. */
  urgent: UrgentNotice[];
  loans?: LoanApr[];
  /** One plain sentence for the top of the result: what we think, and that the center decides. */
  headline?: Msg;
  /** Services that came close, each with what would change it in plain words. */
  nearMisses?: Array<{ service: ServiceId; message: Msg }>;
};

/** Shown for a service when facts are missing; the rule's own reasons would claim too much. */
export const INSUFFICIENT_DATA_REASON = "rules.reason.insufficient_data";

type Outcome = { rule: Rule; tier: Tier; score: number; reasons: Msg[]; missing: string[]; nextSteps: Msg[] };

const tierRank: Record<Tier, number> = { likely: 3, possible: 2, insufficient_data: 1 };

/**
 * Scores every service for one case, applying the rules and parameters in force on `asOf`
 * (YYYY-MM-DD, the caller's clock). Pure: the same inputs always give the same evaluation.
 */
export function scoreServices(ruleSet: RuleSet, facts: CaseFacts, asOf: string): EvaluationCore {
  const reader = deriveFacts(facts, ruleSet.parameters, asOf);
  const outcomes = ruleSet.rules
    .filter((rule) => inForce(rule, reader, asOf))
    .flatMap((rule) => evaluateRule(rule, reader));
  const recommendations = serviceIds
    .map((service) => mergeOutcomes(service, outcomes.filter((o) => o.rule.service === service)))
    .filter((r) => r !== undefined)
    .sort((a, b) => tierRank[b.tier] - tierRank[a.tier] || b.score - a.score || serviceIds.indexOf(a.service) - serviceIds.indexOf(b.service));
  const lending = facts.illegalLending;
  const loans = lending?.loans?.length
    ? computeLoanApr(lending.loans, ruleSet.parameters, { asOf, abusive: lending.sexualImages === true || lending.threats === true })
    : undefined;
  return { asOf, rulesVersion: ruleSet.version, recommendations, urgent: scoreUrgent(ruleSet, reader), ...(loans ? { loans } : {}) };
}

function evaluateRule(rule: Rule, reader: FactReader): Outcome[] {
  const result = evaluateCondition(rule.when, reader);
  if (result.value === false) return [];
  const nextSteps = rule.nextSteps.map((m) => toMsg(m, reader));
  if (result.value === undefined) {
    return [{
      rule, tier: "insufficient_data", score: Math.max(1, Math.round(rule.score / 2)),
      reasons: [{ key: INSUFFICIENT_DATA_REASON }], missing: reader.missingPaths(result.missing), nextSteps,
    }];
  }
  const boosts = (rule.boosts ?? []).filter((boost) =>
    paramsInForce(cachedRefs(boost, () => [...refsOfCondition(boost.when, ""), ...refsOfMessage(boost.reason, "")]), reader)
    && evaluateCondition(boost.when, reader).value === true);
  return [{
    rule,
    tier: rule.maxTier ?? "likely",
    score: Math.min(100, rule.score + boosts.reduce((sum, b) => sum + b.score, 0)),
    reasons: [...rule.reasons, ...boosts.map((b) => b.reason)].map((m) => toMsg(m, reader)),
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

function paramsInForce(refs: readonly RuleRef[], reader: FactReader): boolean {
  return refs.every((ref) => (ref.kind === "param"
    ? reader.readParam(ref.name) !== undefined
    : factParams(ref.name).every((id) => reader.readParam(id) !== undefined)));
}

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

function uniqueMsgs(messages: Msg[]): Msg[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const id = JSON.stringify([m.key, m.params ?? {}]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
