import { foldText, normalizeText } from "./normalize-text";

/**
 * Korean ways of saying "I don't know / can't remember / not sure", matched on the text without
 * spaces. "모르는" is left out on purpose: "모르는 사람한테 빌렸어요" is an answer, not a shrug;
 * so is "몰랐어요" ("I didn't know it was illegal").
 */
const KOREAN =
  /몰라|모르겠|모름|모릅니다|모르지|모르죠|모르는데요|몰루|기억(?:이|도|은|에|이잘)?(?:잘|정확히|전혀|확실히|딱)?(?:안|않|못|없)|생각(?:이|도)?(?:잘)?안나|글쎄|확실하지않|확실치않|잘모르|알수없|알수가없|헷갈려|헷갈리|가물가물|확인(?:을|을안|해)?(?:안|못)해|확인해봐야|찾아봐야/;
/** English, matched on the folded text with its spaces. */
const ENGLISH =
  /\b(?:(?:i\s+)?(?:don'?t|do\s+not|dont)\s+(?:really\s+|even\s+)?know|not\s+(?:really\s+|quite\s+|too\s+|so\s+)?sure|unsure|no\s+idea|dunno|idk|no\s+clue|(?:can'?t|cannot|don'?t|do\s+not)\s+(?:really\s+)?remember|not\s+certain|i\s+forg[oe]t|hard\s+to\s+say)\b/;
/** A long message that merely mentions not knowing is a story, not a shrug; stories go elsewhere. */
const MAX_LENGTH = 40;

/**
 * Whether a reply says "I don't know" ("몰라요", "모르겠어요", "잘 몰라요", "기억 안 나요",
 * "글쎄요", "I don't know", "not sure", "no idea", "dunno"), so the question is recorded as
 * unknown instead of asked again. A reply that holds a digit is an attempt at an answer
 * ("정확히는 모르겠는데 300쯤") and is never a shrug; neither is a long message.
 */
export function isDontKnow(text: string): boolean {
  const folded = foldText(text).replace(/[’‘`´]/g, "'");
  if (folded.length === 0 || folded.length > MAX_LENGTH || /\d/.test(folded)) return false;
  return KOREAN.test(normalizeText(folded)) || ENGLISH.test(folded);
}
