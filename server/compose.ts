import { scoreServices } from "../bot/eligibility/score-services";
import type { CaseFacts } from "../flows/schema/case-facts";
import { loadRuleSet } from "../flows/load-rules";
import type { AppDeps } from "./app";
import type { Config } from "./config";
import { ConversationService } from "./conversation/conversation-service";
import { createConversationEngine } from "./conversation/create-conversation-engine";
import { centerParams } from "./i18n/center-params";
import { createTranslator } from "./i18n/create-translator";
import { loadLocales } from "./i18n/load-locales";
import type { Logger } from "./logging/create-logger";
import { createMetrics } from "./observability/metrics";
import { createStores } from "./storage/create-stores";

export type Runtime = { deps: AppDeps; storage: "redis" | "sqlite"; close: () => Promise<void> };

/**
 * Builds everything the app needs from configuration: rules, flow, translations, metrics and
 * stores. Tests call it too, so they run the same wiring as production.
 */
export function composeRuntime(config: Config, logger: Logger, now: () => Date = () => new Date()): Runtime {
  const ruleSet = loadRuleSet();
  const locales = loadLocales();
  const translator = createTranslator(locales, centerParams(config));
  const metrics = createMetrics();
  const stores = createStores(config, logger, now, () => metrics.events.inc({ kind: "corrupt_record" }));
  const engine = createConversationEngine(ruleSet, locales, translator);
  const deps: AppDeps = {
    config, logger, translator, metrics, now,
    evaluate: (facts: CaseFacts, asOf: string) => scoreServices(ruleSet, facts, asOf),
    conversations: new ConversationService(engine, stores.sessions, Math.round(config.SESSION_IDLE_DAYS * 86_400), now),
    readiness: [stores.readiness],
  };
  return { deps, storage: stores.kind, close: stores.close };
}
