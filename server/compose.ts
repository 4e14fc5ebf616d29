import { scoreServices } from "../bot/eligibility/score-services";
import type { CaseFacts } from "../flows/schema/case-facts";
import { loadRuleSet } from "../flows/load-rules";
import type { AppDeps } from "./app";
import type { Config } from "./config";
import { createTranslator } from "./i18n/create-translator";
import { loadLocales } from "./i18n/load-locales";
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
  const centerParams = (lang: "ko" | "en") => ({
    centerName: lang === "ko" ? config.CENTER_NAME_KO : config.CENTER_NAME_EN,
    centerPhone: config.CENTER_PHONE,
    centerAddress: lang === "ko" ? config.CENTER_ADDRESS_KO : config.CENTER_ADDRESS_EN,
    centerUrl: config.CENTER_URL,
  });
  const translator = createTranslator(locales, { ko: centerParams("ko"), en: centerParams("en") });
  const deps: AppDeps = {
    config, logger, translator, metrics: createMetrics(),
    evaluate: (facts: CaseFacts, asOf: string) => scoreServices(ruleSet, facts, asOf),
    readiness: [],
    now,
  };
  return { deps, close: async () => {} };
}
