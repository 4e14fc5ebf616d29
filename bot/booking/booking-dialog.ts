import type { ServiceId } from "../../flows/schema/catalog";
import { serviceSpecialty, specialtyValues } from "../../flows/schema/catalog";
import type { LabelLookup, UserInput } from "../nodes/answer";
import { parseChoice } from "../parse/parse-choice";
import { normalizeText } from "../parse/normalize-text";
import { parsePhone } from "../parse/parse-phone";
import { parseYesNo } from "../parse/parse-yes-no";
import type { ParseResult } from "../types";
import { normalizeBookingCode } from "./booking-code";
import { EMPTY, again, applyOutcome, listDays, listTimes, show, silent } from "./booking-dialog-outcomes";
import type { BookingDialogState, DialogEvent, DialogOption, DialogStep } from "./booking-dialog-state";
import { DAY_PREFIX, OPTION, SPECIALTY_PREFIX, TIME_PREFIX, dateParams, renderDialog, slotParams } from "./booking-dialog-view";

const NAME_MAX = 40;
/** Control characters and bidi overrides: nothing a name needs (the booking service refuses them too). */
const FORBIDDEN_IN_NAME = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
/** Typed words that leave the dialog, besides the "stop" option's own label. */
const QUIT_WORDS = new Set(["그만", "그만할래요", "그만두기", "예약안할래요", "stop", "quit", "nevermind"].map(normalizeText));

/**
 * What the dialog needs besides its state: the labels of option keys in every language, and
 * whether showing a made booking again needs its phone (a channel whose user key is no proof,
 * Kakao: the code is shown once, when booked; later only to whoever types the phone).
 */
export type BookingDialogContext = { labels: LabelLookup; revealNeedsPhone?: boolean };

/**
 * Opens a booking after a triage: the specialties follow the recommended services, best first,
 * and the first is suggested; the resident may pick another.
 */
export function startBookingDialog(services: readonly ServiceId[]): DialogStep {
  const suggested = [...new Set(services.map((s) => serviceSpecialty[s]))];
  const state: BookingDialogState = { mode: "book", step: "specialty", services: services.slice(0, 10), suggested, ...EMPTY };
  return { state, reply: renderDialog(state) };
}

/** Opens "예약 확인 / 변경 / 취소": the booking code, then the phone, then what to do. */
export function startManageDialog(intent: NonNullable<BookingDialogState["intent"]>): DialogStep {
  const state: BookingDialogState = { mode: "manage", step: "manage_code", intent, services: [], suggested: [], ...EMPTY };
  return { state, reply: renderDialog(state) };
}

/**
 * One step of the dialog: a resident's input, or the outcome of the effect the previous step
 * asked for. Pure: the server performs effects and feeds their outcomes back.
 */
export function stepBookingDialog(ctx: BookingDialogContext, state: BookingDialogState, event: DialogEvent): DialogStep {
  if (event.type === "command") {
    if (event.command === "back") return state.step === "booked" ? showBooked(ctx, state) : state.step === "reveal_phone" ? keepBooked(state) : goBack(state);
    return again(state, [{ key: event.command === "help" ? "bookingChat.help" : "engine.human" }]);
  }
  if (event.type !== "input") return applyOutcome(state, event);
  const input = event.input;
  // Once booked, every input (a retried confirm, a stale "stop") shows the booking again.
  if (state.step === "booked") return showBooked(ctx, state);
  if (state.step === "reveal_phone" && isQuit(ctx, input)) return keepBooked(state);
  if (isQuit(ctx, input)) {
    return { state: undefined, reply: { messages: [{ key: state.mode === "manage" ? "bookingChat.manage.kept" : "bookingChat.quit" }], options: [], input: { kind: "none" } } };
  }
  return readStep(ctx, state, input);
}

function readStep(ctx: BookingDialogContext, state: BookingDialogState, input: UserInput): DialogStep {
  switch (state.step) {
    case "specialty":
      return pick(ctx, state, input, (id) => {
        const specialty = specialtyValues.find((s) => id === `${SPECIALTY_PREFIX}${s}`);
        if (specialty === undefined) return undefined;
        return listDays({ ...state, specialty });
      });
    case "day":
      return pick(ctx, state, input, (id) => {
        if (id === OPTION.moreDays) return show({ ...state, dayPage: state.dayPage + 1 });
        const day = state.days.find((d) => id === `${DAY_PREFIX}${d}`);
        if (day === undefined || state.specialty === undefined) return undefined;
        return { state: { ...state, step: "time", day, slots: [], slotPage: 0 }, reply: silent(), effect: { kind: "listSlots", specialty: state.specialty, from: day, days: 1 } };
      });
    case "time":
      return pick(ctx, state, input, (id) => {
        if (id === OPTION.moreTimes) return show({ ...state, slotPage: state.slotPage + 1 });
        const slot = state.slots.find((s) => id === `${TIME_PREFIX}${s.id}`);
        if (slot === undefined) return undefined;
        return { state: { ...state, slot }, reply: silent(), effect: { kind: "hold", slotId: slot.id } };
      });
    case "name": {
      const name = readName(input);
      if (!name.ok) return again(state, [name.reason]);
      return show({ ...state, name: name.value, step: state.phone === undefined ? "phone" : "confirm" });
    }
    case "phone": {
      const phone = parsePhone(input.text ?? "");
      if (input.optionId !== undefined || !phone.ok) return again(state, [phone.ok ? { key: "engine.error.unknownOption" } : phone.reason]);
      return show({ ...state, phone: phone.value, step: "confirm" });
    }
    case "confirm":
      return pick(ctx, state, input, (id) => {
        if (id === OPTION.changeTime) return listTimes(state);
        if (id !== OPTION.confirm || state.slot === undefined) return undefined;
        const { slot, phone, name, code } = state;
        if (state.mode === "manage" && code !== undefined && phone !== undefined) {
          return { state, reply: silent(), effect: { kind: "reschedule", code, phone, slotId: slot.id } };
        }
        if (name === undefined || phone === undefined) return undefined;
        return { state, reply: silent(), effect: { kind: "book", slotId: slot.id, name, phone } };
      }, (text) => (readYes(text) ? OPTION.confirm : undefined));
    case "booked":
      return showBooked(ctx, state);
    case "reveal_phone": {
      // The code is the session's own booking's, never one a message names: only the phone is read.
      const phone = parsePhone(input.text ?? "");
      if (input.optionId !== undefined || !phone.ok || state.booking === undefined) return again(state, [phone.ok ? { key: "engine.error.unknownOption" } : phone.reason]);
      return { state, reply: silent(), effect: { kind: "lookup", code: state.booking.code, phone: phone.value } };
    }
    case "confirm_code": {
      const pin = (input.text ?? "").replace(/[\s-]/g, "");
      if (input.optionId !== undefined || !/^\d{6}$/.test(pin) || state.booking === undefined || state.phone === undefined) return again(state, [{ key: "bookingChat.code.invalid" }]);
      return { state, reply: silent(), effect: { kind: "confirmPhone", code: state.booking.code, phone: state.phone, pin } };
    }
    case "manage_code": {
      const code = input.text === undefined ? undefined : normalizeBookingCode(input.text);
      if (code === undefined) return again(state, [{ key: "bookingChat.error.code" }]);
      return show({ ...state, code, step: "manage_phone" });
    }
    case "manage_phone": {
      const phone = parsePhone(input.text ?? "");
      if (input.optionId !== undefined || !phone.ok || state.code === undefined) return again(state, [phone.ok ? { key: "engine.error.unknownOption" } : phone.reason]);
      return { state: { ...state, phone: phone.value }, reply: silent(), effect: { kind: "lookup", code: state.code, phone: phone.value } };
    }
    case "manage_action":
      return pick(ctx, state, input, (id) => {
        if (id === OPTION.cancel) return show({ ...state, step: "cancel_confirm" });
        if (id === OPTION.change) return listDays(state);
        return undefined;
      });
    case "cancel_confirm":
      return pick(ctx, state, input, (id) => {
        if (id === OPTION.cancelNo) return { state: undefined, reply: { messages: [{ key: "bookingChat.manage.kept" }], options: [], input: { kind: "none" } } };
        if (id !== OPTION.cancelYes || state.code === undefined || state.phone === undefined) return undefined;
        return { state, reply: silent(), effect: { kind: "cancel", code: state.code, phone: state.phone } };
      }, (text) => {
        const yesNo = parseYesNo(text);
        return yesNo.ok ? (yesNo.value ? OPTION.cancelYes : OPTION.cancelNo) : undefined;
      });
  }
}

/** The made booking again: at once, or after its phone where the channel's user key is no proof. */
function showBooked(ctx: BookingDialogContext, state: BookingDialogState): DialogStep {
  return ctx.revealNeedsPhone === true && state.booking !== undefined ? show({ ...state, step: "reveal_phone" }) : show(state);
}

/** Leaving the phone question: the booking stays (shown again only with the phone). */
function keepBooked(state: BookingDialogState): DialogStep {
  return { state: { ...state, step: "booked" }, reply: silent([{ key: "bookingChat.reveal.kept" }]) };
}

function goBack(state: BookingDialogState): DialogStep {
  const back = (step: BookingDialogState["step"], patch: Partial<BookingDialogState> = {}) =>
    show({ ...state, ...patch, step }, [{ key: "bookingChat.wentBack" }]);
  switch (state.step) {
    case "day":
      return state.mode === "book" ? back("specialty", { dayPage: 0 }) : back("manage_action");
    case "time":
      return back("day", { slot: undefined });
    case "name":
      return back("time", { slot: undefined });
    case "phone":
      return back("name");
    case "confirm":
      return state.mode === "book" ? back("phone") : back("time", { slot: undefined });
    case "manage_phone":
      return back("manage_code");
    case "manage_action":
    case "cancel_confirm":
      return back("manage_code", { code: undefined, phone: undefined, booking: undefined });
    default:
      return again(state, [{ key: "engine.nothingToUndo" }]);
  }
}

/** Reads a pick among the shown options (tapped or typed) and lets `choose` act on its id. */
function pick(
  ctx: BookingDialogContext, state: BookingDialogState, input: UserInput,
  choose: (id: string) => DialogStep | undefined, readExtra?: (text: string) => string | undefined,
): DialogStep {
  const options = renderDialog(state).options;
  const id = input.optionId ?? (input.text !== undefined ? readExtra?.(input.text) : undefined);
  const chosen: ParseResult<string> = id !== undefined ? { ok: true, value: id } : parseChoice(input.text ?? "", options.map((o) => ({ id: o.id, labels: labelsOf(ctx, o) })));
  if (!chosen.ok) return again(state, [chosen.reason]);
  return choose(chosen.value) ?? again(state, [{ key: "engine.error.unknownOption" }]);
}

/** What typing selects an option: its label in every language, and for days and times the ways people write them. */
function labelsOf(ctx: BookingDialogContext, option: DialogOption): string[] {
  if (option.id.startsWith(DAY_PREFIX)) return dayWords(option.id.slice(DAY_PREFIX.length));
  if (option.id.startsWith(TIME_PREFIX)) {
    const start = option.id.slice(TIME_PREFIX.length).split("@")[1] ?? "";
    return start.length >= 16 ? timeWords(slotParams({ start }).time) : [];
  }
  return option.label.params === undefined ? ctx.labels(option.label.key) : [];
}

const WEEKDAY_WORDS: Record<string, string[]> = {
  mon: ["월요일", "monday", "mon"], tue: ["화요일", "tuesday", "tue"], wed: ["수요일", "wednesday", "wed"],
  thu: ["목요일", "thursday", "thu"], fri: ["금요일", "friday", "fri"], sat: ["토요일", "saturday", "sat"], sun: ["일요일", "sunday", "sun"],
};

function dayWords(date: string): string[] {
  const { month, day, dow } = dateParams(date);
  return [date, `${month}/${day}`, `${month}월 ${day}일`, `${day}일`, ...(WEEKDAY_WORDS[dow] ?? [])];
}

function timeWords(time: string): string[] {
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const half = hour % 12 === 0 ? 12 : hour % 12;
  const ko = minute === 0 ? `${half}시` : `${half}시 ${minute}분`;
  const en = minute === 0 ? `${half}` : `${half}:${String(minute).padStart(2, "0")}`;
  return [time, ko, `${hour < 12 ? "오전" : "오후"} ${ko}`, `${en}${hour < 12 ? "am" : "pm"}`, ...(minute === 0 ? [`${hour}시`] : [])];
}

function readName(input: UserInput): ParseResult<string> {
  const name = (input.text ?? "").replace(/\s+/g, " ").trim();
  if (input.optionId !== undefined || name.length === 0 || [...name].length > NAME_MAX || !/\p{L}/u.test(name) || FORBIDDEN_IN_NAME.test(name)) {
    return { ok: false, reason: { key: "bookingChat.error.name", params: { max: NAME_MAX } } };
  }
  return { ok: true, value: name };
}

function readYes(text: string): boolean {
  const yesNo = parseYesNo(text);
  return yesNo.ok && yesNo.value;
}

function isQuit(ctx: BookingDialogContext, input: UserInput): boolean {
  if (input.optionId !== undefined) return input.optionId === OPTION.quit;
  const typed = normalizeText(input.text ?? "");
  return typed !== "" && (QUIT_WORDS.has(typed) || ["bookingChat.option.quit", "bookingChat.option.keep"].some((key) => ctx.labels(key).map(normalizeText).includes(typed)));
}
