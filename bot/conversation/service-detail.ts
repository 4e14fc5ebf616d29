import { z } from "zod";
import type { ServiceId } from "../../flows/schema/catalog";
import { serviceIds } from "../../flows/schema/catalog";
import type { EvaluationCore } from "../eligibility/score-services";
import { normalizeText } from "../parse/normalize-text";
import type { Msg } from "../types";

/** What the resident sent: a tap's option id or typed text (the engine's UserInput). */
type Said = { text?: string; optionId?: string };
/** A text key's wording in every language (the engine's LabelLookup). */
type Labels = (key: string) => string[];

/**
 * Reads a request for one service's detail ("자세히"), from any channel: a tap carrying
 * `detail:<service id>` (a Kakao card button, a web or Botpress button), or typed text naming a
 * service, with or without "자세히" ("자세히 사전채무조정", "프리워크아웃 자세히 알려 주세요",
 * the card's title as it is). Typed names count only when `typed` is true (the caller allows
 * them where a name cannot be an answer, e.g. at the result and not at the booking's name step).
 */
export function readServiceDetailRequest(input: Said, labels: Labels, typed: boolean): ServiceId | undefined {
  if (input.optionId !== undefined) {
    if (!input.optionId.startsWith(SERVICE_DETAIL_PREFIX)) return undefined;
    const parsed = serviceIdSchema.safeParse(input.optionId.slice(SERVICE_DETAIL_PREFIX.length));
    return parsed.success ? parsed.data : undefined;
  }
  if (!typed || input.text === undefined || input.text.length > MAX_TYPED) return undefined;
  const said = stripAsking(normalizeText(input.text));
  if (said.length < MIN_NAME) return undefined;
  return serviceIds.find((service) => namesOf(labels, service).has(said));
}

/** The option id of a "자세히" tap for `service`. */
export function serviceDetailOptionId(service: ServiceId): string {
  return `${SERVICE_DETAIL_PREFIX}${service}`;
}

/** A tap asking for a service's detail carries this prefix and the service id. */
export const SERVICE_DETAIL_PREFIX = "detail:";

/**
 * One service's detail as messages: what it is and who runs it, why it may fit this resident
 * (the scorer's reasons) and what to do next (its next steps), or that it was not among the
 * recommendations; the documents to bring; and how to go on (booking when offered, else a call).
 */
export function serviceDetailMessages(service: ServiceId, evaluation: EvaluationCore | undefined, offersBooking: boolean): Msg[] {
  const recommendation = evaluation?.recommendations.find((r) => r.service === service);
  const params = { service };
  const fit: Msg[] = recommendation === undefined
    ? [{ key: "chat.detail.notRecommended" }]
    : [...recommendation.reasons.slice(0, MAX_REASONS), ...recommendation.nextSteps.slice(0, MAX_NEXT_STEPS)];
  return [{ key: "chat.detail.what", params }, ...fit, { key: "chat.detail.documents", params }, { key: offersBooking ? "chat.detail.book" : "chat.detail.call" }];
}

const serviceIdSchema = z.enum(serviceIds);

/** Reasons and next steps shown in a detail (a card's text stays readable on a phone). */
const MAX_REASONS = 3;
const MAX_NEXT_STEPS = 2;
/** A typed request is a short phrase; a longer text is a story or an answer. */
const MAX_TYPED = 60;
/** The shortest name matched ("미소금융" would do; one letter never). */
const MIN_NAME = 2;

/** Words around a name that ask for more about it, in both languages (normalized, longest first). */
const ASKING = [
  "에대해자세히알려주세요", "자세히알려주세요", "자세히알려줘요", "자세히알려줘", "자세히보여주세요", "자세히보기", "에대해알려주세요", "알려주세요", "알려줘요",
  "알려줘", "에대해", "자세히", "자세하게", "상세히", "설명", "tellmemoreabout", "tellmeabout", "moreabout", "detailsof", "detailson", "details", "detail",
  "about", "please", "좀",
].map(normalizeText).sort((a, b) => b.length - a.length);

/** Takes the asking words off both ends ("자세히사전채무조정알려주세요" → "사전채무조정"). */
function stripAsking(text: string): string {
  let rest = text;
  for (let changed = true; changed;) {
    changed = false;
    for (const word of ASKING) {
      if (rest.length > word.length && rest.startsWith(word)) rest = rest.slice(word.length);
      else if (rest.length > word.length && rest.endsWith(word)) rest = rest.slice(0, -word.length);
      else continue;
      changed = true;
    }
  }
  return rest;
}

/**
 * A service's names as typed: the full name in each language, the name without its bracket and
 * what the bracket says ("사전채무조정", "프리워크아웃"; "옛 소액생계비대출" also as its last word).
 */
function namesOf(labels: Labels, service: ServiceId): Set<string> {
  const names = new Set<string>();
  for (const name of labels(`services.${service}.name`)) {
    const bracketed = [...name.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? "");
    for (const variant of [name, name.replace(/\([^)]*\)/g, ""), ...bracketed, ...bracketed.map((b) => b.trim().split(/\s+/).at(-1) ?? "")]) {
      const normalized = normalizeText(variant);
      if (normalized.length >= MIN_NAME) names.add(normalized);
    }
  }
  return names;
}
