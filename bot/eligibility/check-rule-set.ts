import { serviceIds, urgentCodes } from "../../flows/schema/catalog";
import type { RuleSet } from "../../flows/schema/rules";
import { isDerivedFactName, listDerivedFactParams } from "./derive-facts";
import { caseFactPaths as allCaseFactPaths } from "../../flows/schema/fact-paths";
import type { RuleRef } from "./list-rule-refs";
import { listRuleRefs } from "./list-rule-refs";

export type RuleSetProblem = { path: string; message: string };

/**
 * What the schema cannot check: unique ids, every named parameter and fact exists, dates point
 * at date parameters, income lines are whole percentages, and every service has a rule.
 */
export function checkRuleSet(ruleSet: RuleSet): RuleSetProblem[] {
  const params = new Map(ruleSet.parameters.map((p) => [p.id, p]));
  const caseFactPaths = new Set(allCaseFactPaths);
  const problems: RuleSetProblem[] = [
    ...duplicates(ruleSet.parameters.map((p) => p.id), "parameters"),
    ...duplicates(ruleSet.rules.map((r) => r.id), "rules"),
    ...duplicates(ruleSet.urgent.map((u) => u.id), "urgent"),
  ];
  for (const ref of listRuleRefs(ruleSet)) {
    if (ref.kind === "fact") {
      if (!caseFactPaths.has(ref.name) && !isDerivedFactName(ref.name)) problems.push({ path: ref.path, message: `unknown fact "${ref.name}": neither a CaseFacts path nor a derived fact` });
      continue;
    }
    const parameter = params.get(ref.name);
    if (!parameter) problems.push({ path: ref.path, message: `unknown parameter "${ref.name}"` });
    else if (ref.date && parameter.unit !== "date") problems.push({ path: ref.path, message: `parameter "${ref.name}" is not a date` });
  }
  problems.push(...listRuleRefs(ruleSet).flatMap((ref) => checkIncomeLine(ref, params)));
  for (const id of listDerivedFactParams()) {
    if (!params.has(id)) problems.push({ path: "parameters", message: `derived facts need parameter "${id}", which is missing` });
  }
  for (const rule of ruleSet.rules) {
    if (typeof rule.effectiveFrom === "string" && typeof rule.until === "string" && rule.effectiveFrom > rule.until) {
      problems.push({ path: `rules.${rule.id}.until`, message: "until is before effectiveFrom" });
    }
  }
  problems.push(...checkContacts(ruleSet, params));
  const covered = new Set(ruleSet.rules.map((r) => r.service));
  for (const service of serviceIds) {
    if (!covered.has(service)) problems.push({ path: "rules", message: `no rule recommends service "${service}"` });
  }
  return problems;
}

/** Every urgent code has exactly one contact, and its number is a phone parameter. */
function checkContacts(ruleSet: RuleSet, params: Map<string, { unit: string }>): RuleSetProblem[] {
  const problems = duplicates(ruleSet.contacts.map((c) => c.code), "contacts");
  for (const code of urgentCodes) {
    if (!ruleSet.contacts.some((c) => c.code === code)) problems.push({ path: "contacts", message: `no contact for urgent code "${code}"` });
  }
  for (const contact of ruleSet.contacts) {
    const unit = params.get(contact.phone.param)?.unit;
    if (unit !== "phone") problems.push({ path: `contacts.${contact.code}.phone`, message: `"${contact.phone.param}" is not a phone parameter` });
  }
  return problems;
}

/** incomePctOfMedian is exact only against whole percentages (see derive-facts). */
function checkIncomeLine(ref: RuleRef, params: Map<string, { unit: string }>): RuleSetProblem[] {
  const leaf = ref.leaf;
  if (ref.kind !== "fact" || ref.name !== "incomePctOfMedian" || !leaf || !("op" in leaf)) return [];
  if ("param" in leaf && leaf.param !== undefined) {
    const unit = params.get(leaf.param)?.unit;
    return unit === undefined || unit === "pct_of_median" ? [] : [{ path: ref.path, message: `compare incomePctOfMedian with a pct_of_median parameter, not ${unit}` }];
  }
  const values = "value" in leaf ? [leaf.value].flat() : [];
  return values.every((v) => v === undefined || Number.isInteger(v)) ? [] : [{ path: ref.path, message: "compare incomePctOfMedian with whole percentages" }];
}

function duplicates(ids: readonly string[], section: string): RuleSetProblem[] {
  return ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => ({ path: `${section}.${id}`, message: `duplicate id "${id}"` }));
}
