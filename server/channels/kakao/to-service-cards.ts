import { serviceDetailOptionId } from "../../../bot/conversation/service-detail";
import type { Recommendation } from "../../../bot/eligibility/score-services";
import type { Translate } from "../../i18n/create-translator";
import type { CardButton, TextCard } from "./kakao-payload-schema";
import { cutText, leadingSentences } from "./to-text-bubbles";

const CARD_TITLE_MAX = 50;
/** A textCard's description inside a carousel. */
export const CAROUSEL_DESCRIPTION_MAX = 128;
const TIER_SEPARATOR = " · ";

/**
 * The result's services as carousel cards. Each card: the service's name; a description that
 * says how likely it fits and why, in whole sentences (never cut mid-sentence) within the
 * carousel's 128 characters, different from every other card's; and its buttons (`buttonsOf`,
 * e.g. 자세히, 센터 전화, 상담 예약). Descriptions come from the service's reasons first, then its
 * own description from services.json, which differs per service.
 */
export function toServiceCards(recommendations: readonly Recommendation[], t: Translate, buttonsOf: (r: Recommendation) => CardButton[]): TextCard[] {
  const used = new Set<string>();
  return recommendations.map((r): TextCard => {
    const name = t(`services.${r.service}.name`);
    const description = describe(r, name, t, used);
    const buttons = buttonsOf(r);
    return { title: cutText(name, CARD_TITLE_MAX), description, ...(buttons.length > 0 ? { buttons } : {}) };
  });
}

/** The "자세히" button of a card: says "<name> 자세히" as the resident's message and carries `detail:<service>`. */
export function detailButton(r: Recommendation, t: Translate, label: string): CardButton {
  const name = t(`services.${r.service}.name`);
  return { label, action: "message", messageText: t("kakao.card.detailSays", { name }), extra: { optionId: serviceDetailOptionId(r.service) } };
}

/**
 * The first candidate text whose leading whole sentences fit (with the tier in front when there
 * is room) and that no earlier card used; the service's "see 자세히" line when none does.
 */
function describe(r: Recommendation, name: string, t: Translate, used: Set<string>): string {
  const tier = t(`kakao.tier.${r.tier}`);
  const candidates = [...r.reasons.map((m) => t(m.key, m.params)), t(`services.${r.service}.description`)];
  for (const withTier of [true, false]) {
    const room = CAROUSEL_DESCRIPTION_MAX - (withTier ? tier.length + TIER_SEPARATOR.length : 0);
    for (const candidate of candidates) {
      const sentences = leadingSentences(candidate.replace(/\s+/g, " "), room);
      if (sentences === "" || used.has(sentences)) continue;
      used.add(sentences);
      return withTier ? `${tier}${TIER_SEPARATOR}${sentences}` : sentences;
    }
  }
  return cutText(t("kakao.card.seeDetail", { name }), CAROUSEL_DESCRIPTION_MAX);
}
