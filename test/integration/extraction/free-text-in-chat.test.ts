import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import type { Turn } from "../../../bot/contract/turn-schema";
import type { ModelFacts } from "../../../server/extraction/model-extractor";
import type { FakeOpenAiServer } from "../../support/fake-openai-server";
import { startFakeOpenAiServer } from "../../support/fake-openai-server";
import { buildTestApp } from "../../support/test-app";

const STORY = "카드값 3천 밀린 지 넉 달이고 사채도 50 빌렸는데 협박 문자가 와요";
const NOTHING: ModelFacts = {
  totalDebtKrw: null, overdueDays: null, creditorTypes: null, illegalLoanReceivedKrw: null, illegalLoanRepayKrw: null,
  illegalLoanDays: null, threats: null, sexualImages: null, contactsTaken: null, familyOrWorkContacted: null, nightContacts: null,
  employment: null, crisisEvents: null, selfHarmRisk: null,
};


const dataDirs: string[] = [];
const closers: Array<() => Promise<void>> = [];
let fake: FakeOpenAiServer;

beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(async () => {
  for (const close of closers) await close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  await fake.close();
});

/** A fresh app over its own empty data folder, and helpers to talk to it through the web API. */
function freshChat(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hanbeon-free-text-"));
  dataDirs.push(dataDir);
  const { app, runtime } = buildTestApp({ env: { DATA_DIR: dataDir, ...env }, now: "2026-12-03T10:00:00+09:00" });
  closers.push(runtime.close);
  const t = runtime.deps.translator.forLang("ko");
  const send = async (sessionId: string, body: object): Promise<Turn> => {
    const res = await request(app).post(`/api/chat/sessions/${sessionId}/messages`).send(body);
    expect(res.status).toBe(200);
    return res.body.turn;
  };
  const factsOf = async (sessionId: string) => (await runtime.sessions.findSession({ channel: "web", id: sessionId }))?.state.facts;
  const create = async () => {
    const res = await request(app).post("/api/chat/sessions").send({});
    expect(res.status).toBe(201);
    return String(res.body.sessionId);
  };
  /** Past consent and the safety question ("no"), at "do you have debt?". */
  const atHasDebt = async () => {
    const sessionId = await create();
    await send(sessionId, { optionId: "agree" });
    const turn = await send(sessionId, { optionId: "no" });
    expect(turn.messages.at(-1)?.text).toBe(t("flow.debt.has.question"));
    return sessionId;
  };
  return { t, send, factsOf, create, atHasDebt };
}

const texts = (turn: Turn) => turn.messages.map((m) => m.text);

describe("a story typed into the web chat (rules only)", () => {
  const chat = freshChat();

  it("when the debt intro is shown, then it invites a story", async () => {
    expect(chat.t("flow.debt.intro")).toContain("편하게 상황을 한 번에 적어 주셔도 돼요");
  });

  it("when a story is sent at the has-debt question, then the threat's urgent help comes at once, its facts are shown for confirmation and nothing is stored before yes", async () => {
    const sessionId = await chat.atHasDebt();
    const before = await chat.factsOf(sessionId);
    const turn = await chat.send(sessionId, { text: STORY });
    expect(texts(turn)).toEqual(expect.arrayContaining([
      chat.t("flow.extract.intro"),
      "• 빚은 모두 3,050만원쯤",
      "• 밀린 지 120일쯤 (약 4개월)",
      "• 사채·불법 대부에서 받은 돈 50만원",
      "• 협박을 받고 있어요",
      chat.t("flow.extract.creditor.card"),
      chat.t("flow.extract.creditor.unregistered_lender"),
    ]));
    expect(texts(turn).at(-1)).toBe(chat.t("flow.extract.question"));
    expect(turn.options.map((o) => o.id)).toEqual(["extract_confirm", "extract_fix"]);
    // Safety is not a proposal: the threat raises 112 and 1332 in this very turn, before the confirmation.
    expect(texts(turn)[0]).toContain("112");
    expect(turn.urgent.map((u) => u.phone)).toEqual(["112", "1332"]);
    expect(await chat.factsOf(sessionId)).toEqual(before);

    const confirmed = await chat.send(sessionId, { text: "네" });
    expect(await chat.factsOf(sessionId)).toEqual({
      ...before, totalDebtKrw: 30_500_000, overdueDays: 120, creditorTypes: ["card", "unregistered_lender"],
      illegalLending: { loans: [{ receivedKrw: 500_000 }], threats: true },
    });
    // The confirmed facts add the debtor's-attorney help (said once, when raised); 112 stays on screen.
    expect(texts(confirmed).join(" ")).toContain("채무자대리인");
    expect(texts(confirmed).join(" ")).not.toContain("112에 신고");
    expect(confirmed.urgent.map((u) => u.code)).toEqual(["call_112", "report_1332", "debtor_attorney_now"]);
    // Threats come first: the help and a first result now, the rest as an offer after it.
    expect(confirmed.done).toBe(true);
    expect(confirmed.evaluation?.recommendations.map((r) => r.service)).toEqual(expect.arrayContaining(["illegal_lending_relief", "debtor_attorney"]));
    expect(confirmed.options.map((o) => o.id)).toEqual(["booking:start", "triage:refine"]);

    // Answering more passes what the story told (amount, creditors, threats, overdue) and asks what is not yet answered.
    let more = await chat.send(sessionId, { optionId: "triage:refine" });
    const asked: string[] = [];
    for (let i = 0; i < 40 && !more.done; i++) {
      asked.push(texts(more).at(-1) ?? "");
      more = await chat.send(sessionId, more.options.length > 0 ? { optionId: more.options.find((o) => o.id === "no" || o.id === "none")?.id ?? more.options[0]?.id ?? "" } : { text: "1" });
    }
    for (const told of ["flow.debt.total.question", "flow.debt.creditors.question", "flow.illegal.threats.question", "flow.debt.overdue.question"]) {
      expect(asked).not.toContain(chat.t(told));
    }
  });

  it("when the resident answers 수정, then the facts are unchanged and the same question is shown again", async () => {
    const sessionId = await chat.atHasDebt();
    const before = await chat.factsOf(sessionId);
    await chat.send(sessionId, { text: STORY });
    const turn = await chat.send(sessionId, { text: "수정" });
    expect(await chat.factsOf(sessionId)).toEqual(before);
    expect(texts(turn)).toEqual([chat.t("flow.extract.dropped"), chat.t("flow.debt.has.question")]);
    expect(turn.options.map((o) => o.id)).toEqual(["yes", "no"]);
  });

  it("when ordinary answers are typed, then they are never read as a story", async () => {
    const sessionId = await chat.atHasDebt();
    const yes = await chat.send(sessionId, { text: "네" });
    expect(texts(yes).at(-1)).toBe(chat.t("flow.debt.total.question"));
    const amount = await chat.send(sessionId, { text: "350만원" });
    expect(texts(amount).at(-1)).toBe(chat.t("flow.debt.creditors.question"));
    expect(await chat.factsOf(sessionId)).toMatchObject({ totalDebtKrw: 3_500_000 });
  });

  it("when a text says nothing the rules can read, then the question is asked again as before", async () => {
    const sessionId = await chat.atHasDebt();
    const turn = await chat.send(sessionId, { text: "음… 그게 좀 복잡해요" });
    expect(turn.options.map((o) => o.id)).toEqual(["yes", "no"]);
    expect(texts(turn).at(-1)).toBe(chat.t("flow.debt.has.question"));
  });

  it("when the story comes before consent, then it is not read and consent is asked again", async () => {
    const sessionId = await chat.create();
    const turn = await chat.send(sessionId, { text: STORY });
    expect(turn.options.map((o) => o.id)).toEqual(["agree", "decline"]);
    expect(texts(turn).join(" ")).not.toContain(chat.t("flow.extract.intro"));
    expect(await chat.factsOf(sessionId)).toEqual({});
  });
});

describe("a story typed into the web chat (with the model)", () => {
  it("when the model is on, then its facts join the confirmation and the phone number never reaches it", async () => {
    fake.received.length = 0;
    fake.behave({ kind: "answer", answer: () => JSON.stringify({ ...NOTHING, nightContacts: true }) });
    const chat = freshChat({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: fake.baseURL, OPENAI_MODEL: "fake-model" });
    const sessionId = await chat.atHasDebt();
    expect(fake.received).toHaveLength(0);

    const turn = await chat.send(sessionId, { text: `제 번호는 010-1234-5678이에요. ${STORY}` });
    expect(texts(turn)).toEqual(expect.arrayContaining(["• 빚은 모두 3,050만원쯤", chat.t("flow.extract.fact.night")]));
    expect(fake.received).toHaveLength(1);
    const sent = fake.received.join("\n");
    expect(sent).not.toMatch(/1234|5678|010-/);
    expect(sent).toContain("[전화번호]");

    await chat.send(sessionId, { optionId: "extract_confirm" });
    expect(await chat.factsOf(sessionId)).toMatchObject({ totalDebtKrw: 30_500_000, illegalLending: { threats: true, nightContacts: true } });
    await chat.send(sessionId, { text: "네" });
    expect(fake.received).toHaveLength(1); // an ordinary answer is never sent to the model
  });
});
