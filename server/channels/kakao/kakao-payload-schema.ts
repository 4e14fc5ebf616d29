import { z } from "zod";
import { DomainError } from "../../../bot/errors";
import { validationError } from "../../http/error-handler";

/**
 * The fields of a Kakao i Open Builder SkillPayload (version 2.0) that Hanbeon reads. Kakao adds
 * fields over time, so unknown keys are stripped, never rejected; everything the guide marks as
 * optional or observed as null (clientExtra, lang, flow, contexts, properties) may be absent.
 */
export const skillPayloadSchema = z.object({
  userRequest: z.object({
    /** Typed text or the tapped quick reply's messageText; may be empty or long (re-asked). */
    utterance: z.string(),
    /** "ko" in the guide, "kr" on the callback page, also observed null. */
    lang: z.string().nullish(),
    user: z.object({ id: z.string().min(1).max(70) }),
    /** Only on blocks with the callback feature: a one-time URL valid for a minute. Never logged. */
    callbackUrl: z.string().max(2000).optional(),
  }),
  bot: z.object({ id: z.string().min(1).max(200) }),
  action: z.object({
    /** The `extra` of the tapped button or quick reply: null, {} or an object. */
    clientExtra: z.unknown().optional(),
  }).optional(),
});
export type SkillPayload = z.infer<typeof skillPayloadSchema>;

/** What our quick replies put in `extra`; anything else in clientExtra is ignored. */
const ourExtraSchema = z.object({ optionId: z.string().min(1).max(200) });

/**
 * Parses a request body as a SkillPayload: not a skill payload at all → 400 MALFORMED_JSON;
 * skill-shaped but with wrong types → 422 with the failing paths.
 */
export function parseSkillPayload(body: unknown): SkillPayload {
  if (body === undefined) throw new DomainError("BODY_REQUIRED", "a skill payload is required");
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("userRequest" in body)) {
    throw new DomainError("MALFORMED_JSON", "not a Kakao skill payload");
  }
  const parsed = skillPayloadSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** The option id a tap carried back as clientExtra, if it is one of ours. */
export function optionIdOf(payload: SkillPayload): string | undefined {
  const extra = ourExtraSchema.safeParse(payload.action?.clientExtra);
  return extra.success ? extra.data.optionId : undefined;
}

/** The conversation language from `userRequest.lang`: English only when Kakao says so. */
export function langOf(payload: SkillPayload): "ko" | "en" {
  return payload.userRequest.lang?.toLowerCase().startsWith("en") ? "en" : "ko";
}

const button = z.object({
  label: z.string().max(14),
  action: z.enum(["message", "phone", "webLink"]),
  phoneNumber: z.string().optional(),
  webLinkUrl: z.string().optional(),
  messageText: z.string().optional(),
  /** A message button's option id, sent back as clientExtra like a quick reply's. */
  extra: z.object({ optionId: z.string() }).optional(),
});
const textCard = z.object({
  title: z.string().max(50).optional(),
  description: z.string().max(400).optional(),
  buttons: z.array(button).max(3).optional(),
});
const quickReply = z.object({
  label: z.string().max(14),
  action: z.literal("message"),
  messageText: z.string(),
  extra: z.object({ optionId: z.string() }),
});

/** The subset of SkillResponse 2.0 that Hanbeon sends (simpleText, textCard, textCard carousel). */
export const skillResponseSchema = z.object({
  version: z.literal("2.0"),
  template: z.object({
    outputs: z.array(z.union([
      z.object({ simpleText: z.object({ text: z.string().min(1).max(1000) }) }),
      z.object({ textCard }),
      z.object({ carousel: z.object({ type: z.literal("textCard"), items: z.array(textCard).min(1).max(10) }) }),
    ])).min(1).max(3),
    quickReplies: z.array(quickReply).max(10).optional(),
  }),
});
export type SkillResponse = z.infer<typeof skillResponseSchema>;
export type SkillOutput = SkillResponse["template"]["outputs"][number];
export type TextCard = z.infer<typeof textCard>;
export type CardButton = z.infer<typeof button>;
export type QuickReply = z.infer<typeof quickReply>;
