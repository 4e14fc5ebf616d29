import path from "node:path";
import type { EngineContext } from "../../bot/conversation/engine-context";
import { createEngineContext } from "../../bot/conversation/engine-context";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import { listRuleFacts } from "../../bot/eligibility/list-rule-facts";
import { scoreServices } from "../../bot/eligibility/score-services";
import { FLOWS_DIR, loadFlowFile } from "../../flows/load-flows";
import type { RuleSet } from "../../flows/schema/rules";
import type { Translator } from "../i18n/create-translator";
import type { LocaleTree, SupportedLang } from "../i18n/load-locales";

/**
 * The default flow, checked against the locales and the rules (every fact a rule reads must be
 * asked), wired to the real scorer and to label translations for typed answers. `rules` is read
 * on every evaluation, so a published rule-parameter change applies without rebuilding the flow.
 */
export function createConversationEngine(rules: () => RuleSet, locales: Record<SupportedLang, LocaleTree>, translator: Translator): EngineContext<EvaluationCore> {
  const flow = loadFlowFile(path.join(FLOWS_DIR, "default.flow.yaml"), { locales, ruleFacts: listRuleFacts(rules()) });
  return createEngineContext(flow, (facts, asOf, ranged) => scoreServices(rules(), facts, asOf, ranged), translator.allLanguages, undefined, rules);
}
