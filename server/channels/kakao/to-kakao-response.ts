import type { EngineTurn } from "../../../bot/conversation/engine-turn";
import type { EvaluationCore, UrgentNotice } from "../../../bot/eligibility/score-services";
import type { StoredSession } from "../../../bot/ports";
import type { Translate } from "../../i18n/create-translator";
import type { CardButton, QuickReply, SkillOutput, SkillResponse, TextCard } from "./kakao-payload-schema";
import { cutText, toTextBubbles } from "./to-text-bubbles";

/** The quick reply that shows the next page of a long option list (handled by the route). */
export const MORE_OPTION_ID = "kakao:more";

const MAX_OUTPUTS = 3;
const MAX_QUICK_REPLIES = 10;
/** Options per page when a list needs paging: nine plus "더보기". */
const PAGE_SIZE = MAX_QUICK_REPLIES - 1;
const LABEL_MAX = 14;
const CARD_TITLE_MAX = 50;
const CARD_TEXT_MAX = 400;
const CAROUSEL_DESCRIPTION_MAX = 128;
const MAX_BUTTONS = 3;
/** Progress ("질문이 N개쯤 남았어요") shows once this few questions remain. */
const PROGRESS_NEAR_END = 10;
/** Services shown in the result carousel (Kakao allows 10; five keep it readable). */
const MAX_SERVICES = 5;

/** Numbers for the urgent codes and flow alerts that come with a phone button. */
const PHONE_OF: Record<string, string> = { call_112: "112", crisis_line_109: "109", report_1332: "1332" };

type Turn = EngineTurn<EvaluationCore>;

/**
 * An engine turn as a Kakao SkillResponse 2.0 within every documented limit: 1 to 3 outputs,
 * simpleTexts under 500 characters when possible (never over 1000), at most 10 quick replies
 * (long option lists paged by `view.optionPage` with a "더보기" reply), labels of at most 14
 * characters. A finished triage shows urgent contacts first, then the services as a carousel.
 */
export function toKakaoResponse(turn: Turn, t: Translate, view: StoredSession["view"]): SkillResponse {
  const cards = cardsOf(turn, t);
  const texts = toTextBubbles(paragraphsOf(turn, t), MAX_OUTPUTS - cards.length);
  const outputs: SkillOutput[] = [...cards, ...texts.map((text) => ({ simpleText: { text } }))];
  if (outputs.length === 0) outputs.push({ simpleText: { text: t("kakao.reask") } });
  return { version: "2.0", template: { outputs, quickReplies: quickRepliesOf(turn, t, view.optionPage) } };
}

/** The apology sent when anything fails or runs late, with a way to start over. */
export function toKakaoApology(t: Translate): SkillResponse {
  return toKakaoNotice(t, "kakao.apology");
}

/** One short bubble and a "처음으로" quick reply: for answers that are not a conversation turn. */
export function toKakaoNotice(t: Translate, key: string): SkillResponse {
  return {
    version: "2.0",
    template: { outputs: [{ simpleText: { text: t(key) } }], quickReplies: [quickReply("cmd:restart", t("kakao.restart"))] },
  };
}

/** How many pages of quick replies a question with `count` options needs (1 = no paging). */
export function optionPageCount(count: number): number {
  return count <= MAX_QUICK_REPLIES ? 1 : Math.ceil(count / PAGE_SIZE);
}

function paragraphsOf(turn: Turn, t: Translate): string[] {
  const paragraphs = turn.messages.map((m) => t(m.key, m.params));
  if (turn.done) {
    if (turn.evaluation !== undefined && turn.evaluation.recommendations.length > 1) paragraphs.push(t("kakao.resultIntro"));
    if (turn.evaluation !== undefined && turn.offer === "booking") paragraphs.push(t("kakao.bookingHint"));
    return paragraphs;
  }
  if (turn.input.hint) paragraphs.push(t("kakao.hint", { hint: t(turn.input.hint.key, turn.input.hint.params) }));
  const labels = turn.options.map((o) => t(o.label.key, o.label.params));
  const listed = turn.input.kind === "multi" || labels.length > MAX_QUICK_REPLIES || labels.some((l) => l.length > LABEL_MAX);
  if (listed) paragraphs.push(labels.map((label, i) => `${i + 1}. ${label}`).join("\n"));
  if (turn.input.kind === "multi") paragraphs.push(t("kakao.multiHint"));
  const remaining = turn.progress.estimatedTotal - turn.progress.answered;
  // Only near the end, where it encourages: the early estimate is long and would discourage.
  if (turn.progress.answered > 0 && remaining > 0 && remaining <= PROGRESS_NEAR_END) paragraphs.push(t("engine.progress", { remaining }));
  return paragraphs;
}

/** Cards before the text: urgent contacts (or this turn's alerts), then the result carousel. */
function cardsOf(turn: Turn, t: Translate): SkillOutput[] {
  const evaluation = turn.evaluation;
  if (turn.done && evaluation !== undefined) {
    const urgent = evaluation.urgent.length > 0 ? [{ textCard: urgentCard(evaluation.urgent, t) }] : [];
    const services = evaluation.recommendations.slice(0, MAX_SERVICES).map((r): TextCard => ({
      title: cutText(t(`services.${r.service}.name`), CARD_TITLE_MAX),
      description: cutText(
        [t(`kakao.tier.${r.tier}`), ...r.reasons.slice(0, 1).map((m) => t(m.key, m.params))].join(" · ").replace(/\s+/g, " "),
        CAROUSEL_DESCRIPTION_MAX,
      ),
    }));
    const carousel: SkillOutput[] = services.length > 0 ? [{ carousel: { type: "textCard", items: services } }] : [];
    return [...urgent, ...carousel];
  }
  return turn.alerts.length > 0 ? [{ textCard: alertCard(turn.alerts, t) }] : [];
}

function urgentCard(urgent: UrgentNotice[], t: Translate): TextCard {
  const title = t("kakao.urgentTitle");
  const description = [...new Set(urgent.map((u) => t(u.message.key, u.message.params)))].join("\n");
  const buttons = phoneButtons(urgent.map((u) => ({ code: u.code, phone: phoneParam(u) })), t);
  return card(title, description, buttons);
}

function alertCard(alerts: string[], t: Translate): TextCard {
  const description = alerts.map((id) => {
    const text = t(`kakao.alert.${id}`);
    return text === `kakao.alert.${id}` ? t("kakao.alert.other") : text;
  }).join("\n");
  return card(t("kakao.urgentTitle"), description, phoneButtons(alerts.map((code) => ({ code })), t));
}

/** A single textCard: title ≤ 50, title and description together ≤ 400. */
function card(title: string, description: string, buttons: CardButton[]): TextCard {
  const cutTitle = cutText(title, CARD_TITLE_MAX);
  return { title: cutTitle, description: cutText(description, CARD_TEXT_MAX - cutTitle.length), ...(buttons.length ? { buttons } : {}) };
}

/** One phone button per distinct number, in the order given (112 and 109 come first), at most 3. */
function phoneButtons(items: Array<{ code: string; phone?: string }>, t: Translate): CardButton[] {
  const seen = new Set<string>();
  const buttons: CardButton[] = [];
  for (const { code, phone } of items) {
    const number = phone ?? PHONE_OF[code];
    if (number === undefined || seen.has(number)) continue;
    seen.add(number);
    buttons.push({ label: shortLabel(t(`kakao.call.${code}`, { phone: number })), action: "phone", phoneNumber: number });
  }
  return buttons.slice(0, MAX_BUTTONS);
}

/** The phone number a rule put in its message, when it is a plain number such as "112". */
function phoneParam(notice: UrgentNotice): string | undefined {
  const phone = notice.message.params?.phone;
  const text = phone === undefined ? undefined : String(phone);
  return text !== undefined && /^[0-9-]{3,20}$/.test(text) ? text : undefined;
}

/**
 * At most 10 quick replies: the options of this page (all of them when they fit, else 9 and
 * "더보기"), then "처음으로" and "뒤로" where room is left. A finished turn offers "처음으로".
 */
function quickRepliesOf(turn: Turn, t: Translate, optionPage: number): QuickReply[] {
  const options = turn.options.map((o) => quickReply(o.id, t(o.label.key, o.label.params)));
  const pages = optionPageCount(options.length);
  const page = ((optionPage % pages) + pages) % pages;
  const shown = pages === 1 ? options : [...options.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE), quickReply(MORE_OPTION_ID, t("kakao.more"))];
  const restart = quickReply("cmd:restart", t("kakao.restart"));
  const back = quickReply("cmd:back", t("kakao.back"));
  const extras = turn.done ? [restart, back, quickReply("cmd:human", t("kakao.human"))]
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
