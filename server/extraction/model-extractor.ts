import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import type { DraftFacts } from "../../flows/schema/case-facts";
import { creditorTypeValues, crisisEventValues, draftFactsSchema, employmentValues } from "../../flows/schema/case-facts";
import type { Timers } from "../timing/timers";
import { abortAfter, systemTimers } from "../timing/timers";

/**
 * What the model is asked to fill: a flat subset of CaseFacts with nullable fields (the
 * structured-output helper refuses optional ones). `null` means "not said".
 */
export const modelFactsSchema = z.strictObject({
  totalDebtKrw: z.number().int().nullable(),
  overdueDays: z.number().int().nullable(),
  creditorTypes: z.array(z.enum(creditorTypeValues)).nullable(),
  illegalLoanReceivedKrw: z.number().int().nullable(),
  illegalLoanRepayKrw: z.number().int().nullable(),
  illegalLoanDays: z.number().int().nullable(),
  threats: z.boolean().nullable(),
  sexualImages: z.boolean().nullable(),
  contactsTaken: z.boolean().nullable(),
  familyOrWorkContacted: z.boolean().nullable(),
  nightContacts: z.boolean().nullable(),
  employment: z.enum(employmentValues).nullable(),
  crisisEvents: z.array(z.enum(crisisEventValues)).nullable(),
  selfHarmRisk: z.boolean().nullable(),
});
export type ModelFacts = z.infer<typeof modelFactsSchema>;

export type FallbackReason = "timeout" | "rate_limited" | "server_error" | "invalid_output" | "schema_violation" | "error";
export type ModelOutcome = { ok: true; facts: DraftFacts } | { ok: false; reason: FallbackReason };

/** The client's own timeout, as a multiple of the budget: it only matters if the budget's timer never fires. */
export const BACKSTOP_FACTOR = 4;

export type ModelExtractorOptions = { apiKey: string; baseURL?: string; model: string; budgetMs: number };

const SYSTEM_PROMPT = [
  "You read one message from a resident of Gyeonggi, Korea, who asks for help with debt, and return only the facts it states.",
  "Amounts are whole won: in Korean debt talk a bare '3천' means 3천만원 and '50' means 50만원.",
  "Durations are days (a month is 30 days). creditorTypes: 사채/일수/불법 대부 are unregistered_lender, 대부업체 registered_lender.",
  "Use null for anything the message does not say. Never guess false for something not mentioned.",
  "Identifiers were replaced by placeholders such as [전화번호]; ignore them.",
].join(" ");

/**
 * The optional model: proposes facts from an already stripped message through an
 * OpenAI-compatible chat completions endpoint with structured output. It never throws; a timeout
 * (the budget), 429, 5xx, unparsable or schema-breaking output come back as a fallback reason.
 */
export class ModelExtractor {
  private readonly client: OpenAI;

  constructor(private readonly options: ModelExtractorOptions, private readonly timers: Timers = systemTimers) {
    // No retries: a retry could not fit in the Kakao budget, and the rules answer anyway. The
    // budget is kept by `timers`; the client's own timeout is only a backstop far behind it.
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.budgetMs * BACKSTOP_FACTOR, maxRetries: 0 });
  }

  async propose(strippedText: string): Promise<ModelOutcome> {
    const budget = abortAfter(this.timers, this.options.budgetMs);
    try {
      const completion = await this.client.chat.completions.parse(
        {
          model: this.options.model, temperature: 0,
          messages: [{ role: "system", content: SYSTEM_PROMPT }, { role: "user", content: strippedText }],
          response_format: zodResponseFormat(modelFactsSchema, "case_facts"),
        },
        { maxRetries: 0, signal: budget.signal },
      );
      const parsed = completion.choices[0]?.message.parsed;
      if (parsed === undefined || parsed === null) return { ok: false, reason: "invalid_output" };
      const facts = draftFactsSchema.safeParse(toDraftFacts(parsed));
      return facts.success ? { ok: true, facts: facts.data } : { ok: false, reason: "schema_violation" };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    } finally {
      budget.cancel();
    }
  }
}

/** The model's flat answer as DraftFacts; only `true` signs are kept (silence is not "no"). */
export function toDraftFacts(m: ModelFacts): Record<string, unknown> {
  const loan = {
    ...(m.illegalLoanReceivedKrw !== null ? { receivedKrw: m.illegalLoanReceivedKrw } : {}),
    ...(m.illegalLoanRepayKrw !== null ? { repayKrw: m.illegalLoanRepayKrw } : {}),
    ...(m.illegalLoanDays !== null ? { days: m.illegalLoanDays } : {}),
  };
  const signs = {
    ...(m.threats === true ? { threats: true } : {}),
    ...(m.sexualImages === true ? { sexualImages: true } : {}),
    ...(m.contactsTaken === true ? { contactsTaken: true } : {}),
    ...(m.familyOrWorkContacted === true ? { familyOrWorkContacted: true } : {}),
    ...(m.nightContacts === true ? { nightContacts: true } : {}),
  };
  const illegalLending = { ...(Object.keys(loan).length > 0 ? { loans: [loan] } : {}), ...signs };
  return {
    ...(m.totalDebtKrw !== null ? { totalDebtKrw: m.totalDebtKrw } : {}),
    ...(m.overdueDays !== null ? { overdueDays: m.overdueDays } : {}),
    ...(m.creditorTypes !== null && m.creditorTypes.length > 0 ? { creditorTypes: [...new Set(m.creditorTypes)] } : {}),
    ...(Object.keys(illegalLending).length > 0 ? { illegalLending } : {}),
    ...(m.employment !== null ? { employment: m.employment } : {}),
    ...(m.crisisEvents !== null && m.crisisEvents.length > 0 ? { crisisEvents: [...new Set(m.crisisEvents)] } : {}),
    ...(m.selfHarmRisk === true ? { selfHarmRisk: true } : {}),
  };
}

function reasonOf(error: unknown): FallbackReason {
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) return "timeout";
  if (error instanceof APIError && error.status === 429) return "rate_limited";
  if (error instanceof APIError && typeof error.status === "number" && error.status >= 500) return "server_error";
  if (error instanceof SyntaxError || error instanceof z.ZodError) return "invalid_output";
  if (error instanceof Error && /LengthFinishReason|ContentFilter|parse/i.test(error.name + error.message)) return "invalid_output";
  return "error";
}
