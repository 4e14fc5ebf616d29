import { scoreServices } from "../bot/eligibility/score-services";
import type { CaseFacts } from "../flows/schema/case-facts";
import { loadRuleSet } from "../flows/load-rules";
import type { AppDeps } from "./app";
import type { Config } from "./config";
import { createTranslator } from "./i18n/create-translator";
import { loadLocales } from "./i18n/load-locales";
import { centerParams } from "./i18n/center-params";
import type { Logger } from "./logging/create-logger";
import { createMetrics } from "./observability/metrics";

export type Runtime = { deps: AppDeps; close: () => Promise<void> };

/**
 * Builds everything the app needs from configuration: rules, translations, metrics, stores.
 * Tests call it too, so they run the same wiring as production.
 */
export function composeRuntime(config: Config, logger: Logger, now: () => Date = () => new Date()): Runtime {
  const ruleSet = loadRuleSet();
  const locales = loadLocales();
  const translator = createTranslator(locales, centerParams(config));
  const deps: AppDeps = {
    config, logger, translator, metrics: createMetrics(),
    evaluate: (facts: CaseFacts, asOf: string) => scoreServices(ruleSet, facts, asOf),
    readiness: [],
    now,
  };
  return { deps, close: async () => {} };
}
