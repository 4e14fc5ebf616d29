import { z } from "zod";
import type { Turn } from "../../contract/turn-schema";
import { formatMessage } from "../../i18n/format-message";
import enTexts from "../../../locales/en/botpress.json";
import koTexts from "../../../locales/ko/botpress.json";

export type Lang = "ko" | "en";

/** What the resident said, as Hanbeon's chat API takes it. */
export type HanbeonInput = { text: string } | { optionId: string };

/** What the bot keeps per Botpress conversation (the `hanbeon` conversation state). */
export type RelayState = { sessionId: string | null; lang: Lang };


/** Botpress's standard card: what every channel integration must render (buttons may degrade to links). */
export type Card = { title: string; subtitle?: string; actions: Array<{ action: "postback" | "url" | "say"; label: string; value: string }> };

/** A Botpress standard message (`messages.defaults` of @botpress/sdk); every string is non-empty, as the schemas require. */
export type BotpressMessage =
  | { type: "text"; payload: { text: string } }
  | { type: "choice"; payload: { text: string; options: Array<{ label: string; value: string }> } }
  | { type: "card"; payload: Card }
  | { type: "carousel"; payload: { items: Card[] } };

/**
 * The SDK's schemas set no maximum on options or carousel items; channels do (Messenger and
 * Telegram show at most 10 carousel cards), so the result shows the best ten services.
 */
export const MAX_CAROUSEL_ITEMS = 10;

type RelayTextKey = keyof typeof koTexts.botpress;
/**
 * The relay's own few lines, from locales/ like every user-facing string (bundled into the bot at
 * build time; their `{{name}}` placeholders are filled here with the one message format).
 */
const TEXT: Readonly<Record<Lang, Readonly<Record<RelayTextKey, string>>>> = { ko: koTexts.botpress, en: enTexts.botpress };

function fill(lang: Lang, template: string, params: Record<string, string>): string {
  return formatMessage(template, params, { lang });
}

/** A fixed line of the relay's own (Hanbeon's texts are translated by Hanbeon). */
export function relayText(lang: Lang, key: "unsupported" | "unavailable"): BotpressMessage {
  return text(TEXT[lang][key]);
}

/**
 * One Hanbeon turn as Botpress messages: while urgent help is active, a card of its phone
 * buttons first on every turn (at the result with the urgent advice before it), Hanbeon's messages, the result's services as a carousel of cards, a booking as a
 * card, and the question with its options as a `choice` (whose values are Hanbeon option ids).
 */
export function toBotpressMessages(turn: Turn, lang: Lang, serviceNames: Readonly<Record<string, string>> = {}): BotpressMessage[] {
  const texts = turn.messages.map((m) => m.text.trim()).filter((t) => t !== "");
  const hint = turn.input.hint?.trim();
  if (hint && turn.options.length === 0 && texts.length > 0) texts.push(`${texts.pop() ?? ""}\n(${hint})`);
  const question = turn.options.length > 0 ? texts.pop() : undefined;
  const out: BotpressMessage[] = [...toUrgentMessages(turn, lang), ...texts.map(text)];
  const cards = (turn.evaluation?.recommendations ?? []).slice(0, MAX_CAROUSEL_ITEMS).map((r) => toServiceCard(r, lang, serviceNames));
  if (cards.length === 1 && cards[0]) out.push({ type: "card", payload: cards[0] });
  if (cards.length > 1) out.push({ type: "carousel", payload: { items: cards } });
  if (turn.booking) out.push({ type: "card", payload: toBookingCard(turn.booking, lang) });
  if (turn.options.length > 0) {
    const options = turn.options.map((o) => ({ label: nonEmpty(o.label, o.id), value: o.id })).filter((o) => o.value !== "");
    out.push({ type: "choice", payload: { text: nonEmpty(question ?? "", "…"), options } });
  }
  return out;
}

function toUrgentMessages(turn: Turn, lang: Lang): BotpressMessage[] {
  const texts = (turn.evaluation?.urgent ?? []).map((u) => u.message.trim()).filter((t) => t !== "").map(text);
  const actions = turn.urgent.map((u) => ({ action: "url" as const, label: nonEmpty(u.label, u.phone), value: `tel:${u.phone.replace(/-/g, "")}` }));
  return actions.length > 0 ? [...texts, { type: "card", payload: { title: TEXT[lang].urgentTitle, actions } }] : texts;
}

type Recommendation = NonNullable<Turn["evaluation"]>["recommendations"][number];

function toServiceCard(r: Recommendation, lang: Lang, serviceNames: Readonly<Record<string, string>>): Card {
  const subtitle = [r.reasons[0], r.nextSteps?.[0]].filter((s): s is string => s !== undefined && s.trim() !== "").join("\n");
  const phone = (r.nextSteps ?? []).map((s) => /☎\s?(\d[\d-]{1,12}\d)/.exec(s)?.[1]).find((n) => n !== undefined);
  return {
    title: nonEmpty(serviceNames[r.service] ?? "", r.service),
    ...(subtitle ? { subtitle } : {}),
    actions: phone ? [callAction(lang, phone)] : [],
  };
}

/** A phone button: a `url` action with a tel: link (channels without tel: links show it as a link). */
function callAction(lang: Lang, phone: string): Card["actions"][number] {
  return { action: "url", label: fill(lang, TEXT[lang].call, { phone }), value: `tel:${phone.replace(/-/g, "")}` };
}

function toBookingCard(booking: NonNullable<Turn["booking"]>, lang: Lang): Card {
  const when = booking.start.slice(0, 16).replace("T", " ");
  return { title: fill(lang, TEXT[lang].booking, { code: booking.code }), subtitle: nonEmpty(`${when} · ${booking.location}`.trim(), when), actions: [] };
}

/** Longest text Hanbeon accepts in one message. */
const MAX_TEXT = 2000;

const incomingSchema = z.object({
  type: z.string(),
  payload: z.object({ text: z.string().optional(), value: z.string().optional() }).catch({}),
});

/**
 * A Botpress incoming message as Hanbeon input: a tapped choice or postback carries the option
 * id as `value`; typed text is passed as text. Anything else (images, files …) is undefined.
 */
export function toHanbeonInput(message: unknown): HanbeonInput | undefined {
  const parsed = incomingSchema.safeParse(message);
  if (!parsed.success) return undefined;
  const { value, text: typed } = parsed.data.payload;
  if (value !== undefined && value.trim() !== "") return { optionId: value.trim().slice(0, 200) };
  if (typed !== undefined && typed.trim() !== "") return { text: typed.trim().slice(0, MAX_TEXT) };
  return undefined;
}

const relayConfigSchema = z.object({ hanbeonUrl: z.url({ protocol: /^https?$/ }), relayToken: z.string().min(32) });
export type RelayConfig = z.infer<typeof relayConfigSchema>;

/** The bot's configuration from the request context: the object itself or `{payload: "<JSON>"}`. */
export function parseRelayConfig(raw: unknown): RelayConfig {
  const wrapped = z.object({ payload: z.string() }).safeParse(raw);
  return relayConfigSchema.parse(wrapped.success ? JSON.parse(wrapped.data.payload) : raw);
}

/** What the relay needs of Hanbeon's chat API (hanbeon-client.ts implements it over HTTP). */
export interface HanbeonPort {
  startSession(lang: Lang): Promise<{ sessionId: string; turn: Turn }>;
  /** The next turn, or "session_gone" when Hanbeon answers 404 (expired or erased). */
  sendMessage(sessionId: string, input: HanbeonInput): Promise<Turn | "session_gone">;
  serviceNames(lang: Lang): Promise<Record<string, string>>;
}

/**
 * One incoming Botpress message through Hanbeon: a conversation without a live session starts
 * one and shows its first turn (the triggering message is a greeting, not an answer); otherwise
 * the input goes to the session. Returns the state to save and the messages to create.
 */
export async function relayMessage(hanbeon: HanbeonPort, state: RelayState, message: unknown): Promise<{ state: RelayState; messages: BotpressMessage[] }> {
  const input = toHanbeonInput(message);
  if (state.sessionId !== null && input === undefined) return { state, messages: [relayText(state.lang, "unsupported")] };
  const { sessionId, turn } = await nextTurn(hanbeon, state, input);
  const names = turn.evaluation && turn.evaluation.recommendations.length > 0 ? await hanbeon.serviceNames(state.lang) : {};
  return { state: { ...state, sessionId }, messages: toBotpressMessages(turn, state.lang, names) };
}

async function nextTurn(hanbeon: HanbeonPort, state: RelayState, input: HanbeonInput | undefined): Promise<{ sessionId: string; turn: Turn }> {
  if (state.sessionId !== null && input !== undefined) {
    const turn = await hanbeon.sendMessage(state.sessionId, input);
    if (turn !== "session_gone") return { sessionId: state.sessionId, turn };
  }
  return hanbeon.startSession(state.lang);
}

function text(value: string): BotpressMessage {
  return { type: "text", payload: { text: value } };
}

function nonEmpty(value: string, fallback: string): string {
  return value.trim() !== "" ? value : fallback;
}
