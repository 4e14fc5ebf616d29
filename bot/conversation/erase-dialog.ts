import { z } from "zod";
import type { BookedSummary } from "../booking/booking-dialog-state";
import { bookedSchema } from "../booking/booking-dialog-state";
import { slotParams } from "../booking/booking-dialog-view";
import type { LabelLookup, UserInput } from "../nodes/answer";
import { parseChoice } from "../parse/parse-choice";
import { parseYesNo } from "../parse/parse-yes-no";
import type { Msg } from "../types";

/**
 * "지워 주세요" while the conversation has an upcoming booking: which bookings, and how long
 * what stays is kept after the appointment (the longer of the booking's and the intake's period).
 */
export const eraseStateSchema = z.strictObject({
  bookings: z.array(bookedSchema).min(1).max(5),
  keepDays: z.number().int().min(0).max(3650),
});
export type EraseState = z.infer<typeof eraseStateSchema>;

export type EraseChoice = "cancel" | "keep" | "stay";

const OPTIONS: ReadonlyArray<{ id: string; choice: EraseChoice; label: string; synonyms: readonly string[] }> = [
  { id: "erase:cancel", choice: "cancel", label: "chat.erase.option.cancel", synonyms: ["예약도 취소", "예약도 취소해 주세요", "다 지워 주세요", "전부 지워 주세요", "cancel it too", "cancel the booking", "delete everything"] },
  { id: "erase:keep", choice: "keep", label: "chat.erase.option.keep", synonyms: ["예약은 둘게요", "예약은 남겨 주세요", "예약 유지", "예약은 그대로", "keep the booking", "keep it"] },
  { id: "erase:stay", choice: "stay", label: "chat.erase.option.stay", synonyms: ["안 지울래요", "지우지 마세요", "지우지 말아 주세요", "그만할게요", "don't delete", "do not delete", "never mind"] },
];

/** Where the user key is no proof (Kakao), a code stands masked: it is shown again only with the phone. */
const MASKED_CODE = "•••-•••";

/** The question: which upcoming booking there is, and whether to cancel it too. */
export function eraseQuestion(state: EraseState, maskCodes = false): { messages: Msg[]; options: Array<{ id: string; label: Msg }> } {
  return {
    messages: [
      ...state.bookings.map((booking): Msg => ({ key: "chat.erase.hasBooking", params: { code: maskCodes ? MASKED_CODE : booking.code, specialty: booking.specialty, ...slotParams(booking) } })),
      { key: "chat.erase.question" },
    ],
    options: OPTIONS.map((o) => ({ id: o.id, label: { key: o.label } })),
  };
}

/**
 * The resident's choice: a tap, a label or synonym in any language, or a yes ("네" — cancel the
 * booking too, as asked) or a no ("아니요" — keep it). Undefined when it is none of these.
 */
export function readEraseChoice(input: UserInput, labels: LabelLookup): EraseChoice | undefined {
  if (input.optionId !== undefined) return OPTIONS.find((o) => o.id === input.optionId)?.choice;
  const text = input.text ?? "";
  const picked = parseChoice(text, OPTIONS.map((o) => ({ id: o.id, labels: [...labels(o.label), ...o.synonyms] })));
  if (picked.ok) return OPTIONS.find((o) => o.id === picked.value)?.choice;
  const yesNo = parseYesNo(text);
  return yesNo.ok ? (yesNo.value ? "cancel" : "keep") : undefined;
}

/** What the resident is told once erased: the bookings cancelled, or what stays and for how long. */
export function erasedMessages(state: EraseState | undefined, choice: "cancel" | "keep" | undefined, maskCodes = false): Msg[] {
  if (state === undefined || choice === undefined) return [{ key: "chat.erased" }];
  if (choice === "cancel") return [{ key: "chat.erase.cancelled", params: { count: state.bookings.length } }, { key: "chat.erased" }];
  return [
    ...state.bookings.map((booking: BookedSummary): Msg => ({ key: "chat.erase.kept", params: { code: maskCodes ? MASKED_CODE : booking.code, specialty: booking.specialty, days: state.keepDays, ...slotParams(booking) } })),
    { key: "chat.erase.keptManage" },
  ];
}
