import { BOOKING_START_OPTION } from "../../../bot/booking/find-booking-intent";
import type { ChatTurn } from "../../../bot/conversation/chat-turn";
import type { Translate } from "../../i18n/create-translator";
import type { CardButton, QuickReply, SkillOutput, SkillResponse, TextCard } from "./kakao-payload-schema";
import { detailButton, toServiceCards } from "./to-service-cards";
import { cutText, toTextBubbles } from "./to-text-bubbles";

/** The quick reply that shows the next page of a long option list. */
export const MORE_OPTION_ID = "kakao:more";
/** Quick replies that carry a command ("cmd:back", "cmd:restart" …). */
export const COMMAND_OPTION_PREFIX = "cmd:";

const MAX_OUTPUTS = 3;
const MAX_QUICK_REPLIES = 10;
/** Options per page when a list needs paging: nine plus "더보기". */
const PAGE_SIZE = MAX_QUICK_REPLIES - 1;
const LABEL_MAX = 14;
const CARD_TITLE_MAX = 50;
const CARD_DESCRIPTION_MAX = 400;
const MAX_BUTTONS = 3;
/** What a phone button may dial (the center's number comes from configuration). */
const DIALABLE = /^[0-9-]{3,20}$/;
/** The first bubble is what shows before any scrolling: kept this short when the turn allows. */
const FIRST_BUBBLE_MAX = 200;
/** Near misses ("what would change it") shown under the result. */
const MAX_NEAR_MISSES = 3;
/** Progress ("질문이 N개쯤 남았어요") shows once this few questions remain. */
const PROGRESS_NEAR_END = 10;
/** Services shown in the result carousel (Kakao allows 10; five keep it readable). */
const MAX_SERVICES = 5;

/**
 * A chat turn as a Kakao SkillResponse 2.0 within every documented limit: 1 to 3 outputs,
 * simpleTexts under 500 characters when possible (never over 1000), the first under 200 when
 * the turn allows, at most 10 quick replies (long option lists paged with a "더보기" reply),
 * labels of at most 14 characters. While urgent help is active, every reply starts with its
 * phone buttons. A finished triage says its text, then shows the services as a carousel whose
 * cards carry 자세히, 센터 전화 and 상담 예약; a turn about the center or one service ends with a
 * card calling the center (and booking, when offered).
 */
export function toKakaoResponse(turn: ChatTurn, t: Translate): SkillResponse {
  const head = urgentOutputs(turn, t);
  const tail = [...resultOutputs(turn, t), ...focusOutputs(turn, t)];
  const texts = toTextBubbles(paragraphsOf(turn, t), MAX_OUTPUTS - head.length - tail.length, FIRST_BUBBLE_MAX);
  const outputs: SkillOutput[] = [...head, ...texts.map((text) => ({ simpleText: { text } })), ...tail];
  if (outputs.length === 0) outputs.push({ simpleText: { text: t("kakao.reask") } });
  return { version: "2.0", template: { outputs, quickReplies: quickRepliesOf(turn, t) } };
}

/** The apology sent when anything fails or runs late, with a way to start over. */
export function toKakaoApology(t: Translate): SkillResponse {
  return {
    version: "2.0",
    template: { outputs: [{ simpleText: { text: t("kakao.apology") } }], quickReplies: [quickReply(`${COMMAND_OPTION_PREFIX}restart`, t("kakao.restart"))] },
  };
}

/** Past a limit (too many messages, holds, bookings or wrong code+phone guesses): try again later, or call. */
export function toKakaoLimited(t: Translate): SkillResponse {
  return { version: "2.0", template: { outputs: [{ simpleText: { text: t("kakao.rateLimited") } }] } };
}

/** How many pages of quick replies a question with `count` options needs (1 = no paging). */
export function optionPageCount(count: number): number {
  return count <= MAX_QUICK_REPLIES ? 1 : Math.ceil(count / PAGE_SIZE);
}

function paragraphsOf(turn: ChatTurn, t: Translate): string[] {
  const paragraphs = turn.messages.map((m) => t(m.key, m.params));
  const pages = optionPageCount(turn.options.length);
  if (turn.paged && pages > 1) paragraphs.unshift(t("kakao.morePage", { page: (turn.optionPage % pages) + 1, pages }));
  if (turn.done) {
    const evaluation = turn.evaluation;
    if (evaluation === undefined) return paragraphs;
    if (evaluation.headline !== undefined) paragraphs.push(t(evaluation.headline.key, evaluation.headline.params));
    const near = (evaluation.nearMisses ?? []).slice(0, MAX_NEAR_MISSES).map((n) => `• ${t(n.message.key, n.message.params)}`);
    if (near.length > 0) paragraphs.push([t("kakao.nearMissIntro"), ...near].join("\n"));
    if (evaluation.recommendations.length > 1) paragraphs.push(t("kakao.resultIntro"));
    if (offersBooking(turn)) paragraphs.push(t("kakao.bookingHint"));
    return paragraphs;
  }
  if (turn.input.hint) paragraphs.push(t("kakao.hint", { hint: t(turn.input.hint.key, turn.input.hint.params) }));
  const labels = turn.options.map((o) => t(o.label.key, o.label.params));
  const listed = turn.input.kind === "multi" || labels.length > MAX_QUICK_REPLIES || labels.some((l) => l.length > LABEL_MAX);
  // At a money question (range buttons) a typed number is an amount, so the ranges are listed without numbers.
  const mark = (i: number) => (turn.input.kind === "money" ? "•" : `${i + 1}.`);
  if (listed) paragraphs.push(labels.map((label, i) => `${mark(i)} ${label}`).join("\n"));
  if (turn.input.kind === "multi") paragraphs.push(t("kakao.multiHint"));
  const remaining = turn.progress.estimatedTotal - turn.progress.answered;
  // Only near the end, where it encourages: the early estimate is long and would discourage.
  if (turn.progress.answered > 0 && remaining > 0 && remaining <= PROGRESS_NEAR_END) paragraphs.push(t("engine.progress", { remaining }));
  return paragraphs;
}

/**
 * Urgent help as phone buttons, on every reply while it is active: one card of up to three
 * numbers (112 and 109 first), or a carousel of two cards when all four are active.
 */
function urgentOutputs(turn: ChatTurn, t: Translate): SkillOutput[] {
  if (turn.urgent.length === 0) return [];
  const buttons: CardButton[] = turn.urgent.map((item) => ({ label: shortLabel(t(item.label.key, item.label.params)), action: "phone", phoneNumber: item.phone }));
  const title = cutText(t("kakao.urgentTitle"), CARD_TITLE_MAX);
  if (buttons.length <= MAX_BUTTONS) return [{ textCard: { title, buttons } }];
  const cards: TextCard[] = [];
  for (let i = 0; i < buttons.length; i += MAX_BUTTONS) cards.push({ title, buttons: buttons.slice(i, i + MAX_BUTTONS) });
  return [{ carousel: { type: "textCard", items: cards } }];
}

/** The result's services as a carousel of text cards, each with 자세히, 센터 전화 and (when offered) 상담 예약. */
function resultOutputs(turn: ChatTurn, t: Translate): SkillOutput[] {
  const evaluation = turn.evaluation;
  if (!turn.done || evaluation === undefined) return [];
  const actions = centerActions(turn, t);
  const detail = shortLabel(t("kakao.card.detail"));
  const cards = toServiceCards(evaluation.recommendations.slice(0, MAX_SERVICES), t, (r) => [detailButton(r, t, detail), ...actions].slice(0, MAX_BUTTONS));
  return cards.length > 0 ? [{ carousel: { type: "textCard", items: cards } }] : [];
}

/**
 * After the center's contact ("상담원") or a service's detail, a card to act on it: the
 * center's number as a phone button, and booking when the conversation offers it.
 */
function focusOutputs(turn: ChatTurn, t: Translate): SkillOutput[] {
  const focus = turn.focus;
  const buttons = centerActions(turn, t);
  if (focus === undefined || buttons.length === 0) return [];
  const card: TextCard = focus.kind === "service"
    ? { title: cutText(t(`services.${focus.service}.name`), CARD_TITLE_MAX), buttons }
    : { title: cutText(t("kakao.center.title"), CARD_TITLE_MAX), description: cutText(t("kakao.center.description"), CARD_DESCRIPTION_MAX), buttons };
  return [{ textCard: card }];
}

/** 센터 전화 (the configured number, when it can be dialled) and 상담 예약 (when the turn offers booking). */
function centerActions(turn: ChatTurn, t: Translate): CardButton[] {
  const phone = t("kakao.center.phone");
  const call: CardButton[] = DIALABLE.test(phone) ? [{ label: shortLabel(t("kakao.card.call")), action: "phone", phoneNumber: phone }] : [];
  const book = turn.options.find((o) => o.id === BOOKING_START_OPTION);
  if (book === undefined) return call;
  const label = t(book.label.key, book.label.params);
  return [...call, { label: shortLabel(label), action: "message", messageText: label, extra: { optionId: BOOKING_START_OPTION } }];
}

function offersBooking(turn: ChatTurn): boolean {
  return turn.options.some((o) => o.id === BOOKING_START_OPTION);
}

/**
 * At most 10 quick replies: the options of this page (all of them when they fit, else 9 and
 * "더보기"), then "처음으로" and "뒤로" where room is left. A finished turn offers "처음으로".
 */
function quickRepliesOf(turn: ChatTurn, t: Translate): QuickReply[] {
  const optionPage = turn.optionPage;
  const options = turn.options.map((o) => quickReply(o.id, t(o.label.key, o.label.params)));
  const pages = optionPageCount(options.length);
  const page = ((optionPage % pages) + pages) % pages;
  const shown = pages === 1 ? options : [...options.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE), quickReply(MORE_OPTION_ID, t("kakao.more"))];
  const restart = quickReply(`${COMMAND_OPTION_PREFIX}restart`, t("kakao.restart"));
  const back = quickReply(`${COMMAND_OPTION_PREFIX}back`, t("kakao.back"));
  // A finished conversation offers a new start, and the way back to its last answer when it has one.
  const extras = turn.done && turn.progress.answered === 0 ? [restart]
    : turn.done ? [restart, back, quickReply(`${COMMAND_OPTION_PREFIX}human`, t("kakao.human"))]
    : turn.progress.answered > 0 ? [back, restart] : [restart];
  return [...shown, ...extras].slice(0, MAX_QUICK_REPLIES);
}

/** A quick reply that says the full label and carries the option id back as clientExtra. */
function quickReply(optionId: string, label: string): QuickReply {
  return { label: shortLabel(label), action: "message", messageText: label, extra: { optionId } };
}

function shortLabel(label: string): string {
  return cutText(label.replace(/\s+/g, " ").trim(), LABEL_MAX);
}
