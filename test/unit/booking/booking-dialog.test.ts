import { startBookingDialog, startManageDialog, stepBookingDialog } from "../../../bot/booking/booking-dialog";
import type { BookedSummary, BookingDialogState, DialogEvent, DialogStep } from "../../../bot/booking/booking-dialog-state";
import { bookingDialogStateSchema } from "../../../bot/booking/booking-dialog-state";
import type { Slot } from "../../../bot/booking/booking-types";
import type { Specialty } from "../../../flows/schema/catalog";
import type { Msg } from "../../../bot/types";
import { createTranslator } from "../../../server/i18n/create-translator";
import { LANGS, TEST_CENTER_PARAMS, flowFixture, listLocaleKeys, lookupText } from "../../support/flow-harness";

const ctx = { labels: (key: string) => LANGS.flatMap((lang) => lookupText(flowFixture().locales[lang], key) ?? []) };
const center = { ...TEST_CENTER_PARAMS, centerAddress: "테스트 주소", centerDirections: "테스트 길 안내", centerUrl: "https://example.org" };
const translator = createTranslator(flowFixture().locales, { ko: center, en: center });
/** A message as the server renders it (nested keys and all), in `lang`. */
const render = (msg: Msg | undefined, lang: "ko" | "en") => (msg ? translator.msg(lang, msg) : "");

function slot(start: string, specialty: Specialty = "debt", remaining = 1): Slot {
  const end = `${start.slice(0, 11)}${String(Number(start.slice(11, 13)) + 1).padStart(2, "0")}${start.slice(13)}`;
  return { id: `${specialty}@${start.slice(0, 16)}+09:00`, start, end, specialty, remaining };
}

const FRI = ["2026-12-04T10:00+09:00", "2026-12-04T14:00+09:00", "2026-12-04T15:00+09:00"].map((s) => slot(s));
const MON = ["2026-12-07T09:00+09:00", "2026-12-07T13:00+09:00"].map((s) => slot(s));
const BOOKED: BookedSummary = { id: "b1", code: "K7M-RX4", start: "2026-12-04T14:00+09:00", end: "2026-12-04T15:00+09:00", specialty: "debt", status: "confirmed" };

/** Steps with one event, checking the result is a valid, JSON-safe state that did not touch the input. */
function step(state: BookingDialogState | undefined, event: DialogEvent): DialogStep {
  if (state === undefined) throw new Error("the dialog is closed");
  const frozen = structuredClone(state);
  const next = stepBookingDialog(ctx, Object.freeze(state), event);
  expect(state).toEqual(frozen);
  // Whatever the step leaves must survive the store: JSON and the schema that reads it back.
  const stored = next.state === undefined ? undefined : bookingDialogStateSchema.parse(JSON.parse(JSON.stringify(next.state)));
  expect(stored).toEqual(next.state);
  return next;
}
const say = (state: BookingDialogState | undefined, text: string) => step(state, { type: "input", input: { text } });
const tap = (state: BookingDialogState | undefined, optionId: string) => step(state, { type: "input", input: { optionId } });
const back = (state: BookingDialogState | undefined) => step(state, { type: "command", command: "back" });
const keys = (s: DialogStep) => s.reply.messages.map((m) => m.key);
const ids = (s: DialogStep) => s.reply.options.map((o) => o.id);

/** A booking dialog at the confirm step: debt, Friday 14:00 held, name and phone given. */
function atConfirm(): DialogStep {
  let s = startBookingDialog(["ccrs_fast_track", "court_rehabilitation", "financial_counseling", "legal_aid"]);
  s = tap(s.state, "booking:specialty:debt");
  s = step(s.state, { type: "slots", slots: [...FRI, ...MON] });
  s = tap(s.state, "booking:day:2026-12-04");
  s = step(s.state, { type: "slots", slots: FRI });
  s = tap(s.state, `booking:time:${FRI[1]?.id}`);
  s = step(s.state, { type: "held" });
  s = say(s.state, "홍길동");
  return say(s.state, "010-1234-5678");
}

describe("startBookingDialog", () => {
  it("when services are recommended, then their specialties are offered best first and the first is suggested", () => {
    const s = startBookingDialog(["court_bankruptcy", "ccrs_fast_track", "legal_aid"]);
    expect(s.state?.step).toBe("specialty");
    expect(s.reply.messages).toEqual([{ key: "bookingChat.ask.specialty", params: { specialty: "legal" } }]);
    expect(ids(s)).toEqual([
      "booking:specialty:legal", "booking:specialty:debt", "booking:specialty:illegal_lending", "booking:specialty:microloan",
      "booking:specialty:job", "booking:specialty:welfare", "booking:quit",
    ]);
    expect(render(s.reply.messages[0], "ko")).toContain("'개인회생·파산 상담'이 가장 잘 맞아요");
  });
});

describe("stepBookingDialog: booking", () => {
  it("when a specialty is picked, then the open days of the next two weeks are asked for", () => {
    const s = say(startBookingDialog(["ccrs_fast_track"]).state, "1");
    expect(s.effect).toEqual({ kind: "listSlots", specialty: "debt", days: 14 });
    const days = step(s.state, { type: "slots", slots: [...MON, ...FRI] });
    expect(days.state?.step).toBe("day");
    expect(ids(days)).toEqual(["booking:day:2026-12-04", "booking:day:2026-12-07", "booking:quit"]);
    expect(days.reply.options[0]?.label).toEqual({ key: "bookingChat.dayLabel", params: { month: 12, day: 4, dow: "fri" } });
  });

  it("when days and times are typed as people write them, then they select the slot, which is held", () => {
    let s = tap(startBookingDialog(["ccrs_fast_track"]).state, "booking:specialty:debt");
    s = step(s.state, { type: "slots", slots: [...FRI, ...MON] });
    s = say(s.state, "12월 7일");
    expect(s.effect).toEqual({ kind: "listSlots", specialty: "debt", from: "2026-12-07", days: 1 });
    s = step(s.state, { type: "slots", slots: MON });
    expect(ids(s)).toEqual([`booking:time:${MON[0]?.id}`, `booking:time:${MON[1]?.id}`, "booking:quit"]);
    s = say(s.state, "오후 1시");
    expect(s.effect).toEqual({ kind: "hold", slotId: MON[1]?.id });
    s = step(s.state, { type: "held" });
    expect(s.state?.step).toBe("name");
    expect(keys(s)).toEqual(["bookingChat.held", "bookingChat.ask.name"]);
    expect(s.reply.input.kind).toBe("text");
  });

  it("when more than a week of days is open, then they come seven at a time with 'other days'", () => {
    const many = Array.from({ length: 10 }, (_, i) => slot(`2026-12-${String(4 + i).padStart(2, "0")}T10:00+09:00`));
    let s = tap(startBookingDialog(["ccrs_fast_track"]).state, "booking:specialty:debt");
    s = step(s.state, { type: "slots", slots: many });
    expect(ids(s)).toHaveLength(9);
    expect(ids(s).slice(-2)).toEqual(["booking:days:more", "booking:quit"]);
    s = tap(s.state, "booking:days:more");
    expect(ids(s)).toEqual(["booking:day:2026-12-11", "booking:day:2026-12-12", "booking:day:2026-12-13", "booking:days:more", "booking:quit"]);
  });

  it("when the name or the phone is wrong, then it is asked again with a reason, and a good one moves on", () => {
    let s = tap(startBookingDialog(["ccrs_fast_track"]).state, "booking:specialty:debt");
    s = step(s.state, { type: "slots", slots: FRI });
    s = tap(s.state, "booking:day:2026-12-04");
    s = step(s.state, { type: "slots", slots: FRI });
    s = tap(s.state, `booking:time:${FRI[0]?.id}`);
    s = step(s.state, { type: "held" });
    s = say(s.state, "   ");
    expect(s.state?.step).toBe("name");
    expect(keys(s)[0]).toBe("bookingChat.error.name");
    s = say(s.state, "x".repeat(41));
    expect(keys(s)[0]).toBe("bookingChat.error.name");
    s = say(s.state, "  김 민수 ");
    expect(s.state).toMatchObject({ step: "phone", name: "김 민수" });
    s = say(s.state, "02-123-4567");
    expect(s.state?.step).toBe("phone");
    expect(keys(s)).toEqual(["parse.phone.notMobile", "bookingChat.ask.phone"]);
    s = say(s.state, "010-12");
    expect(keys(s)[0]).toBe("parse.phone.invalid");
    s = say(s.state, "010 1234 5678");
    expect(s.state).toMatchObject({ step: "confirm", phone: "01012345678" });
    expect(s.reply.messages[0]).toEqual({
      key: "bookingChat.confirm.summary",
      params: { specialty: "debt", month: 12, day: 4, dow: "fri", time: "10:00", name: "김 민수", phone: "010-1234-5678" },
    });
    expect(ids(s)).toEqual(["booking:confirm", "booking:change_time", "booking:quit"]);
  });

  it("when confirmed, then the booking effect carries the slot, name and phone; once booked, they are forgotten", () => {
    const confirm = atConfirm();
    const s = tap(confirm.state, "booking:confirm");
    expect(s.effect).toEqual({ kind: "book", slotId: FRI[1]?.id, name: "홍길동", phone: "01012345678" });
    const booked = step(s.state, { type: "booked", booking: BOOKED });
    expect(booked.state).toMatchObject({ step: "booked", booking: BOOKED });
    expect(booked.state?.name).toBeUndefined();
    expect(booked.state?.phone).toBeUndefined();
    expect(booked.reply.booking).toEqual(BOOKED);
    expect(keys(booked)).toEqual([
      "bookingChat.booked.done", "bookingChat.booked.when", "bookingChat.booked.where", "bookingChat.documents.intro",
      "bookingChat.documents.line", "bookingChat.documents.line", "bookingChat.documents.line", "bookingChat.booked.manage",
    ]);
    expect(booked.reply.messages.filter((m) => m.key === "bookingChat.documents.line").map((m) => m.params?.service))
      .toEqual(["ccrs_fast_track", "court_rehabilitation", "financial_counseling"]);
    expect(tap(booked.state, "booking:confirm").reply.booking).toEqual(BOOKED);
    expect(tap(booked.state, "booking:quit").state).toEqual(booked.state);
  });

  it("when a typed yes confirms, then it books like the button", () => {
    expect(say(atConfirm().state, "네").effect?.kind).toBe("book");
  });

  it("when the slot was taken meanwhile, then the nearest open others are offered kindly, and a pick goes straight to confirm", () => {
    const taken = step(tap(atConfirm().state, "booking:confirm").state, { type: "slotTaken", alternatives: [MON[1], FRI[2], MON[0], FRI[0]].flatMap((x) => (x ? [x] : [])) });
    expect(taken.state?.step).toBe("time");
    expect(keys(taken)[0]).toBe("bookingChat.taken");
    expect(ids(taken).slice(0, 4)).toEqual([FRI[0], FRI[2], MON[0], MON[1]].map((x) => `booking:time:${x?.id}`));
    expect(taken.reply.options[0]?.label.key).toBe("bookingChat.slotLabel");
    const held = step(tap(taken.state, `booking:time:${FRI[2]?.id}`).state, { type: "held" });
    expect(held.state?.step).toBe("confirm");
    expect(held.state?.slot?.id).toBe(FRI[2]?.id);
  });

  it("when the slot was taken and nothing is near, then the days are listed again", () => {
    const s = step(tap(atConfirm().state, "booking:confirm").state, { type: "slotTaken", alternatives: [] });
    expect(keys(s)).toEqual(["bookingChat.takenNone"]);
    expect(s.effect).toEqual({ kind: "listSlots", specialty: "debt", days: 14 });
    expect(s.state?.slot).toBeUndefined();
  });

  it("when the phone already has a booking, then the dialog ends and says how to check it", () => {
    const s = step(tap(atConfirm().state, "booking:confirm").state, { type: "activeBookingExists" });
    expect(s.state).toBeUndefined();
    expect(keys(s)).toEqual(["bookingChat.activeExists"]);
  });

  it("when no day is open, then the resident is asked for another specialty", () => {
    const s = step(tap(startBookingDialog(["legal_aid"]).state, "booking:specialty:legal").state, { type: "slots", slots: [] });
    expect(s.state?.step).toBe("specialty");
    expect(keys(s)[0]).toBe("bookingChat.noDays");
  });

  it("when 'back' is said, then the previous step returns and a held slot is let go", () => {
    const toPhone = back(atConfirm().state);
    expect(toPhone.state?.step).toBe("phone");
    const toTime = back(back(toPhone.state).state);
    expect(toTime.state?.step).toBe("time");
    expect(toTime.state?.slot).toBeUndefined();
  });

  it("when the resident stops, typed or tapped, then the dialog closes", () => {
    expect(tap(atConfirm().state, "booking:quit").state).toBeUndefined();
    const typed = say(startBookingDialog(["ccrs_fast_track"]).state, "예약 그만두기");
    expect(typed.state).toBeUndefined();
    expect(keys(typed)).toEqual(["bookingChat.quit"]);
  });

  it("when an unknown option or text comes, then the step is asked again", () => {
    expect(tap(startBookingDialog(["ccrs_fast_track"]).state, "booking:specialty:nope").state?.step).toBe("specialty");
    expect(keys(say(startBookingDialog(["ccrs_fast_track"]).state, "글쎄요"))[0]).toBe("parse.choice.invalid");
  });
});

describe("stepBookingDialog: 예약 확인 / 변경 / 취소", () => {
  function found(intent: "show" | "change" | "cancel"): DialogStep {
    let s = startManageDialog(intent);
    expect(s.state?.step).toBe("manage_code");
    s = say(s.state, "ABC");
    expect(keys(s)[0]).toBe("bookingChat.error.code");
    s = say(s.state, "k7m rx4");
    expect(s.state).toMatchObject({ step: "manage_phone", code: "K7M-RX4" });
    s = say(s.state, "01012345678");
    expect(s.effect).toEqual({ kind: "lookup", code: "K7M-RX4", phone: "01012345678" });
    return step(s.state, { type: "found", booking: BOOKED });
  }

  it("when the code and phone match nothing, then the code is asked again", () => {
    let s = say(startManageDialog("show").state, "K7M-RX4");
    s = step(say(s.state, "010-1234-5678").state, { type: "notFound" });
    expect(s.state).toMatchObject({ step: "manage_code" });
    expect(s.state?.code).toBeUndefined();
    expect(keys(s)[0]).toBe("bookingChat.manage.notFound");
  });

  it("when a booking is shown, then change, cancel and keep are offered", () => {
    const s = found("show");
    expect(s.state?.step).toBe("manage_action");
    expect(keys(s)).toEqual(["bookingChat.manage.show", "bookingChat.manage.askAction"]);
    expect(ids(s)).toEqual(["booking:manage:change", "booking:manage:cancel", "booking:quit"]);
  });

  it("when cancelling is asked and confirmed, then the cancel effect runs and the dialog closes with the cancelled booking", () => {
    const s = found("cancel");
    expect(s.state?.step).toBe("cancel_confirm");
    const cancel = say(s.state, "네");
    expect(cancel.effect).toEqual({ kind: "cancel", code: "K7M-RX4", phone: "01012345678" });
    const done = step(cancel.state, { type: "cancelled", booking: { ...BOOKED, status: "cancelled" } });
    expect(done.state).toBeUndefined();
    expect(done.reply.booking?.status).toBe("cancelled");
    expect(keys(done)).toEqual(["bookingChat.cancel.done"]);
  });

  it("when changing, then a new day and time are picked and the booking is moved", () => {
    let s = found("change");
    expect(s.effect).toEqual({ kind: "listSlots", specialty: "debt", days: 14 });
    expect(keys(s)).toEqual(["bookingChat.manage.show"]);
    s = tap(step(s.state, { type: "slots", slots: MON }).state, "booking:day:2026-12-07");
    s = tap(step(s.state, { type: "slots", slots: MON }).state, `booking:time:${MON[0]?.id}`);
    s = step(s.state, { type: "held" });
    expect(s.state?.step).toBe("confirm");
    expect(keys(s)).toEqual(["bookingChat.held", "bookingChat.confirm.change", "bookingChat.ask.confirm"]);
    s = tap(s.state, "booking:confirm");
    expect(s.effect).toEqual({ kind: "reschedule", code: "K7M-RX4", phone: "01012345678", slotId: MON[0]?.id });
    const moved = { ...BOOKED, start: MON[0]?.start ?? "", end: MON[0]?.end ?? "" };
    s = step(s.state, { type: "rescheduled", booking: moved });
    expect(s.state?.step).toBe("booked");
    expect(s.reply.booking).toEqual(moved);
    expect(keys(s)[0]).toBe("bookingChat.rescheduled");
  });

  it("when the booking is no longer active, then it is shown and nothing can be done here", () => {
    let s = say(startManageDialog("cancel").state, "K7M-RX4");
    s = step(say(s.state, "01012345678").state, { type: "found", booking: { ...BOOKED, status: "cancelled" } });
    expect(s.state).toBeUndefined();
    expect(keys(s)).toEqual(["bookingChat.manage.show", "bookingChat.manage.notActive"]);
  });
});

describe("bookingChat locales", () => {
  it("when a dialog's keys are rendered in both languages, then none is missing", () => {
    const s = step(tap(atConfirm().state, "booking:confirm").state, { type: "booked", booking: BOOKED });
    for (const lang of LANGS) {
      const shown = [...s.reply.messages, ...atConfirm().reply.messages, ...atConfirm().reply.options.map((o) => o.label)];
      for (const msg of shown) expect(render(msg, lang)).not.toMatch(/bookingChat\.|services\.|\$t\(|\{\{/);
    }
    expect(render(s.reply.messages[4], "ko")).toBe("• 신속채무조정: 신분증, 금융회사별 부채증명서나 대출 내역, 소득 증빙(급여명세서 등)");
    expect(render(s.reply.messages[1], "en")).toBe("When: Fri 12/4 14:00 · Debt advice");
  });

  it("when every key of one language is looked for in the other, then both have it", () => {
    const list = (lang: "ko" | "en") => {
      const tree = flowFixture().locales[lang].bookingChat;
      return typeof tree === "object" ? listLocaleKeys(tree).sort() : [];
    };
    expect(list("ko").length).toBeGreaterThan(50);
    expect(list("en")).toEqual(list("ko"));
  });
});

describe("stepBookingDialog: the phone's code and a made booking shown again", () => {
  it("when the booking waits for the phone's code, then the code is asked (no booking code shown), typed digits confirm, a wrong one counts down and a lapse closes", () => {
    const booked = step(atConfirm().state, { type: "booked", booking: { ...BOOKED, confirmBy: "2026-12-03T01:10:00.000Z" } });
    expect(booked.state?.step).toBe("confirm_code");
    expect(keys(booked)).toEqual(["bookingChat.code.ask"]);
    expect(booked.reply.booking).toBeUndefined();
    expect(keys(say(booked.state, "12-34"))).toEqual(["bookingChat.code.invalid", "bookingChat.code.ask"]);
    expect(say(booked.state, "123 456").effect).toEqual({ kind: "confirmPhone", code: BOOKED.code, phone: "01012345678", pin: "123456" });
    expect(keys(step(booked.state, { type: "wrongCode", triesLeft: 2 }))[0]).toBe("bookingChat.code.wrong");
    expect(step(booked.state, { type: "lapsed" }).state).toBeUndefined();
    const confirmed = step(booked.state, { type: "booked", booking: BOOKED });
    expect(confirmed.state).toMatchObject({ step: "booked", phone: undefined });
    expect(confirmed.reply.messages[0]).toEqual({ key: "bookingChat.booked.done", params: { code: BOOKED.code } });
  });

  it("when the channel's user key is no proof, then a made booking is shown again only after its phone matches", () => {
    const kakao = { ...ctx, revealNeedsPhone: true };
    const open = (state: BookingDialogState | undefined): BookingDialogState => {
      if (state === undefined) throw new Error("the dialog is closed");
      return state;
    };
    const booked = step(atConfirm().state, { type: "booked", booking: BOOKED });
    const again = stepBookingDialog(kakao, open(booked.state), { type: "input", input: { optionId: "booking:confirm" } });
    expect(again.state?.step).toBe("reveal_phone");
    expect(JSON.stringify(again.reply)).not.toContain(BOOKED.code);
    const typed = stepBookingDialog(kakao, open(again.state), { type: "input", input: { text: "010-9999-0000" } });
    expect(typed.effect).toEqual({ kind: "lookup", code: BOOKED.code, phone: "01099990000" });
    const wrong = stepBookingDialog(kakao, open(again.state), { type: "notFound" });
    expect(keys(wrong)[0]).toBe("bookingChat.reveal.wrongPhone");
    expect(JSON.stringify(wrong.reply)).not.toContain(BOOKED.code);
    const shown = stepBookingDialog(kakao, open(again.state), { type: "found", booking: BOOKED });
    expect(shown.reply.messages[0]).toEqual({ key: "bookingChat.booked.done", params: { code: BOOKED.code } });
    const kept = stepBookingDialog(kakao, open(again.state), { type: "input", input: { optionId: "booking:quit" } });
    expect(kept.state?.step).toBe("booked");
    // The web chat (its session id is a capability) shows it at once, as before.
    expect(tap(booked.state, "booking:confirm").reply.messages[0]).toEqual({ key: "bookingChat.booked.done", params: { code: BOOKED.code } });
  });
});
