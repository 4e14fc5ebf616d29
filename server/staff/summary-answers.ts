import type { AnswerRow } from "../../bot/intake/compute-answer-rows";
import { computeAnswerRows, optionIdsOf } from "../../bot/intake/compute-answer-rows";
import type { AnswerValue, Intake, IntakeCorrection } from "../../bot/intake/intake-ports";
import type { Flow } from "../../flows/schema/flow";
import type { Translate } from "../i18n/create-translator";
import { toAnswerLabel, toAnswerText, toValueText } from "./answer-text";

export type SummaryCorrection = {
  value: AnswerValue; text: string; by: string; at: string; note: string | null; source: "staff_verified"; sourceLabel: string;
};

/**
 * Every question the intake says something about, as the counsellor reads it: the answers (with
 * "모름" and what was known without asking) one per line with label and unit, and the questions a
 * branch did not ask or the conversation skipped, as two short lists of labels.
 */
export function toSummaryAnswers(intake: Intake, flow: Flow, t: Translate) {
  const rows = computeAnswerRows(flow, intake);
  const listed = rows.filter((row) => row.status === "answered" || row.status === "unknown" || row.status === "told");
  const named = (status: AnswerRow["status"]) => rows.filter((row) => row.status === status).map((row) => ({ nodeId: row.node.id, label: toAnswerLabel(row.node, t) }));
  return {
    title: t("staff.summary.answers"),
    items: listed.map((row) => ({
      nodeId: row.node.id,
      questionKey: row.node.text,
      label: toAnswerLabel(row.node, t),
      question: t(row.node.text),
      status: row.status,
      /** Only what was known without asking is marked; "모름" says itself. */
      statusLabel: row.status === "told" ? t("staff.answer.told") : null,
      value: row.value,
      text: toAnswerText(row, t),
      correctable: row.correctable,
      source: "self_reported" as const,
      sourceLabel: t("staff.source.self_reported"),
      corrections: intake.corrections.filter((c) => c.nodeId === row.node.id).map((c) => toCorrection(c, row, t)),
    })),
    notAsked: { title: t("staff.answer.notAskedTitle"), items: named("not_asked") },
    skipped: { title: t("staff.answer.skippedTitle"), items: named("skipped") },
    later: { title: t("staff.answer.laterTitle"), items: named("later") },
  };
}

function toCorrection(correction: IntakeCorrection, row: AnswerRow, t: Translate): SummaryCorrection {
  return {
    value: correction.value, text: toValueText(row.node, correction.value, optionIdsOf(row.node, correction.value), t), by: correction.by, at: correction.at,
    note: correction.note ?? null, source: correction.source, sourceLabel: t("staff.source.staff_verified"),
  };
}
