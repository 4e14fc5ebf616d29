import type { DraftFacts } from "../../flows/schema/case-facts";
import { draftFactsSchema } from "../../flows/schema/case-facts";
import { writePath } from "../conversation/fact-paths";
import { parseDurationDays } from "../parse/parse-duration";
import { parseMoney } from "../parse/parse-money";

type CreditorType = NonNullable<DraftFacts["creditorTypes"]>[number];
type CrisisEvent = NonNullable<DraftFacts["crisisEvents"]>[number];

/** One fact read from a message, with the resident's words that support it. */
export type FactProposal = { path: string; value: unknown; evidence: string };
export type Extraction = { proposals: FactProposal[]; facts: DraftFacts };

const MAX_TEXT = 2000;

/** Creditor words, most specific first ("저축은행" before "은행", "불법 대부" before "대부"). */
const CREDITORS: ReadonlyArray<{ type: CreditorType; pattern: RegExp }> = [
  { type: "unregistered_lender", pattern: /사채|일수|급전|선이자|작업대출|미등록\s*대부|불법\s*(?:대부|대출|사금융)|불법사채|개인\s*돈놀이/ },
  { type: "savings_bank", pattern: /저축\s*은행/ },
  { type: "bank", pattern: /(?<!저축\s?)은행|마이너스\s*통장|마통|신용대출|주담대|주택담보/ },
  { type: "card", pattern: /카드|현금\s*서비스|리볼빙/ },
  { type: "capital", pattern: /캐피[탈털]|할부/ },
  { type: "insurance", pattern: /약관\s*대출|보험사/ },
  { type: "mutual_finance", pattern: /농협|수협|신협|축협|새마을\s*금고/ },
  { type: "registered_lender", pattern: /(?<!미등록\s?|불법\s?)대부/ },
  { type: "public_or_tax", pattern: /세금|국세|지방세|체납|건강\s*보험료|건보료|국민\s*연금/ },
  { type: "private_person", pattern: /(?:친구|지인|친척|가족|형|누나|언니|오빠|동생|아는\s*사람)(?:한테|에게|에게서|한테서)\s*(?:돈\s*을?\s*)?(?:\S+\s*)?빌/ },
];

const DEBT_WORDS = /빚|대출|빌[렸린려리]|채무|갚[아을]|값|론|밀[린렸려]|연체|카드|사채|일수|대부|할부|체납/;
const OVERDUE_WORDS = /밀[린렸려]|연체|못\s*갚|못\s*냈|못\s*내/;
const NOT_OVERDUE = /(?:연체|밀린\s*(?:거|것|적))\s*(?:는|은|도)?\s*없|안\s*밀렸|연체\s*(?:는|도)?\s*안\s*했/;
const TOTAL_WORDS = /총|전부|합쳐서|다\s*해서|모두|통틀어/;

const FLAGS: ReadonlyArray<{ path: string; pattern: RegExp }> = [
  { path: "illegalLending.threats", pattern: /협박|위협|죽여|죽이겠|가만\s*안\s*둔|해코지|찾아[가오]겠|찾아온다|욕설/ },
  { path: "illegalLending.sexualImages", pattern: /나체|알몸|누드|몸캠|성적인?\s*(?:사진|영상)|야한\s*사진|사진\s*(?:을|을\s*)?(?:뿌리|유포)/ },
  { path: "illegalLending.contactsTaken", pattern: /지인\s*(?:들\s*)?(?:연락처|번호|목록)|연락처\s*(?:를|을)?\s*(?:다\s*)?(?:넘겼|넘겨|줬|주고|가져|요구|제출|털)|주소록/ },
  { path: "illegalLending.familyOrWorkContacted", pattern: /(?:가족|부모|엄마|아빠|어머니|아버지|남편|아내|와이프|회사|직장|상사)\s*(?:한테|에게|에|으로|로|까지)?\s*(?:까지\s*)?(?:연락|전화|문자|찾아)/ },
  { path: "illegalLending.nightContacts", pattern: /(?:밤|새벽|한밤중|자정)\s*(?:마다|에|에도|늦게|까지)?\s*(?:\S+\s*)?(?:전화|문자|연락|카톡)/ },
  { path: "selfHarmRisk", pattern: /죽고\s*싶|자살|극단적|살기\s*싫|살고\s*싶지\s*않|사라지고\s*싶|끝내고\s*싶|뛰어내리|목숨을?\s*끊|죽어\s*버리고/ },
];

const JOB_LOSS = /실직|해고|잘[렸리려]|짤[렸리려]|권고\s*사직|일자리\s*를?\s*잃|직장\s*을?\s*잃|회사\s*(?:에서\s*)?나왔|일을?\s*그만/;
const BUSINESS_CLOSURE = /폐업|가게\s*를?\s*접|장사\s*를?\s*접|사업\s*을?\s*접/;
const UNEMPLOYED = /실직|해고|잘[렸리려]|짤[렸리려]|무직|백수|일\s*(?:을|이)?\s*없|일자리\s*가?\s*없/;

/** Amounts with a unit ("3천", "1억 2천만원", "오십만원") or a bare number later tested for context. */
const MONEY = /(?:\d[\d,]*(?:\.\d+)?|[일이삼사오육칠팔구십백천]+)\s*(?:조|억|천만|백만|십만|만|천|백)(?:\s*(?:\d[\d,]*\s*(?:천만|백만|십만|만|천|백)?|[일이삼사오육칠팔구십백천]+\s*(?:천만|백만|십만|만|천|백)))?\s*원?|\d[\d,]*\s*원|(?<![\d[])\d{1,5}(?=\s|$|[은는이가도을를만씩])/g;
/** A bare number followed by one of these counts things other than money. */
const NOT_MONEY_AFTER = /^\s*(?:개월|달|년|해|주|일|번|명|살|세|시|통|회|곳|건|군데|%|퍼센트|프로|등급|점|층|호|동|\])/;
const DURATION = /(?:\d+(?:\.\d+)?\s*(?:개월|달|년|주일|주|일)(?:\s*반)?|(?:한|두|세|석|네|넉|다섯|여섯|일곱|여덟|아홉|열|열한|열두)\s*(?:달|해|주)(?:\s*반)?|하루|이틀|사흘|나흘|열흘|보름|반\s*년)/g;

/**
 * Reads the facts a resident packed into one message ("카드값 3천 밀린 지 넉 달이고 사채도 50
 * 빌렸는데 협박 문자가 와요"): amounts owed and to whom, how long overdue, illegal-lending
 * signs, job loss and self-harm words. Each proposal carries the clause that supports it; the
 * resident confirms them before any reaches the facts. Only what was said is proposed: the
 * absence of a word never proposes `false`. A bare number near a debt word is 만원 ("사채 50").
 */
export function extractFacts(text: string): Extraction {
  const proposals: FactProposal[] = [];
  const add = (path: string, value: unknown, evidence: string) => {
    if (!proposals.some((p) => p.path === path)) proposals.push({ path, value, evidence: evidence.trim().slice(0, 80) });
  };
  const clauses = splitClauses(text.slice(0, MAX_TEXT).normalize("NFKC"));
  const creditors: Array<{ type: CreditorType; evidence: string }> = [];
  const debts: Array<{ won: number; evidence: string; total: boolean; illegal: boolean; borrowed: boolean }> = [];
  const crises: Array<{ event: CrisisEvent; evidence: string }> = [];
  for (const clause of clauses) {
    const types = CREDITORS.filter((c) => c.pattern.test(clause)).map((c) => c.type);
    // "불법 대부" is an unregistered lender, not also a registered one.
    for (const type of types) if (!creditors.some((c) => c.type === type)) creditors.push({ type, evidence: clause });
    if (types.length > 0 || DEBT_WORDS.test(clause)) {
      for (const won of amountsIn(clause)) {
        debts.push({ won, evidence: clause, total: TOTAL_WORDS.test(clause), illegal: types.includes("unregistered_lender"), borrowed: /빌[렸린려리]|받[았은]/.test(clause) });
      }
    }
    if (NOT_OVERDUE.test(clause)) add("overdueDays", 0, clause);
    else if (OVERDUE_WORDS.test(clause)) {
      const days = durationIn(clause);
      if (days !== undefined) add("overdueDays", days, clause);
    }
  }
  // Signs are read over the whole message: "죽고 싶어요" must not be cut at its "고".
  const whole = clauses.join(" ");
  for (const flag of FLAGS) {
    const found = snippet(whole, flag.pattern);
    if (found !== undefined) add(flag.path, true, found);
  }
  for (const [event, pattern] of [["job_loss", JOB_LOSS], ["business_closure", BUSINESS_CLOSURE]] as const) {
    const found = snippet(whole, pattern);
    if (found !== undefined) crises.push({ event, evidence: found });
  }
  const jobless = snippet(whole, UNEMPLOYED);
  if (jobless !== undefined) add("employment", "unemployed", jobless);
  if (creditors.length > 0) add("creditorTypes", creditors.map((c) => c.type), joinEvidence(creditors));
  const stated = debts.find((d) => d.total);
  if (stated !== undefined) add("totalDebtKrw", stated.won, stated.evidence);
  else if (debts.length > 0) add("totalDebtKrw", debts.reduce((sum, d) => sum + d.won, 0), joinEvidence(debts));
  const loan = debts.find((d) => d.illegal && d.borrowed);
  if (loan !== undefined) add("illegalLending.loans.0.receivedKrw", loan.won, loan.evidence);
  if (crises.length > 0) add("crisisEvents", [...new Set(crises.map((c) => c.event))], joinEvidence(crises));
  return { proposals: valid(proposals), facts: toFacts(valid(proposals)) };
}

/** The proposals written into a DraftFacts object (validated; an invalid one is left out). */
export function toFacts(proposals: readonly FactProposal[]): DraftFacts {
  let facts: DraftFacts = {};
  for (const proposal of proposals) {
    const parsed = draftFactsSchema.safeParse(writePath(facts, proposal.path, proposal.value));
    if (parsed.success) facts = parsed.data;
  }
  return facts;
}

function valid(proposals: FactProposal[]): FactProposal[] {
  return proposals.filter((p) => draftFactsSchema.safeParse(writePath({}, p.path, p.value)).success);
}

function joinEvidence(items: ReadonlyArray<{ evidence: string }>): string {
  return [...new Set(items.map((i) => i.evidence))].join(" / ");
}

/** The words around the first match: a few characters either side, cut at spaces. */
function snippet(text: string, pattern: RegExp): string | undefined {
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const start = text.lastIndexOf(" ", Math.max(0, match.index - 8)) + 1;
  const endSpace = text.indexOf(" ", match.index + match[0].length + 4);
  return text.slice(start, endSpace === -1 ? text.length : endSpace);
}

function splitClauses(text: string): string[] {
  return text
    .split(/[,.;!?\n~…]+|(?<=[가-힣](?:고|는데|은데|인데|데|며|면서|지만|니까|구요|고요))\s+/)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

function amountsIn(clause: string): number[] {
  const withoutDurations = clause.replace(DURATION, (d) => " ".repeat(d.length));
  const amounts: number[] = [];
  for (const match of withoutDurations.matchAll(MONEY)) {
    const raw = match[0].trim();
    const after = withoutDurations.slice((match.index ?? 0) + match[0].length);
    if (/^\d+$/.test(raw) && NOT_MONEY_AFTER.test(after)) continue;
    const parsed = parseMoney(raw.replace(/\s+/g, ""), { bareUnit: 10000 });
    if (parsed.ok && parsed.value > 0) amounts.push(parsed.value);
  }
  return amounts;
}

function durationIn(clause: string): number | undefined {
  for (const match of clause.matchAll(DURATION)) {
    const parsed = parseDurationDays(match[0]);
    if (parsed.ok && parsed.value > 0) return parsed.value;
  }
  return undefined;
}
