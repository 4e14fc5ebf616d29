import type { DraftFacts } from "../../flows/schema/case-facts";
import { draftFactsSchema } from "../../flows/schema/case-facts";
import { extractFacts } from "../../bot/extract/extract-facts";
import { stripIdentifiers } from "../../bot/extract/strip-identifiers";
import type { Metrics } from "../observability/metrics";
import type { ModelExtractor } from "./model-extractor";

export type ExtractionSource = "rules" | "rules+model";
export type ProposedFacts = { facts: DraftFacts; source: ExtractionSource };

/**
 * Facts proposed from one free-text message: the deterministic Korean rules always, and the
 * optional model within its budget. The message is stripped of identifiers first. On a
 * conflict the rules win (they are what the resident's own words literally say); the model only
 * fills what the rules left unknown and adds to lists. Whatever the model does, the resident
 * gets the rules' answer at worst, and the metric counts why.
 */
export class ExtractionService {
  constructor(private readonly metrics: Metrics, private readonly model?: ModelExtractor) {}

  get mode(): "rules" | "model" {
    return this.model === undefined ? "rules" : "model";
  }

  async propose(text: string, names: readonly string[] = []): Promise<ProposedFacts> {
    const stripped = stripIdentifiers(text, names);
    const rules = extractFacts(stripped.text).facts;
    if (this.model === undefined) return { facts: rules, source: "rules" };
    const outcome = await this.model.propose(stripped.text);
    if (!outcome.ok) {
      this.metrics.events.inc({ kind: `extraction_fallback_${outcome.reason}` });
      return { facts: rules, source: "rules" };
    }
    const merged = draftFactsSchema.safeParse(mergeFacts(rules, outcome.facts));
    if (!merged.success) {
      this.metrics.events.inc({ kind: "extraction_fallback_schema_violation" });
      return { facts: rules, source: "rules" };
    }
    this.metrics.events.inc({ kind: "extraction_model_used" });
    return { facts: merged.data, source: "rules+model" };
  }
}

/** `primary` wins on scalars; lists are joined; nested objects merge field by field. */
export function mergeFacts(primary: Record<string, unknown>, secondary: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...secondary };
  for (const [key, value] of Object.entries(primary)) {
    const other = secondary[key];
    if (Array.isArray(value) && Array.isArray(other) && key !== "loans") result[key] = [...new Set([...value, ...other])];
    else if (key === "loans" && Array.isArray(value) && Array.isArray(other)) result[key] = value.map((loan, i) => mergeRecords(other[i], loan));
    else if (isRecord(value) && isRecord(other)) result[key] = mergeFacts(value, other);
    else result[key] = value;
  }
  return result;
}

function mergeRecords(secondary: unknown, primary: unknown): unknown {
  return isRecord(primary) && isRecord(secondary) ? { ...secondary, ...primary } : primary;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
