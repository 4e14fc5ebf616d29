import { specialtyValues } from "../../flows/schema/catalog";
import { formatPhone } from "../parse/parse-phone";
import type { Msg } from "../types";
import type { BookedSummary, BookingDialogState, DialogOption, DialogReply } from "./booking-dialog-state";
import type { Slot } from "./booking-types";

/** Days shown at once: a week of open days fits a row of buttons and Kakao's 10 quick replies. */
export const DAY_PAGE_SIZE = 7;
/** Times shown at once, leaving room for "other times" and "stop" within 10 quick replies. */
export const SLOT_PAGE_SIZE = 8;
/** Services whose documents are listed after booking. */
const DOCUMENT_SERVICES = 3;

export const OPTION = {
  start: "booking:start",
  quit: "booking:quit",
  moreDays: "booking:days:more",
  moreTimes: "booking:times:more",
  confirm: "booking:confirm",
  changeTime: "booking:change_time",
  change: "booking:manage:change",
  cancel: "booking:manage:cancel",
  cancelYes: "booking:cancel:yes",
  cancelNo: "booking:cancel:no",
} as const;
export const SPECIALTY_PREFIX = "booking:specialty:";
export const DAY_PREFIX = "booking:day:";
export const TIME_PREFIX = "booking:time:";

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const option = (id: string, key: string, params?: Msg["params"]): DialogOption => ({ id, label: { key, ...(params ? { params } : {}) } });
const quit = option(OPTION.quit, "bookingChat.option.quit");

/** Month, day and weekday of a Seoul date ("2026-12-04"), as message params. */
export function dateParams(date: string): { month: number; day: number; dow: string } {
  const [year, month, day] = date.split("-").map(Number);
  const weekday = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay();
  return { month: month ?? 0, day: day ?? 0, dow: WEEKDAYS[weekday] ?? "sun" };
}

/** Date and time params of a slot; starts carry the +09:00 offset, so the text is Seoul time. */
export function slotParams(slot: Pick<Slot, "start">): { month: number; day: number; dow: string; time: string } {
  return { ...dateParams(slot.start.slice(0, 10)), time: slot.start.slice(11, 16) };
}

/** The slice of `items` on `page` (wrapping), and whether there are more pages. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { shown: T[]; more: boolean } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = ((page % pages) + pages) % pages;
  return { shown: items.slice(at * size, (at + 1) * size), more: pages > 1 };
}

/** The current step again, as the resident sees it, with `before` shown first. */
export function renderDialog(state: BookingDialogState, before: Msg[] = []): DialogReply {
  const shown = renderStep(state);
  return { ...shown, messages: [...before, ...shown.messages] };
}

function renderStep(state: BookingDialogState): DialogReply {
  const choice = (messages: Msg[], options: DialogOption[]): DialogReply => ({ messages, options, input: { kind: "choice" } });
  switch (state.step) {
    case "specialty": {
      const [first] = state.suggested;
      const order = [...state.suggested, ...specialtyValues.filter((s) => !state.suggested.includes(s))];
      const ask: Msg = first ? { key: "bookingChat.ask.specialty", params: { specialty: first } } : { key: "bookingChat.ask.specialtyOpen" };
      return choice([ask], [...order.map((s) => option(`${SPECIALTY_PREFIX}${s}`, `bookingChat.specialty.${s}`)), quit]);
    }
    case "day": {
      const { shown, more } = pageOf(state.days, state.dayPage, DAY_PAGE_SIZE);
      const options = shown.map((day) => option(`${DAY_PREFIX}${day}`, "bookingChat.dayLabel", dateParams(day)));
      return choice([{ key: "bookingChat.ask.day", params: { specialty: state.specialty ?? "debt" } }],
        [...options, ...(more ? [option(OPTION.moreDays, "bookingChat.option.moreDays")] : []), quit]);
    }
    case "time": {
      const { shown, more } = pageOf(state.slots, state.slotPage, SLOT_PAGE_SIZE);
      const oneDay = state.day !== undefined && state.slots.every((s) => s.start.startsWith(state.day ?? ""));
      const options = shown.map((slot) => option(`${TIME_PREFIX}${slot.id}`, oneDay ? "bookingChat.timeLabel" : "bookingChat.slotLabel", slotParams(slot)));
      const ask: Msg = oneDay && state.day ? { key: "bookingChat.ask.time", params: dateParams(state.day) } : { key: "bookingChat.ask.timeAny" };
      return choice([ask], [...options, ...(more ? [option(OPTION.moreTimes, "bookingChat.option.moreTimes")] : []), quit]);
    }
    case "name":
      return { messages: [{ key: "bookingChat.ask.name" }], options: [quit], input: { kind: "text", hint: { key: "bookingChat.hint.name" } } };
    case "phone":
      return { messages: [{ key: "bookingChat.ask.phone" }], options: [quit], input: { kind: "phone", hint: { key: "bookingChat.hint.phone" } } };
    case "confirm":
      return choice([confirmSummary(state), { key: "bookingChat.ask.confirm" }], state.mode === "book"
        ? [option(OPTION.confirm, "bookingChat.option.confirm"), option(OPTION.changeTime, "bookingChat.option.changeTime"), quit]
        : [option(OPTION.confirm, "bookingChat.option.confirmChange"), option(OPTION.changeTime, "bookingChat.option.changeTime"), option(OPTION.quit, "bookingChat.option.keep")]);
    case "booked":
      return { messages: state.booking ? bookedMessages(state.booking, state.services) : [], options: [], input: { kind: "none" }, ...(state.booking ? { booking: state.booking } : {}) };
    case "confirm_code":
      return { messages: [{ key: "bookingChat.code.ask" }], options: [quit], input: { kind: "text", hint: { key: "bookingChat.hint.pin" } } };
    case "reveal_phone":
      return { messages: [{ key: "bookingChat.reveal.askPhone" }], options: [option(OPTION.quit, "bookingChat.option.keep")], input: { kind: "phone", hint: { key: "bookingChat.hint.phone" } } };
    case "manage_code":
      return { messages: [{ key: "bookingChat.manage.askCode" }], options: [quit], input: { kind: "text", hint: { key: "bookingChat.hint.code" } } };
    case "manage_phone":
      return { messages: [{ key: "bookingChat.manage.askPhone" }], options: [quit], input: { kind: "phone", hint: { key: "bookingChat.hint.phone" } } };
    case "manage_action":
      return choice([...(state.booking ? [bookingLine(state.booking)] : []), { key: "bookingChat.manage.askAction" }],
        [option(OPTION.change, "bookingChat.option.change"), option(OPTION.cancel, "bookingChat.option.cancel"), option(OPTION.quit, "bookingChat.option.keep")]);
    case "cancel_confirm":
      return choice([...(state.booking ? [bookingLine(state.booking)] : []), { key: "bookingChat.cancel.ask" }],
        [option(OPTION.cancelYes, "bookingChat.option.cancelYes"), option(OPTION.cancelNo, "bookingChat.option.cancelNo")]);
  }
}

function confirmSummary(state: BookingDialogState): Msg {
  const slot = state.slot;
  const params = { specialty: state.specialty ?? slot?.specialty ?? "debt", ...(slot ? slotParams(slot) : {}) };
  if (state.mode === "manage") return { key: "bookingChat.confirm.change", params: { ...params, code: state.code ?? "" } };
  return { key: "bookingChat.confirm.summary", params: { ...params, name: state.name ?? "", phone: formatPhone(state.phone ?? "") } };
}

/** A booking in one line: code, specialty, when and its status. */
export function bookingLine(booking: BookedSummary): Msg {
  return { key: "bookingChat.manage.show", params: { code: booking.code, specialty: booking.specialty, status: booking.status, ...slotParams(booking) } };
}

/**
 * What a resident needs once booked: the code and time, where to come and how, what to bring
 * for the recommended services, and how to change or cancel.
 */
export function bookedMessages(booking: BookedSummary, services: BookingDialogState["services"]): Msg[] {
  const documents = services.slice(0, DOCUMENT_SERVICES).map((service): Msg => ({ key: "bookingChat.documents.line", params: { service } }));
  return [
    { key: "bookingChat.booked.done", params: { code: booking.code } },
    { key: "bookingChat.booked.when", params: { specialty: booking.specialty, ...slotParams(booking) } },
    { key: "bookingChat.booked.where" },
    { key: documents.length > 0 ? "bookingChat.documents.intro" : "bookingChat.documents.general" },
    ...documents,
    { key: "bookingChat.booked.manage" },
  ];
}
