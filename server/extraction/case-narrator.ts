import OpenAI from "openai";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import type { CaseFacts } from "../../flows/schema/case-facts";
import type { Metrics } from "../observability/metrics";
import type { Timers } from "../timing/timers";
import { abortAfter, systemTimers } from "../timing/timers";
import { BACKSTOP_FACTOR } from "./model-extractor";

export type CaseNarrative = { text: string; machineWritten: true; model: string };

const MAX_CHARS = 600;
const SYSTEM_PROMPT = [
  "You write a short case summary for a counsellor at a Korean financial-welfare center.",
  "Use only the structured facts and findings given as JSON; do not invent anything; say what is unknown.",
  "Write two to four plain Korean sentences (해요체 is not needed; use a neutral report style). No names, no advice to the resident.",
].join(" ");

/**
 * The optional machine-written narrative on an intake summary. It is written from the structured
 * facts and the evaluation only (never the raw chat, which holds no name or phone anyway), within
 * a budget; any failure means no narrative, counted in /metrics.
 */
export class CaseNarrator {
  private readonly client: OpenAI;

  constructor(
    private readonly options: { apiKey: string; baseURL?: string; model: string; budgetMs: number },
    private readonly metrics: Metrics,
    private readonly timers: Timers = systemTimers,
  ) {
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.budgetMs * BACKSTOP_FACTOR, maxRetries: 0 });
  }

  async narrate(facts: CaseFacts, evaluation: Pick<EvaluationCore, "recommendations" | "urgent" | "loans">): Promise<CaseNarrative | undefined> {
    const findings = {
      facts,
      urgent: evaluation.urgent.map((u) => u.code),
      services: evaluation.recommendations.slice(0, 5).map((r) => ({ service: r.service, tier: r.tier })),
      loans: evaluation.loans ?? [],
    };
    const budget = abortAfter(this.timers, this.options.budgetMs);
    try {
      const completion = await this.client.chat.completions.create(
        { model: this.options.model, temperature: 0, messages: [{ role: "system", content: SYSTEM_PROMPT }, { role: "user", content: JSON.stringify(findings) }] },
        { maxRetries: 0, signal: budget.signal },
      );
      const text = completion.choices[0]?.message.content?.trim();
      if (!text) {
        this.metrics.events.inc({ kind: "narrative_fallback" });
        return undefined;
      }
      this.metrics.events.inc({ kind: "narrative_written" });
      return { text: text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text, machineWritten: true, model: this.options.model };
    } catch {
      this.metrics.events.inc({ kind: "narrative_fallback" });
      return undefined;
    } finally {
      budget.cancel();
    }
  }
}
