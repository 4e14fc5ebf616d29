import { readAnswer } from "../../../bot/nodes/read-answer";
import { isQuestionNode } from "../../../flows/schema/flow";
import { flowFixture } from "../../support/flow-harness";

/**
 * Typed answers to the shipped flow's questions, as residents type them (the phrases quoted in
 * issue 13 and natural variants in Korean and English), each with what must be saved:
 * - `{ value }`: read and saved as this value (after any unit conversion);
 * - UNKNOWN: a "don't know", recorded as unknown with the fact left missing;
 * - REASK: asking again is right (a reflex "네" at a count, two amounts, a mixed answer);
 * - MISSED: a real answer the parsers still cannot read. These are counted: the aim is at most
 *   one re-ask in ten typed answers.
 */
const UNKNOWN = "unknown";
const REASK = "reask";
const MISSED = "missed";
type Expected = { value: unknown } | typeof UNKNOWN | typeof REASK | typeof MISSED;
type Row = [nodeId: string, text: string, expected: Expected];
const v = (value: unknown): Expected => ({ value });
const MAN = 10_000;

const CORPUS: Row[] = [
  // consent: single choice (agree → true, decline → false)
  ["consent", "네", v(true)], ["consent", "네 동의해요", v(true)], ["consent", "Yes, I agree", v(true)], ["consent", "동의합니다!", v(true)],
  ["consent", "좋아요 시작할게요", v(true)], ["consent", "ok", v(true)], ["consent", "아니요", v(false)], ["consent", "동의 안 해요", v(false)],
  ["consent", "싫어요", v(false)], ["consent", "no thanks", v(false)], ["consent", "몰라요", REASK],
  // safety_check: yes/no, "don't know" shows the 109 line
  ["safety_check", "아니요", v(false)], ["safety_check", "아니요, 그런 생각은 없어요", v(false)], ["safety_check", "그런 적 없어요", v(false)],
  ["safety_check", "not really", v(false)], ["safety_check", "안 그래요", v(false)], ["safety_check", "아닌 것 같아요", v(false)],
  ["safety_check", "네 가끔", v(true)], ["safety_check", "가끔요", v(true)], ["safety_check", "조금요", v(true)], ["safety_check", "그런 적 있어요", v(true)],
  ["safety_check", "sometimes", v(true)], ["safety_check", "a little", v(true)], ["safety_check", "yeah sometimes", v(true)],
  ["safety_check", "잘 모르겠어요", UNKNOWN], ["safety_check", "I'm not sure", UNKNOWN], ["safety_check", "있었는데 지금은 없어요", REASK],
  // has_debt: yes/no
  ["has_debt", "네 빚 있어요", v(true)], ["has_debt", "카드빚 있어요", v(true)], ["has_debt", "응 좀 있어", v(true)], ["has_debt", "yes, a lot", v(true)],
  ["has_debt", "아니요 없어요", v(false)], ["has_debt", "빚 없어요", v(false)], ["has_debt", "몰라요", UNKNOWN], ["has_debt", "I don't know", UNKNOWN],
  // total_debt: money (bare numbers are 만원)
  ["total_debt", "대충 1200만원 돼요", v(1200 * MAN)], ["total_debt", "3천", v(3000 * MAN)], ["total_debt", "빚이 3천 정도 있어요", v(3000 * MAN)],
  ["total_debt", "1억 2천만원 정도요", v(12_000 * MAN)], ["total_debt", "about 30 million won", v(3000 * MAN)], ["total_debt", "30 million", v(3000 * MAN)],
  ["total_debt", "2.5 million", v(250 * MAN)], ["total_debt", "around 9 million won, I think", v(900 * MAN)], ["total_debt", "1.2 billion", v(120_000 * MAN)],
  ["total_debt", "한 달에 200 벌어요", REASK], ["total_debt", "월급이 250이에요", REASK], ["total_debt", "I earn 2 million a month", REASK],
  ["total_debt", "월급 밀려서 카드빚이 3천이에요", v(3000 * MAN)], ["urgent_cash", "월급 200 받아요", REASK], ["monthly_income", "한 달에 200 벌어요", v(200 * MAN)],
  ["total_debt", "삼백만원", v(300 * MAN)], ["total_debt", "천이백만 원", v(1200 * MAN)], ["total_debt", "200에서 250 사이", v(225 * MAN)],
  ["total_debt", "300 정도", v(300 * MAN)], ["total_debt", "300쯤", v(300 * MAN)], ["total_debt", "약 300", v(300 * MAN)], ["total_debt", "음 한 500?", v(500 * MAN)],
  ["total_debt", "1,500만원이요", v(1500 * MAN)], ["total_debt", "총 4500", v(4500 * MAN)], ["total_debt", "5천 넘어요", v(5000 * MAN)],
  ["total_debt", "정확히는 모르겠는데 2천쯤?", v(2000 * MAN)], ["total_debt", "몰라요", UNKNOWN], ["total_debt", "기억 안 나요", UNKNOWN],
  ["total_debt", "not sure", UNKNOWN], ["total_debt", "카드 300 대출 500", REASK], ["total_debt", "많아요", REASK], ["total_debt", "네", REASK],
  // secured_gate: single choice (none → 0, some → null, unknown → null and unknown)
  ["secured_gate", "아니요", v(0)], ["secured_gate", "담보는 없어요", v(0)], ["secured_gate", "없는 것 같아요", v(0)], ["secured_gate", "no", v(0)],
  ["secured_gate", "네 있어요", v(null)], ["secured_gate", "집 담보 대출 있어요", v(null)], ["secured_gate", "모르겠어요", UNKNOWN],
  ["secured_debt", "5천", v(5000 * MAN)], ["secured_debt", "집 담보로 1억 5천 정도요", v(15_000 * MAN)],
  // creditor_types: several picks
  ["creditor_types", "카드", v(["card"])], ["creditor_types", "카드랑 은행이요", v(["bank", "card"])], ["creditor_types", "카드빚이랑 사채요", v(["card", "unregistered_lender"])],
  ["creditor_types", "은행, 카드", v(["bank", "card"])], ["creditor_types", "저축은행이랑 캐피탈", v(["capital", "savings_bank"])],
  ["creditor_types", "친구한테 빌렸어요", v(["private_person"])], ["creditor_types", "대부업체에서 빌렸어요", v(["registered_lender"])],
  ["creditor_types", "카드론이랑 현금서비스", v(["card"])], ["creditor_types", "1, 2", v(["bank", "card"])], ["creditor_types", "세금 밀린 거요", v(["public_or_tax"])],
  ["creditor_types", "credit card and bank", v(["bank", "card"])], ["creditor_types", "몰라요", UNKNOWN],
  // illegal lending
  ["has_illegal_loan", "아니요", v(false)], ["has_illegal_loan", "네 사채 썼어요", v(true)], ["has_illegal_loan", "일수 쓰고 있어요", v(true)],
  ["has_illegal_loan", "모르겠어요", UNKNOWN],
  ["illegal_threats", "네 협박 문자 와요", v(true)], ["illegal_threats", "그런 적은 없어요", v(false)], ["illegal_threats", "가끔요", v(true)],
  ["illegal_threats", "찾아온다고 했어요", MISSED],
  ["illegal_images", "아니요", v(false)], ["illegal_images", "네...", v(true)],
  ["illegal_registered", "등록 안 된 곳이에요", v("no")], ["illegal_registered", "불법 사채요", v("no")], ["illegal_registered", "정식 업체예요", v("yes")],
  ["illegal_registered", "몰라요", UNKNOWN],
  ["illegal_terms_gate", "네 대충 기억나요", v(true)], ["illegal_terms_gate", "기억 안 나요", UNKNOWN],
  ["illegal_received", "50만원", v(50 * MAN)], ["illegal_received", "30 받았어요", v(30 * MAN)], ["illegal_received", "선이자 떼고 40만원 받았어요", v(40 * MAN)],
  ["illegal_repay", "일주일 뒤에 80만원", v(80 * MAN)], ["illegal_repay", "몰라요", UNKNOWN],
  ["illegal_days", "7일", v(7)], ["illegal_days", "일주일", v(7)], ["illegal_days", "열흘", v(10)], ["illegal_days", "2주 뒤에 갚기로 했어요", v(14)],
  ["illegal_contacts_taken", "네 연락처 다 가져갔어요", v(true)], ["illegal_family_work", "네 회사에도 전화했어요", v(true)],
  ["illegal_night", "네 밤에도 와요", v(true)], ["illegal_night", "새벽에도 전화 와요", MISSED],
  ["illegal_contacts_7d", "스무 번쯤", v(20)], ["illegal_contacts_7d", "20번", v(20)], ["illegal_contacts_7d", "두세 번", v(3)], ["illegal_contacts_7d", "열 번 넘게", v(10)],
  ["illegal_contacts_7d", "한 번도 없어요", v(0)], ["illegal_contacts_7d", "없어요", v(0)], ["illegal_contacts_7d", "10 times", v(10)],
  ["illegal_contacts_7d", "하루에 열 번씩", REASK], ["illegal_contacts_7d", "네", REASK],
  // overdue and the rest of the debt section
  ["overdue_days", "한 3개월 됐어요", v(90)], ["overdue_days", "두세 달", v(90)], ["overdue_days", "반년", v(183)], ["overdue_days", "1년 반", v(548)],
  ["overdue_days", "석 달째", v(90)], ["overdue_days", "45일", v(45)], ["overdue_days", "3 months", v(90)], ["overdue_days", "about two months", v(60)],
  ["overdue_days", "안 밀렸어요", v(0)], ["overdue_days", "연체 없어요", v(0)], ["overdue_days", "아직 안 밀렸어요", v(0)], ["overdue_days", "카드값이 3개월째 밀렸어요", v(90)],
  ["overdue_days", "기억 안 나요", UNKNOWN], ["overdue_days", "몰라요", UNKNOWN], ["overdue_days", "좀 됐어요", REASK],
  ["at_risk", "네 곧 못 갚을 것 같아요", v(true)], ["at_risk", "네", v(true)], ["at_risk", "아니요", v(false)], ["at_risk", "못 갚을 것 같아요", MISSED],
  ["new_debt_gate", "없어요", v(0)], ["new_debt_gate", "네 있어요", v(null)], ["new_debt_gate", "몰라요", UNKNOWN], ["new_debt_gate", "최근에 카드론 받았어요", v(null)], ["new_debt_gate", "안 빌렸어요", v(0)],
  ["new_debt", "500", v(500 * MAN)],
  ["prior_discharge_gate", "아니요 그런 적 없어요", v(false)], ["prior_discharge_gate", "없어요", v(false)], ["prior_discharge_gate", "몰라요", UNKNOWN],
  ["prior_bankruptcy", "네", v(true)], ["prior_rehabilitation", "아니요", v(false)],
  // household
  ["household_size", "저까지 2명이요", v(2)], ["household_size", "혼자", v(1)], ["household_size", "저 혼자요", v(1)], ["household_size", "저 포함 3명", v(3)],
  ["household_size", "우리 식구 넷", v(4)], ["household_size", "넷이요", v(4)], ["household_size", "just me", v(1)], ["household_size", "me and my wife", v(2)],
  ["household_size", "two", v(2)], ["household_size", "3명", v(3)], ["household_size", "세 명", v(3)], ["household_size", "남편이랑 저", v(2)],
  ["household_size", "4인 가족이에요", v(4)], ["household_size", "네", REASK], ["household_size", "응", REASK], ["household_size", "남편이랑 애 둘", REASK],
  ["monthly_income", "한 달에 290만원쯤 들어와요", v(290 * MAN)], ["monthly_income", "250", v(250 * MAN)], ["monthly_income", "월 300", v(300 * MAN)],
  ["monthly_income", "둘이 합쳐서 400 정도", v(400 * MAN)], ["monthly_income", "연봉 3600", v(300 * MAN)], ["monthly_income", "없어요", v(0)],
  ["monthly_income", "소득 없어요", v(0)], ["monthly_income", "3 million a month", v(300 * MAN)], ["monthly_income", "about 2.5 million won", v(250 * MAN)],
  ["monthly_income", "200에서 250 사이", v(225 * MAN)], ["monthly_income", "잘 모르겠는데 300쯤?", v(300 * MAN)], ["monthly_income", "몰라요", UNKNOWN],
  ["own_income", "한 달에 100만원 정도요", v(1200 * MAN)], ["own_income", "월 200", v(2400 * MAN)], ["own_income", "3000만원", v(3000 * MAN)],
  ["own_income", "연봉 3600", v(3600 * MAN)], ["own_income", "1년에 3천", v(3000 * MAN)], ["own_income", "100 a month", v(1200 * MAN)],
  ["own_income", "30 million won a year", v(3000 * MAN)], ["own_income", "본인 소득은 없어요", v(0)], ["own_income", "매달 150 정도 벌어요", v(1800 * MAN)],
  ["own_income", "모르겠어요", UNKNOWN],
  ["cover_living", "네 겨우요", v(true)], ["cover_living", "겨우 돼요", v(true)], ["cover_living", "아니요 부족해요", v(false)], ["cover_living", "감당 안 돼요", v(false)],
  ["cover_living", "빠듯해요", MISSED],
  // employment: an option named in other words
  ["employment", "회사 다녀요", v("employed")], ["employment", "직장 다녀요", v("employed")], ["employment", "알바해요", v("employed")],
  ["employment", "편의점 알바해요", v("employed")], ["employment", "공장 다녀요", v("employed")], ["employment", "가게 해요", v("self_employed")],
  ["employment", "장사해요", v("self_employed")], ["employment", "식당 운영해요", v("self_employed")], ["employment", "프리랜서예요", v("self_employed")],
  ["employment", "일 안 해요", v("unemployed")], ["employment", "놀고 있어요", v("unemployed")], ["employment", "지금은 쉬고 있어요", v("unemployed")],
  ["employment", "학교 다녀요", v("student")], ["employment", "대학생이에요", v("student")], ["employment", "주부예요", v("homemaker")],
  ["employment", "은퇴했어요", v("retired")], ["employment", "일용직이에요", v("daily_worker")], ["employment", "노가다 뛰어요", v("daily_worker")],
  ["employment", "I work at a company", v("employed")], ["employment", "I'm a student", v("student")], ["employment", "I'm not working", v("unemployed")],
  ["employment", "I'm retired", v("retired")], ["employment", "self-employed", v("self_employed")], ["employment", "회사 안 다녀요", REASK],
  ["employment", "회사 그만뒀어요", v("unemployed")], ["employment", "몰라요", UNKNOWN],
  ["employed_months", "1년 반", v(18)], ["employed_months", "2년", v(24)], ["employed_months", "한 3개월 됐어요", v(3)], ["employed_months", "반년", v(6)],
  ["employed_months", "일한 지 8개월이요", v(8)], ["employed_months", "석 달", v(3)], ["employed_months", "about a year", v(12)], ["employed_months", "두세 달", v(3)],
  ["employed_months", "기억 안 나요", UNKNOWN],
  ["age", "일흔넷이에요", v(74)], ["age", "마흔다섯", v(45)], ["age", "마흔다섯 살", v(45)], ["age", "45세", v(45)], ["age", "만 45세", v(45)],
  ["age", "I'm 74", v(74)], ["age", "45 years old", v(45)], ["age", "서른둘이요", v(32)], ["age", "스물다섯", v(25)], ["age", "사십오 세", v(45)],
  ["age", "예순", v(60)], ["age", "twenty-nine", v(29)], ["age", "네", REASK], ["age", "10살", REASK],
  ["gyeonggi_resident", "네, 경기도 살아요", v(true)], ["gyeonggi_resident", "네 의정부요", v(true)], ["gyeonggi_resident", "아니요 서울이요", v(false)],
  ["gyeonggi_resident", "응", v(true)], ["gyeonggi_resident", "yes", v(true)], ["gyeonggi_resident", "경기도에 살아요", MISSED], ["gyeonggi_resident", "서울 살아요", MISSED],
  ["welfare_status", "수급자예요", v("basic_livelihood")], ["welfare_status", "기초수급 받아요", v("basic_livelihood")], ["welfare_status", "차상위예요", v("near_poverty")],
  ["welfare_status", "한부모가정이에요", v("single_parent")], ["welfare_status", "해당 없어요", v("none")], ["welfare_status", "아무것도 없어요", v("none")],
  ["welfare_status", "그런 거 없어요", v("none")], ["welfare_status", "no", v("none")], ["welfare_status", "몰라요", UNKNOWN],
  ["severe_disability", "아니요", v(false)], ["severe_disability", "네 심한 장애예요", v(true)], ["severe_disability", "장애 없어요", v(false)],
  // credit score
  ["credit_score_known", "네 알아요", v(true)], ["credit_score_known", "대충 알아요", v(true)], ["credit_score_known", "몰라요", UNKNOWN],
  ["credit_score_known", "아니요 몰라요", UNKNOWN],
  ["credit_score_bureau", "나이스", v("NICE")], ["credit_score_bureau", "KCB", v("KCB")], ["credit_score_bureau", "올크레딧이요", v("KCB")], ["credit_score_bureau", "NICE요", v("NICE")],
  ["credit_score", "650점", v(650)], ["credit_score", "칠백점", v(700)], ["credit_score", "650 정도요", v(650)], ["credit_score", "600점대요", v(600)],
  // crises, business, urgent needs, job help
  ["crisis_events", "없어요", v([])], ["crisis_events", "실직했어요", v(["job_loss"])], ["crisis_events", "폐업했어요", v(["business_closure"])],
  ["crisis_events", "가게 접었어요", v(["business_closure"])], ["crisis_events", "회사에서 잘렸어요", v(["job_loss"])], ["crisis_events", "큰 병이 있어요", v(["serious_illness"])],
  ["crisis_events", "nothing like that", v([])], ["crisis_events", "몰라요", UNKNOWN],
  ["business_ever", "아니요", v(false)], ["business_ever", "네 예전에 식당 했어요", v(true)],
  ["business_period", "네", v(true)], ["business_closed", "네 작년에 폐업했어요", v(true)],
  ["urgent_cash_gate", "네 급해요", v(null)], ["urgent_cash_gate", "없어요", v(0)], ["urgent_cash_gate", "월세가 급해요", v(null)], ["urgent_cash_gate", "괜찮아요", MISSED],
  ["urgent_cash", "50만원", v(50 * MAN)], ["urgent_cash", "한 100만원 정도 필요해요", v(100 * MAN)],
  ["wants_job_help", "네 받고 싶어요", v(true)], ["wants_job_help", "아니요 괜찮아요", v(false)], ["wants_job_help", "좋아요", v(true)], ["wants_job_help", "no thanks", v(false)],
  ["wants_job_help", "괜찮아요", MISSED],
];

const { flow, ctx } = flowFixture();
const questions = new Map(flow.nodes.filter(isQuestionNode).map((node) => [node.id, node]));

/** What the engine does with a typed answer: saves a value, records "don't know", or asks again. */
function outcomeOf(nodeId: string, text: string): Expected {
  const node = questions.get(nodeId);
  if (node === undefined) throw new Error(`the shipped flow has no question "${nodeId}"`);
  const answer = readAnswer(node, { text }, ctx.labels, "ko");
  if (!answer.ok) return REASK;
  return answer.value.unknown === true ? UNKNOWN : { value: answer.value.value };
}

describe("typed answers to the shipped flow (corpus)", () => {
  it.each(CORPUS)("when %p is answered %p, then it is read as %j", (nodeId, text, expected) => {
    expect(outcomeOf(nodeId, text)).toEqual(expected === MISSED ? REASK : expected);
  });

  it("when earnings are typed at a question about another amount, then it is asked again saying income is asked separately", () => {
    const node = questions.get("total_debt");
    if (node === undefined) throw new Error("the shipped flow has no total_debt question");
    expect(readAnswer(node, { text: "한 달에 200 벌어요" }, ctx.labels, "ko")).toEqual({ ok: false, reason: { key: "parse.money.earningsNotAsked" } });
  });

  it("when the corpus is counted, then it has 150+ answers over every kind of question, and at most one real answer in ten is asked again", () => {
    const answered = new Set(CORPUS.map(([nodeId]) => nodeId));
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set([...answered].map((id) => questions.get(id)?.type));
    expect([...new Set([...questions.values()].map((node) => node.type))].filter((kind) => !kinds.has(kind))).toEqual([]);
    const uncovered = [...questions.keys()].filter((id) => !answered.has(id));
    const genuine = CORPUS.filter(([, , expected]) => expected !== REASK);
    const missed = genuine.filter(([, , expected]) => expected === MISSED);
    const rate = missed.length / genuine.length;
    console.log(
      `typed-answer corpus: ${CORPUS.length} answers, ${genuine.length} real answers, ${missed.length} still asked again ` +
        `(${(rate * 100).toFixed(1)} %), ${CORPUS.length - genuine.length} rightly asked again; questions without rows: ${uncovered.join(", ") || "none"}`,
    );
    expect(rate).toBeLessThanOrEqual(0.1);
  });
});
