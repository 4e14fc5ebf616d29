import { readFileSync } from "node:fs";
import { SECONDS_PER_QUESTION } from "../../../bot/conversation/run-conversation";
import { listRuleFacts } from "../../../bot/eligibility/list-rule-facts";
import { parseFlowYaml } from "../../../flows/load-flows";
import { loadRuleSet } from "../../../flows/load-rules";
import type { FlowTurn } from "../../support/flow-harness";
import {
  DEFAULT_FLOW_FILE, LANGS, flowFixture, listLocaleKeys, lookupText, readLocaleFiles, startChat,
} from "../../support/flow-harness";

const tap = (id: string) => ({ tap: id });
const keysOf = (turn: FlowTurn) => turn.messages.map((m) => m.key);
const recommended = (turn: FlowTurn) => (turn.evaluation?.recommendations ?? []).map((r) => ({ service: r.service, tier: r.tier }));

type Input = string | { tap: string };

/** A card debtor of 25 million won, 45 days overdue, employed, household of two (no real person). */
const CARD_DEBTOR: Record<string, Input> = {
  consent: tap("agree"), safety_check: tap("no"), has_debt: tap("yes"), total_debt: "2500만원", secured_gate: tap("none"), creditor_types: tap("card"),
  has_illegal_loan: tap("no"), overdue_days: "45일", new_debt_gate: tap("none"), prior_discharge_gate: tap("no"), current_procedure: tap("none"),
  household_size: "2명", monthly_income: "250만원", own_income: "3000만원", cover_living: tap("yes"), employment: tap("employed"), employed_months: "2년",
  age: "45", gyeonggi_resident: tap("yes"), welfare_status: tap("none"),
};

/** Owes a loan shark only: 80만원 received, 100만원 to repay in 7 days. */
const LOAN_SHARK: Record<string, Input> = {
  consent: tap("agree"), safety_check: tap("no"), has_debt: tap("yes"), total_debt: "100만원", secured_gate: tap("none"),
  creditor_types: tap("unregistered_lender"), illegal_registered: tap("no"), illegal_terms_gate: tap("yes"), illegal_received: "80만원",
  illegal_repay: "100만원", illegal_days: "7일", illegal_contacts_7d: "3번", household_size: "1명", monthly_income: "180만원", employment: tap("employed"), age: "34",
  employed_months: "1년", own_income: "2000만원", urgent_cash: "50만원",
};

/** No debt, living alone, out of work. */
const NO_DEBT: Record<string, Input> = {
  consent: tap("agree"), safety_check: tap("no"), has_debt: tap("no"), household_size: "1명", monthly_income: "0", employment: tap("unemployed"), age: "30",
};

describe("default flow", () => {
  it("when loaded with the shipped locales and rules, then it has no problems", () => {
    const { flow, locales } = flowFixture();
    expect(flow.id).toBe("default");
    expect(flow.version).toBe(1);
    const reparsed = parseFlowYaml(readFileSync(DEFAULT_FLOW_FILE, "utf8"), { locales, ruleFacts: listRuleFacts(loadRuleSet()) });
    expect(reparsed.ok ? [] : reparsed.problems).toEqual([]);
  });

  it("when its Korean copy is shown on a phone, then every bubble is short and names only known phone lines", () => {
    const { locales } = flowFixture();
    const flowKeys = listLocaleKeys(locales.ko).filter((key) => key.startsWith("flow."));
    const tooLong = flowKeys.filter((key) => (lookupText(locales.ko, key) ?? "").length > 250);
    expect(tooLong).toEqual([]);
    const allowed = ["109", "112", "1332", "132", "129", "1397", "1600-5500", "{{centerPhone}}"];
    const lines = LANGS.flatMap((lang) => flowKeys.flatMap((key) => [...(lookupText(locales[lang], key) ?? "").matchAll(/☎\s*([\d-]+|\{\{\w+\}\})/g)].map((m) => m[1])));
    expect(lines.filter((line) => !allowed.includes(line ?? ""))).toEqual([]);
  });

  it("when consent is declined, then it ends with general guidance and asks nothing", () => {
    const chat = startChat("ko");
    expect(chat.turn.nodeId).toBe("consent");
    const end = chat.answer("consent", tap("decline"));
    expect(end.done).toBe(true);
    expect(end.options).toEqual([]);
    expect(keysOf(end)).toEqual(["flow.declined.info", "flow.declined.contacts", "flow.declined.end"]);
    expect(end.evaluation).toBeUndefined();
    expect(chat.state.facts).toEqual({});
    expect(chat.asked).toEqual(["consent"]);
    expect(chat.texts().join(" ")).toContain("1332");
  });

  it("when a card debtor is 45 days overdue, then a first result with 사전채무조정 comes within 12 questions, and answering more refines it", () => {
    const chat = startChat("ko");
    const first = chat.walk(CARD_DEBTOR);
    expect(first.done).toBe(true);
    expect(first.options.map((o) => o.id)).toEqual(["booking:start", "triage:refine"]);
    expect(keysOf(first)).toContain("engine.refine.offer");
    expect(chat.asked.length).toBeLessThanOrEqual(12);
    const preWorkout = recommended(first).find((r) => r.service === "ccrs_pre_workout");
    expect(preWorkout?.tier).toBe("likely");
    expect(chat.state.facts).toMatchObject({ totalDebtKrw: 25_000_000, creditorTypes: ["card"], overdueDays: 45 });
    for (const later of ["illegal_threats", "at_risk", "wants_job_help", "secured_gate", "employed_months"]) expect(chat.asked).not.toContain(later);
    const firstCount = chat.asked.length;

    const final = chat.walk(CARD_DEBTOR, { refine: true });
    expect(final.done).toBe(true);
    expect(final.options.map((o) => o.id)).toEqual(["booking:start"]);
    expect(chat.asked.length).toBeGreaterThan(firstCount);
    expect(chat.asked.slice(firstCount)).toEqual(expect.arrayContaining(["secured_gate"]));
    expect(new Set(chat.asked).size).toBe(chat.asked.length);
    expect(recommended(final).find((r) => r.service === "ccrs_pre_workout")?.tier).toBe("likely");
  });

  it("when an illegal-lending victim reports threats, then the 112 help and the first result come next, and the rest after it", () => {
    const chat = startChat("ko");
    chat.walk(LOAN_SHARK, { until: "illegal_threats" });
    const next = chat.answer("illegal_threats", tap("yes"));
    expect(next.urgent.map((u) => u.code)).toEqual(expect.arrayContaining(["call_112", "report_1332"]));
    expect(next.urgent.find((u) => u.code === "call_112")?.phone).toBe("112");
    expect(keysOf(next)[0]).toBe("rules.urgent.call_112");
    expect(next.done).toBe(true);
    expect(recommended(next).map((r) => r.service)).toEqual(expect.arrayContaining(["illegal_lending_relief", "debtor_attorney"]));
    expect(next.options.map((o) => o.id)).toContain("triage:refine");
    expect(chat.asked.length).toBeLessThanOrEqual(8);
    // The household section's intro is not said on the way to a result that asks nothing of it.
    expect(keysOf(next)).not.toContain("flow.household.intro");
    // The rest comes after, as an offer: the next question is the one left, and the call buttons stay.
    const more = chat.tap("triage:refine");
    expect(more.done).toBe(false);
    expect(keysOf(more)[0]).toBe("engine.refine.started");
    expect(more.urgent.map((u) => u.code)).toContain("call_112");
  });

  it("when a section's questions are all passed, then its intro is not said; when one of them is asked, it is said once, right before it", () => {
    const chat = startChat("ko");
    chat.walk(CARD_DEBTOR, { until: "household_size" });
    expect(keysOf(chat.turn).slice(-2)).toEqual(["flow.household.intro", "flow.household.size.question"]);
    const end = chat.walk(CARD_DEBTOR, { refine: true });
    expect(chat.turns.flatMap((turn) => turn.messages.map((m) => m.key)).filter((key) => key === "flow.household.intro")).toHaveLength(1);
    expect(end.done).toBe(true);
  });

  it("when an illegal-lending victim gives the loan's terms, then the evaluation computes its APR", () => {
    const chat = startChat("ko");
    const end = chat.walk({ ...LOAN_SHARK, illegal_threats: tap("no"), illegal_images: tap("no") }, { refine: true });
    expect(end.done).toBe(true);
    expect(chat.state.facts.illegalLending).toMatchObject({ loans: [{ receivedKrw: 800_000, repayKrw: 1_000_000, days: 7 }] });
    expect(chat.asked).not.toContain("overdue_days");
    const loan = end.evaluation?.loans?.[0];
    expect(loan?.aprPct).toBeCloseTo(1303.6, 1);
    expect(loan?.overLegalCap).toBe(true);
  });

  it("when there is no debt at all, then no creditor, overdue or illegal-lending question is asked, first or later", () => {
    const chat = startChat("ko");
    const end = chat.walk(NO_DEBT, { refine: true });
    expect(end.done).toBe(true);
    const debtQuestions = ["total_debt", "secured_gate", "secured_debt", "creditor_types", "has_illegal_loan", "overdue_days", "at_risk",
      "new_debt_gate", "prior_discharge_gate", "current_procedure", "severe_disability", "business_ever"];
    expect(chat.asked.filter((id) => debtQuestions.includes(id) || id.startsWith("illegal_"))).toEqual([]);
    expect(chat.state.facts).toMatchObject({ totalDebtKrw: 0, creditorTypes: [], overdueDays: 0, currentProcedure: "none" });
    expect(end.evaluation).toBeDefined();
  });

  it("when a question's answer can no longer change the result, then it is not asked and is recorded as skipped", () => {
    const chat = startChat("ko");
    chat.walk({ ...CARD_DEBTOR, current_procedure: "회생 중이에요" }, { refine: true });
    expect(chat.state.facts.currentProcedure).toBe("court_rehabilitation");
    // In court rehabilitation no loan or workout is offered: what only those would need is not asked.
    expect(chat.state.skipped ?? []).toEqual(expect.arrayContaining(["employed_months"]));
    expect(chat.asked).not.toContain("employed_months");
  });

  it("when answers are typed instead of tapped, then they are read like taps", () => {
    const typed = startChat("ko");
    typed.walk({
      consent: "네", safety_check: "아니요", has_debt: "네", total_debt: "350만원", secured_gate: "없어요", creditor_types: "2번", has_illegal_loan: "아니요",
      overdue_days: "3개월", new_debt_gate: "없어요", prior_discharge_gate: "아니요", current_procedure: "아니요", household_size: "2명", monthly_income: "250",
      own_income: "3000만원", cover_living: "네", employment: "1번", employed_months: "2년", age: "45세", gyeonggi_resident: "네", welfare_status: "해당 없음",
      severe_disability: "아니요", credit_score_known: "아니요", crisis_events: "없어요", business_ever: "아니요", urgent_cash_gate: "없어요", wants_job_help: "아니요",
    }, { refine: true });
    const tapped = startChat("ko");
    tapped.walk({
      consent: tap("agree"), safety_check: tap("no"), has_debt: tap("yes"), total_debt: "3500000원", secured_gate: tap("none"), creditor_types: tap("card"),
      has_illegal_loan: tap("no"), overdue_days: "90일", new_debt_gate: tap("none"), prior_discharge_gate: tap("no"), current_procedure: tap("none"),
      household_size: "2", monthly_income: "2500000원", own_income: "30,000,000원", cover_living: tap("yes"), employment: tap("employed"), employed_months: "24개월",
      age: "45", gyeonggi_resident: tap("yes"), welfare_status: tap("none"), severe_disability: tap("no"), credit_score_known: tap("no"), crisis_events: tap("none"),
      business_ever: tap("no"), urgent_cash_gate: tap("none"), wants_job_help: tap("no"),
    }, { refine: true });
    expect(typed.turn.done).toBe(true);
    expect(typed.state.facts).toEqual(tapped.state.facts);
    expect(typed.asked).toEqual(tapped.asked);
    expect(typed.state.facts).toMatchObject({ totalDebtKrw: 3_500_000, creditorTypes: ["card"], overdueDays: 90, monthlyIncomeKrw: 2_500_000 });
  });

  it("when a card debtor types that they are already in court rehabilitation, then no new workout or loan is offered, only legal aid and counselling", () => {
    const chat = startChat("ko");
    chat.walk(CARD_DEBTOR, { until: "current_procedure" });
    expect(chat.texts().at(-1)).toContain("개인회생");
    const end = chat.walk({ ...CARD_DEBTOR, current_procedure: "회생 중이에요" }, { refine: true });
    expect(chat.state.facts.currentProcedure).toBe("court_rehabilitation");
    const services: string[] = recommended(end).map((r) => r.service);
    expect(services).toEqual(expect.arrayContaining(["legal_aid", "financial_counseling"]));
    for (const service of ["ccrs_pre_workout", "creditor_adjustment_request", "sunshine_loan_worker", "court_rehabilitation", "court_bankruptcy"]) {
      expect({ service, shown: services.includes(service) }).toEqual({ service, shown: false });
    }
  });

  it.each([
    ["안 해요", "none"], ["신복위요", "ccrs_workout"], ["파산 신청했어요", "court_bankruptcy"], ["I don't know", undefined],
  ] as const)("when asked about a procedure and the resident types %p, then it is saved as %p", (text, saved) => {
    const chat = startChat("ko");
    chat.walk({ ...CARD_DEBTOR, total_debt: "300만원", overdue_days: "10일" }, { until: "current_procedure" });
    chat.answer("current_procedure", text);
    expect(chat.turn.nodeId).toBe("household_size");
    expect(chat.state.facts.currentProcedure).toBe(saved);
  });

  it("when the resident says 뒤로 or back, then the last answer is undone; 처음으로 starts over", () => {
    const chat = startChat("ko");
    chat.walk(CARD_DEBTOR, { until: "total_debt" });
    chat.answer("total_debt", "350만원");
    expect(chat.turn.nodeId).toBe("creditor_types");
    const answered = chat.turn.progress.answered;

    const back = chat.say("뒤로");
    expect(back.nodeId).toBe("total_debt");
    expect(keysOf(back)[0]).toBe("engine.wentBack");
    expect(chat.state.facts.totalDebtKrw).toBeUndefined();
    expect(back.progress.answered).toBe(answered - 1);
    chat.answer("total_debt", "500만원");
    expect(chat.state.facts.totalDebtKrw).toBe(5_000_000);

    chat.say("back");
    expect(chat.turn.nodeId).toBe("total_debt");
    chat.say("back");
    expect(chat.turn.nodeId).toBe("has_debt");

    const restarted = chat.say("처음으로");
    expect(restarted.nodeId).toBe("consent");
    expect(keysOf(restarted)[0]).toBe("engine.restarted");
    expect(restarted.progress.answered).toBe(0);
    expect(chat.state.facts).toEqual({});
    expect(chat.state.vars).toEqual({});
  });

  it.each(["ko", "en"] as const)("when a conversation opens in %s, then the welcome states the question count and minutes the estimate on screen supports", (lang) => {
    const chat = startChat(lang);
    const welcome = chat.turn.messages.find((m) => m.key === "flow.welcome.hello");
    const questions = chat.turn.progress.estimatedTotal;
    expect(welcome?.params).toEqual({ questions, minutes: Math.max(1, Math.round((questions * SECONDS_PER_QUESTION) / 60)) });
    expect(chat.texts()[0]).toContain(lang === "ko" ? `질문 ${questions}개쯤` : `About ${questions} questions`);
  });

  it("when the walk goes on, then the estimated total never falls below the answers and never jumps up by more than 2", () => {
    for (const [answers, refine] of [[CARD_DEBTOR, true], [LOAN_SHARK, true], [NO_DEBT, true]] as const) {
      const chat = startChat("ko");
      chat.walk(answers, { refine });
      const totals = chat.turns.map((turn) => turn.progress.estimatedTotal);
      expect(chat.turns.filter((turn) => turn.progress.estimatedTotal < turn.progress.answered)).toEqual([]);
      expect(Math.max(...totals.slice(1).map((total, i) => total - (totals[i] ?? total)))).toBeLessThanOrEqual(2);
    }
  });

  it("when the resident says they have thought of self-harm, then the 109 line comes first and the triage goes on gently", () => {
    const chat = startChat("ko");
    chat.answer("consent", tap("agree"));
    const next = chat.answer("safety_check", tap("yes"));
    expect(next.urgent.map((u) => u.code)).toEqual(["crisis_line_109"]);
    expect(keysOf(next)).toEqual(["rules.urgent.crisis_line_109", "flow.safety.support", "flow.debt.intro", "flow.debt.has.question"]);
    expect(chat.texts()[0]).toContain("109");
    expect(chat.state.facts.selfHarmRisk).toBe(true);
  });

  it("when creditors are not known, then the fact stays missing instead of empty and the loan-shark question is asked", () => {
    const chat = startChat("ko");
    chat.walk(CARD_DEBTOR, { until: "total_debt" });
    chat.answer("total_debt", "1억 2천");
    chat.answer("creditor_types", "모름");
    expect(chat.state.facts.creditorTypes).toBeUndefined();
    expect(chat.turn.nodeId).toBe("has_illegal_loan");
  });

  it("when the resident is unsure about self-harm, then the 109 line is shown, gently, and the fact stays missing", () => {
    const chat = startChat("ko");
    chat.answer("consent", tap("agree"));
    const next = chat.answer("safety_check", "잘 모르겠어요");
    expect(keysOf(next)).toEqual(["flow.safety.unsure", "flow.safety.support", "flow.debt.intro", "flow.debt.has.question"]);
    expect(chat.texts()[0]).toContain("109");
    expect(chat.state.facts.selfHarmRisk).toBeUndefined();
    expect(chat.state.unknown).toEqual(["safety_check"]);
  });

  it("when the resident does not know whether or how much they owe, then they go on and no debt figure is guessed", () => {
    const chat = startChat("ko");
    chat.walk(CARD_DEBTOR, { until: "has_debt" });
    chat.answer("has_debt", "몰라요");
    chat.answer("total_debt", "기억 안 나요");
    expect(chat.turn.nodeId).toBe("creditor_types");
    chat.answer("creditor_types", "카드랑 은행이요");
    chat.answer("has_illegal_loan", "아니요");
    chat.answer("overdue_days", "한 3개월 됐어요");
    expect(chat.state.facts).toMatchObject({ creditorTypes: ["bank", "card"], overdueDays: 90 });
    expect(chat.state.facts.totalDebtKrw).toBeUndefined();
    expect(chat.state.unknown).toEqual(["has_debt", "total_debt"]);
    // Never asked again, not even when the resident answers more after the first result.
    chat.walk(CARD_DEBTOR, { refine: true });
    expect(chat.asked.filter((id) => id === "total_debt" || id === "has_debt")).toEqual(["has_debt", "total_debt"]);
  });

  it("when a monthly figure is typed at the yearly own-income question, then it is converted and the resident told", () => {
    const chat = startChat("ko");
    chat.walk(NO_DEBT, { until: "household_size" });
    chat.answer("household_size", "네");
    expect(keysOf(chat.turn)[0]).toBe("engine.error.number");
    chat.answer("household_size", "저까지 2명이요");
    chat.answer("monthly_income", "한 달에 290만원쯤 들어와요");
    chat.walk({ ...NO_DEBT, employment: tap("employed") }, { refine: true, until: "own_income" });
    chat.answer("own_income", "한 달에 100만원 정도요");
    expect(chat.state.facts).toMatchObject({ householdSize: 2, monthlyIncomeKrw: 2_900_000, annualIncomeKrw: 12_000_000 });
    expect(chat.texts()[0]).toBe("한 달 100만원이면 1년에 1,200만원쯤이네요. 1년 1,200만원으로 적어 둘게요. 다르면 '뒤로'라고 보내 주세요.");
  });

  it("when the conversation is in English, then every text it shows exists", () => {
    const chat = startChat("en");
    chat.walk({ ...CARD_DEBTOR, total_debt: "25 million won", household_size: "2", monthly_income: "2.5 million won", own_income: "30 million won", employed_months: "2 years" }, { refine: true });
    const missing = chat.turns.flatMap((t) => t.messages.map((m) => m.key)).filter((key) => !key.startsWith("engine.") && lookupText(flowFixture().locales.en, key) === undefined);
    expect(missing).toEqual([]);
  });
});

describe("locales", () => {
  const keysByFile = (lang: string) => readLocaleFiles(lang).flatMap(({ file, tree }) => listLocaleKeys(tree).map((key) => ({ file, key })));
  const only = (from: string, to: string) => {
    const present = new Set(keysByFile(to).map((k) => k.key));
    return keysByFile(from).filter((k) => !present.has(k.key)).map((k) => `${from}/${k.file}: ${k.key}`);
  };

  it("when a key exists in Korean, then it exists in English, in every namespace", () => {
    expect(only("ko", "en")).toEqual([]);
  });

  it("when a key exists in English, then it exists in Korean, in every namespace", () => {
    expect(only("en", "ko")).toEqual([]);
  });
});
