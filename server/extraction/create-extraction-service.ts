import type { Config } from "../config";
import type { Logger } from "../logging/create-logger";
import type { Metrics } from "../observability/metrics";
import { ExtractionService } from "./extraction-service";
import { ModelExtractor } from "./model-extractor";
import type { Timers } from "../timing/timers";

/** The extraction service the configuration asks for, with the one start-up line naming its mode. */
export function createExtractionService(
  config: Pick<Config, "OPENAI_API_KEY" | "OPENAI_BASE_URL" | "OPENAI_MODEL" | "EXTRACTION_BUDGET_MS">, metrics: Metrics, logger: Logger, timers: Timers,
): ExtractionService {
  if (config.OPENAI_API_KEY === undefined) {
    logger.info({ extraction: "rules" }, "free-text extraction: deterministic rules only (OPENAI_API_KEY unset)");
    return new ExtractionService(metrics);
  }
  const model = new ModelExtractor({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, model: config.OPENAI_MODEL, budgetMs: config.EXTRACTION_BUDGET_MS }, timers);
  logger.info({ extraction: "model", model: config.OPENAI_MODEL, budgetMs: config.EXTRACTION_BUDGET_MS }, "free-text extraction: rules plus model");
  return new ExtractionService(metrics, model);
}
