import type { UserInput } from "../nodes/answer";
import { normalizeText } from "../parse/normalize-text";

/** What a resident asks of bookings, typed in either chat: book anew, or see, change or cancel one. */
export type BookingIntent = { kind: "book" } | { kind: "manage"; intent: "show" | "change" | "cancel" };

/** The option a finished triage offers to start booking. */
export const BOOKING_START_OPTION = "booking:start";

/** Typed words (normalized: no spaces or punctuation, lower case) for each intent. */
const WORDS: Record<"book" | "show" | "change" | "cancel", string[]> = {
  book: ["예약", "예약하기", "예약할래요", "예약할게요", "예약하고싶어요", "상담예약", "상담예약하기", "방문예약", "book", "booking", "bookavisit", "bookanappointment", "makeabooking"],
  show: ["예약확인", "예약조회", "내예약", "예약보기", "예약확인변경취소", "mybooking", "checkbooking", "checkmybooking", "viewbooking"],
  change: ["예약변경", "예약바꾸기", "예약시간변경", "예약날짜변경", "changebooking", "changemybooking", "reschedule", "reschedulebooking"],
  cancel: ["예약취소", "예약취소할래요", "예약취소하기", "cancelbooking", "cancelmybooking"],
};

/**
 * The booking intent of an input, if any: the start option, or words such as "예약", "예약 확인",
 * "예약 변경", "예약 취소", "my booking". `bookLabels` are the start option's label in every
 * language, so typing the button's text works like a tap.
 */
export function findBookingIntent(input: UserInput, bookLabels: readonly string[] = []): BookingIntent | undefined {
  if (input.optionId !== undefined) return input.optionId === BOOKING_START_OPTION ? { kind: "book" } : undefined;
  const typed = normalizeText(input.text ?? "");
  if (typed === "" || typed.length > 30) return undefined;
  for (const intent of ["show", "change", "cancel"] as const) {
    if (WORDS[intent].includes(typed)) return { kind: "manage", intent };
  }
  if (WORDS.book.includes(typed) || bookLabels.some((label) => normalizeText(label) === typed)) return { kind: "book" };
  return undefined;
}
