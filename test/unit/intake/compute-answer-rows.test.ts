import { computeAnswerRows } from "../../../bot/intake/compute-answer-rows";
import type { AnswerRow } from "../../../bot/intake/compute-answer-rows";
import type { IntakeAnswer } from "../../../bot/intake/intake-ports";
import type { DraftFacts } from "../../../flows/schema/case-facts";
import { flowFixture } from "../../support/flow-harness";

const { flow } = flowFixture();
const answer = (nodeId: string, value: IntakeAnswer["value"]): IntakeAnswer => ({ nodeId, questionKey: `flow.${nodeId}`, value, source: "self_reported" });
const rowsOf = (answers: IntakeAnswer[], facts: DraftFacts = {}, lists: { unknown?: string[]; skipped?: string[]; later?: string[] } = {}) => computeAnswerRows(flow, { answers, facts, ...lists });
const row = (rows: AnswerRow[], nodeId: string) => rows.find((r) => r.node.id === nodeId);
const summary = (r: AnswerRow | undefined) => (r ? { status: r.status, value: r.value, optionIds: r.optionIds, correctable: r.correctable } : undefined);

describe("computeAnswerRows", () => {
  it("when a gate was answered '있어요' and its amount next, then only the amount is a row", () => {
    const rows = rowsOf([answer("has_debt", true), answer("total_debt", 30_000_000), answer("secured_gate", null), answer("secured_debt", 10_000_000), answer("creditor_types", ["bank"])]);
    expect(row(rows, "secured_gate")).toBeUndefined();
    expect(summary(row(rows, "secured_debt"))).toEqual({ status: "answered", value: 10_000_000, optionIds: [], correctable: true });
    expect(summary(row(rows, "creditor_types"))).toEqual({ status: "answered", value: ["bank"], optionIds: ["bank"], correctable: true });
  });

  it("when a gate was answered '몰라요', then it reads unknown, whether or not the intake lists it", () => {
    const answers = [answer("total_debt", 30_000_000), answer("secured_gate", null), answer("creditor_types", ["card"])];
    expect(row(rowsOf(answers), "secured_gate")?.status).toBe("unknown");
    expect(row(rowsOf(answers, {}, { unknown: ["secured_gate"] }), "secured_gate")?.status).toBe("unknown");
  });

  it("when a yes/no, an amount or a multiple choice holds nothing, then each reads unknown; an exclusive 'none' reads as that option", () => {
    const rows = rowsOf([answer("safety_check", null), answer("total_debt", null), answer("creditor_types", null), answer("crisis_events", [])]);
    expect(["safety_check", "total_debt", "creditor_types"].map((id) => row(rows, id)?.status)).toEqual(["unknown", "unknown", "unknown"]);
    expect(summary(row(rows, "crisis_events"))).toEqual({ status: "answered", value: [], optionIds: ["none"], correctable: true });
  });

  it("when the intake lists skipped questions, then they read skipped and are not counted as not asked", () => {
    const rows = rowsOf([answer("has_debt", true)], {}, { skipped: ["severe_disability", "credit_score_known"] });
    expect(row(rows, "severe_disability")?.status).toBe("skipped");
    expect(row(rows, "credit_score_known")?.status).toBe("skipped");
    expect(row(rows, "age")?.status).toBe("not_asked");
  });

  it("when the intake lists questions left for after the first result, then the unanswered ones read later; one answered after all reads answered", () => {
    const rows = rowsOf([answer("has_debt", true), answer("age", 52)], {}, { later: ["age", "gyeonggi_resident"], skipped: ["credit_score_known"] });
    expect(row(rows, "gyeonggi_resident")?.status).toBe("later");
    expect(row(rows, "age")?.status).toBe("answered");
    expect(row(rows, "credit_score_known")?.status).toBe("skipped");
    expect(row(rows, "welfare_status")?.status).toBe("not_asked");
  });

  it("when a fact was known without its question (told in a story), then it reads told; what the flow set from another answer is left out", () => {
    const rows = rowsOf([answer("has_debt", true)], { overdueDays: 90, priorDischarge: { bankruptcyWithin7Years: false }, employment: "self_employed" });
    expect(summary(row(rows, "overdue_days"))).toEqual({ status: "told", value: 90, optionIds: [], correctable: false });
    expect(summary(row(rows, "employment"))).toEqual({ status: "told", value: "self_employed", optionIds: ["self_employed"], correctable: false });
    expect(row(rows, "prior_bankruptcy")).toBeUndefined();
  });

  it("when two questions save the same fact and neither was asked, then there is one row for it", () => {
    const rows = rowsOf([answer("has_debt", true)]);
    expect(rows.filter((r) => r.node.save === "securedDebtKrw").map((r) => [r.node.id, r.status])).toEqual([["secured_gate", "not_asked"]]);
  });

  it("when a question was answered twice (back, then again), then the last answer counts once", () => {
    const rows = rowsOf([answer("household_size", 3), answer("household_size", 4)]);
    expect(rows.filter((r) => r.node.id === "household_size").map((r) => r.value)).toEqual([4]);
  });
});
