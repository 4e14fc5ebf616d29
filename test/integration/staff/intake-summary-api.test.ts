import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import request from "supertest";
import type { UserInput } from "../../../bot/nodes/answer";
import { walkInputs } from "../../support/flow-harness";
import { signInAs, TYPED_CARD_DEBTOR } from "../../support/staff-fixtures";
import { buildTestApp } from "../../support/test-app";

/** Thursday 2026-12-03, 10:00 in Seoul. */
const NOW = "2026-12-03T10:00:00+09:00";

type Item = { nodeId: string; label: string; question: string; status: string; statusLabel: string | null; text: string; correctable: boolean; corrections: Array<{ text: string }> };
type Named = { nodeId: string; label: string };
type Summary = {
  recommendations: { items: Array<{ name: string; tierLabel: string; top: boolean; documents: string[] }>; documents: { title: string; items: string[] } };
  situation: Record<"debts" | "income" | "household", { title: string; rows: Array<{ key: string; label: string; text: string }> }>;
  answers: { items: Item[]; notAsked: { title: string; items: Named[] }; skipped: { items: Named[] }; later: { title: string; items: Named[] } };
};

/**
 * Every word a counsellor reads in the summary, without the ids and keys that are there for
 * machines: no raw code ("none", "card", "true") may be among them.
 */
function shownTexts(summary: Summary): string[] {
  return [
    ...summary.answers.items.flatMap((item) => [item.label, item.text, item.statusLabel ?? "", ...item.corrections.map((c) => c.text)]),
    ...summary.answers.notAsked.items.map((item) => item.label),
    ...[summary.situation.debts, summary.situation.income, summary.situation.household].flatMap((group) => group.rows.flatMap((row) => [row.label, row.text])),
    ...summary.recommendations.items.flatMap((item) => [item.name, item.tierLabel, ...item.documents]),
  ];
}
const RAW_CODE = /^(none|some|unknown|yes|no|true|false|null|card|bank|employed|self_employed|NaN|undefined)$|[a-z]+_[a-z]+|^\d+$|^flow\.|^staff\./;

describe("GET /api/staff/intakes/{id}: the summary in the counsellor's words", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hanbeon-intake-summary-"));
  const { app, runtime } = buildTestApp({ env: { DATA_DIR: dir, REMINDERS_ENABLED: "false" }, now: NOW });
  let staff = { cookie: "", csrf: "" };

  beforeAll(async () => {
    staff = await signInAs(app, runtime.deps.staffAuth, "staff", NOW);
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a whole triage through the web chat API and returns the id of the intake it left. */
  async function triage(answers: Readonly<Record<string, UserInput>>, fallbackIds?: readonly string[], refine = true): Promise<string> {
    // On through the questions left for after the first result: the summary then holds every answer.
    const created = await request(app).post("/api/chat/sessions").send({ lang: "ko" }).expect(201);
    const sessionId = String(created.body.sessionId);
    for (const input of walkInputs(answers, { now: NOW, refine, ...(fallbackIds ? { fallbackIds } : {}) })) {
      await request(app).post(`/api/chat/sessions/${sessionId}/messages`).send(input).expect(200);
    }
    const intake = await runtime.deps.intakes.findForSession({ channel: "web", id: sessionId });
    if (!intake) throw new Error("the triage left no intake");
    return intake.id;
  }

  const summaryOf = async (id: string, lang: "ko" | "en" = "ko"): Promise<Summary> =>
    (await request(app).get(`/api/staff/intakes/${id}?lang=${lang}`).set("Cookie", staff.cookie).expect(200)).body.intake;
  const line = (summary: Summary, label: string) => summary.answers.items.find((item) => item.label === label);

  it("when a card debtor typed every answer, then each answer reads with its label and unit, amounts as people say them, and no raw code", async () => {
    const summary = await summaryOf(await triage(TYPED_CARD_DEBTOR));
    const lines = Object.fromEntries(summary.answers.items.map((item) => [item.label, item.text]));
    expect(lines).toMatchObject({
      "정보 수집 동의": "동의해요", "자해·자살 생각": "아니요", "갚을 빚 있음": "네", "빚 합계": "2,500만원", "담보 빚": "없어요",
      "빌린 곳": "은행, 카드·카드론", "사채·개인 빚": "아니요", "연체 기간": "90일 (약 3개월)", "진행 중인 채무 절차": "아니요, 하고 있지 않아요",
      "가구원": "4명", "가구 월소득": "300만원", "본인 연소득": "2,400만원", "기본 생활비 감당": "아니요", "일": "직장에 다녀요",
      "지금 직장 근무": "18개월 (1년 6개월)", "나이": "만 52세", "경기도 주소": "네", "복지 자격": "해당 없어요", "심한 장애": "아니요",
      "신용점수 앎": "아니요", "최근 위기": "큰 병이나 사고", "며칠 안에 급한 돈": "50만원", "취업 상담 원함": "네",
    });
    // "몰라요" is "모름", never "답 없음"; the gate answered "네" leaves only the amount it led to.
    expect(line(summary, "최근 6개월 새 빚")).toMatchObject({ status: "unknown", text: "모름", correctable: true });
    expect(summary.answers.items.filter((item) => item.label === "며칠 안에 급한 돈")).toHaveLength(1);
    expect(summary.answers.items.map((item) => item.text)).not.toContain("답 없음");
    // The branch that was not taken is "묻지 않음(해당 없음)", listed apart.
    expect(summary.answers.notAsked.title).toBe("묻지 않음(해당 없음)");
    expect(summary.answers.notAsked.items.map((item) => item.label)).toEqual(expect.arrayContaining(["협박·폭력", "실제 받은 돈", "신용점수", "곧 연체될 것 같음"]));
    expect(summary.answers.items.map((item) => item.label)).not.toContain("협박·폭력");
    expect(summary.answers.skipped.items).toEqual([]);
    expect(shownTexts(summary).filter((text) => RAW_CODE.test(text))).toEqual([]);
  });

  it("when the summary is read, then the situation is worded the same way and the documents are whole items, once each", async () => {
    const summary = await summaryOf(await triage(TYPED_CARD_DEBTOR));
    const rows = (group: keyof Summary["situation"]) => Object.fromEntries(summary.situation[group].rows.map((row) => [row.label, row.text]));
    expect(rows("debts")).toMatchObject({ "빚 합계": "2,500만원", "담보 빚": "없어요", "연체 기간": "90일 (약 3개월)", "빌린 곳": "은행, 카드·카드론" });
    expect(rows("income")).toMatchObject({ "가구 월소득": "300만원", "일": "직장에 다녀요", "지금 직장 근무": "18개월 (1년 6개월)" });
    expect(rows("household")).toMatchObject({ "가구원": "4명", "나이": "만 52세", "최근 위기": "큰 병이나 사고" });
    const { items, documents } = summary.recommendations;
    expect(items.filter((item) => item.top)).toHaveLength(Math.min(3, items.length));
    expect(items.every((item) => item.tierLabel.length > 0)).toBe(true);
    // A comma inside brackets does not split an item.
    const all = items.flatMap((item) => item.documents);
    expect(all.every((doc) => (doc.match(/\(/g) ?? []).length === (doc.match(/\)/g) ?? []).length)).toBe(true);
    expect(documents.items.filter((doc) => doc === "신분증")).toHaveLength(1);
    expect(new Set(documents.items).size).toBe(documents.items.length);
  });

  it("when a resident answered '몰라요' to several questions, then each reads '모름' and the questions after them that were not asked read apart", async () => {
    const id = await triage({
      ...TYPED_CARD_DEBTOR, total_debt: { text: "잘 모르겠어요" }, creditor_types: { text: "몰라요" }, overdue_days: { text: "몰라요" },
      credit_score_known: { text: "네" }, credit_score_bureau: { text: "나이스" }, credit_score: { text: "몰라요" }, age: { text: "모르겠어요" },
    });
    const summary = await summaryOf(id);
    for (const label of ["빚 합계", "빌린 곳", "연체 기간", "신용점수"]) expect([label, line(summary, label)?.text, line(summary, label)?.status]).toEqual([label, "모름", "unknown"]);
    expect(line(summary, "신용평가사")?.text).toBe("NICE(나이스)");
    expect(summary.answers.notAsked.items.map((item) => item.label)).not.toContain("신용점수");
    expect(shownTexts(summary).filter((text) => RAW_CODE.test(text))).toEqual([]);

    const en = await summaryOf(id, "en");
    expect(en.answers.items.find((item) => item.nodeId === "credit_score")).toMatchObject({ label: "Credit score", text: "Don't know" });
    expect(en.answers.items.find((item) => item.nodeId === "household_size")).toMatchObject({ label: "Household", text: "4 people" });
    expect(en.answers.items.find((item) => item.nodeId === "monthly_income")).toMatchObject({ text: "3 million won" });
    expect(en.answers.notAsked.title).toBe("Not asked (not relevant)");
  });

  it("when a resident stops at the first result, then the questions left for later, those skipped as irrelevant and those no branch asked read apart", async () => {
    const summary = await summaryOf(await triage(TYPED_CARD_DEBTOR, undefined, false));
    const labels = (list: { items: Named[] }) => list.items.map((item) => item.label);
    expect(summary.answers.later.title).toBe("첫 결과 뒤로 미룬 질문(상담에서 물어보세요)");
    expect(labels(summary.answers.later)).toEqual(expect.arrayContaining(["나이", "경기도 주소"]));
    const [later, skipped, notAsked] = [labels(summary.answers.later), labels(summary.answers.skipped), labels(summary.answers.notAsked)];
    expect(later.filter((label) => skipped.includes(label) || notAsked.includes(label))).toEqual([]);
    expect(skipped.filter((label) => notAsked.includes(label))).toEqual([]);
    expect(summary.answers.items.map((item) => item.label)).not.toContain("나이");
  });

  it("when a resident has no debt, then the debt questions the flow settled are neither '모름' nor listed as asked", async () => {
    const summary = await summaryOf(await triage({ ...TYPED_CARD_DEBTOR, has_debt: { text: "아니요 없어요" } }));
    expect(line(summary, "갚을 빚 있음")?.text).toBe("아니요");
    for (const label of ["빚 합계", "연체 기간", "빌린 곳"]) expect(line(summary, label)).toBeUndefined();
    expect(summary.situation.debts.rows.find((row) => row.key === "totalDebtKrw")?.text).toBe("0원");
    expect(summary.answers.items.some((item) => item.status === "unknown")).toBe(false);
  });

  it("when a counsellor corrects an amount, then the correction reads as people say it, beside the resident's answer", async () => {
    const id = await triage(TYPED_CARD_DEBTOR);
    await request(app).post(`/api/staff/intakes/${id}/corrections`).set("Cookie", staff.cookie).set("X-CSRF-Token", staff.csrf)
      .send({ nodeId: "total_debt", value: 31_000_000, note: "부채증명서 확인" }).expect(201);
    const debt = line(await summaryOf(id), "빚 합계");
    expect(debt).toMatchObject({ text: "2,500만원", corrections: [expect.objectContaining({ text: "3,100만원" })] });
  });
});
