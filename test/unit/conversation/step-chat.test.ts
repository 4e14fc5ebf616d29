import type { ChatInput } from "../../../bot/conversation/chat-input";
import { createEngineContext } from "../../../bot/conversation/engine-context";
import type { ChatStep } from "../../../bot/conversation/step-chat";
import { resumeChat, resumeTurn, startChat, stepChat } from "../../../bot/conversation/step-chat";
import type { Slot } from "../../../bot/booking/booking-types";
import type { StoredSession } from "../../../bot/conversation/stored-session";
import { CARD_DEBTOR_ANSWERS, FIXED_NOW, flowFixture, walkInputs } from "../../support/flow-harness";

type Message = Extract<ChatInput, { kind: "text" | "option" | "command" }>;

const ctx = flowFixture().chat;
const text = (value: string): Message => ({ kind: "text", text: value });
const tap = (id: string): Message => ({ kind: "option", id });
const keys = (step: ChatStep) => step.turn.messages.map((m) => m.key);
const codes = (step: ChatStep) => step.turn.urgent.map((u) => u.code);

function sessionOf(step: ChatStep): StoredSession {
  if (step.session === undefined) throw new Error("erased");
  return step.session;
}

function send(step: ChatStep, input: Message): ChatStep {
  const next = stepChat(ctx, sessionOf(step), input, FIXED_NOW);
  if (next.pending !== undefined) throw new Error(`unexpected ${next.pending.effect.kind} effect`);
  return next;
}

/** Walks the shipped flow with fixed answers until it rests on `nodeId`. */
function walkTo(nodeId: string): ChatStep {
  let step = startChat(ctx, "ko", FIXED_NOW);
  const answers: Record<string, Message> = {
    consent: tap("agree"), safety_check: tap("no"), has_debt: tap("yes"), total_debt: text("2500만원"), secured_gate: tap("none"),
    creditor_types: tap("card"), has_illegal_loan: tap("no"), overdue_days: text("45일"), new_debt_gate: tap("none"),
  };
  for (let i = 0; i < 40 && step.turn.nodeId !== nodeId; i++) {
    const answer = answers[step.turn.nodeId];
    if (answer === undefined) throw new Error(`no answer for ${step.turn.nodeId} on the way to ${nodeId}`);
    step = send(step, answer);
  }
  expect(step.turn.nodeId).toBe(nodeId);
  return step;
}

/** The card debtor's whole triage, to its result. */
function atResult(): ChatStep {
  let step = startChat(ctx, "ko", FIXED_NOW);
  for (const input of walkInputs(CARD_DEBTOR_ANSWERS)) step = send(step, input.optionId !== undefined ? tap(input.optionId) : text(input.text ?? ""));
  expect(step.turn.done).toBe(true);
  return step;
}

describe("stepChat: safety comes before anything else", () => {
  it("when '죽고 싶어요' is typed at a money question, then the 109 help comes in that turn, the question again without an error, and the risk is recorded", () => {
    const next = send(walkTo("total_debt"), text("죽고 싶어요"));
    expect(keys(next)[0]).toBe("rules.urgent.crisis_line_109");
    expect(keys(next)).not.toContain("parse.money.invalid");
    expect(keys(next).at(-1)).toBe("flow.debt.total.question");
    expect(next.turn.urgent).toEqual([{ code: "crisis_line_109", label: { key: "safety.contact.crisis_line_109", params: { phone: "109" } }, phone: "109" }]);
    expect(sessionOf(next).state.facts.selfHarmRisk).toBe(true);
    expect(sessionOf(next).state.nodeId).toBe("total_debt");
  });

  it("when a crisis is typed before consent, then the help comes at once and consent is asked again", () => {
    const next = send(startChat(ctx, "ko", FIXED_NOW), text("자살하고 싶어요"));
    expect(keys(next)[0]).toBe("rules.urgent.crisis_line_109");
    expect(keys(next).at(-1)).toBe("flow.consent.question");
    expect(codes(next)).toEqual(["crisis_line_109"]);
  });

  it("when '죽고 싶어요' answers the self-harm question itself, then it is a yes with the help in the same turn, never held for confirmation", () => {
    const next = send(send(startChat(ctx, "ko", FIXED_NOW), tap("agree")), text("죽고 싶어요"));
    expect(keys(next)).toEqual(["rules.urgent.crisis_line_109", "flow.safety.support", "flow.debt.intro", "flow.debt.has.question"]);
    expect(next.turn.options.map((o) => o.id)).not.toContain("extract_confirm");
  });

  it("when the flow asks the self-harm question even when known, then '죽고 싶어요' typed at it still answers it, never asked again", () => {
    const { engine } = ctx;
    const flow = { ...engine.flow, nodes: engine.flow.nodes.map((n) => (n.id === "safety_check" ? { ...n, skipWhenKnown: false } : n)) };
    const asking = { ...ctx, engine: createEngineContext(flow, engine.evaluate, engine.labels, engine.wording, engine.rules) };
    const consented = stepChat(asking, sessionOf(startChat(asking, "ko", FIXED_NOW)), tap("agree"), FIXED_NOW);
    const next = stepChat(asking, sessionOf(consented), text("죽고 싶어요"), FIXED_NOW);
    expect(next.turn.nodeId).toBe("has_debt");
    expect(keys(next)[0]).toBe("rules.urgent.crisis_line_109");
    expect(sessionOf(next).state.facts.selfHarmRisk).toBe(true);
  });

  it("when a figure of speech is typed, then the 109 line comes gently and nothing is recorded", () => {
    const next = send(walkTo("total_debt"), text("힘들어 죽겠어요"));
    expect(next.turn.messages[0]).toEqual({ key: "safety.distress", params: { phone: "109" } });
    expect(codes(next)).toEqual(["crisis_line_109"]);
    // The walk answered "no" to the self-harm question; a figure of speech does not change that.
    expect(sessionOf(next).state.facts.selfHarmRisk).toBe(false);
  });

  it("when a loan shark's threat is typed at any question, then 112 and 1332 come in that turn", () => {
    const next = send(walkTo("overdue_days"), text("돈 안 갚으면 사진 뿌린대요"));
    expect(keys(next).slice(0, 2)).toEqual(["rules.urgent.call_112", "rules.urgent.report_1332"]);
    expect(codes(next)).toEqual(["call_112", "report_1332"]);
    expect(keys(next).at(-1)).toBe("flow.debt.overdue.question");
  });

  it("when a crisis is typed at the result, then the help comes with the end again, not the whole result", () => {
    const next = send(atResult(), text("I want to die"));
    expect(keys(next)[0]).toBe("rules.urgent.crisis_line_109");
    expect(keys(next)).not.toContain("engine.alreadyDone");
    expect(next.turn.evaluation).toBeUndefined();
    expect(next.turn.options.map((o) => o.id)).toEqual(["booking:start", "triage:refine"]);
  });

  it("when ordinary answers and amounts are typed, then no urgent help is raised", () => {
    let step = walkTo("total_debt");
    step = send(step, text("1200만원"));
    expect(codes(step)).toEqual([]);
    expect(sessionOf(step).state.facts.totalDebtKrw).toBe(12_000_000);
  });
});

describe("stepChat: urgent help is state", () => {
  it("when urgent help was raised, then every later turn, a resume and a restart still carry it; erasing clears it", () => {
    const raised = send(walkTo("total_debt"), text("죽고 싶어요"));
    const answered = send(raised, text("2500만원"));
    expect(codes(answered)).toEqual(["crisis_line_109"]);
    expect(keys(answered)).not.toContain("rules.urgent.crisis_line_109");
    expect(resumeTurn(ctx, sessionOf(answered), FIXED_NOW).urgent.map((u) => u.code)).toEqual(["crisis_line_109"]);
    const back = send(answered, { kind: "command", command: "back" });
    expect(codes(back)).toEqual(["crisis_line_109"]);
    const restarted = send(back, text("처음으로"));
    expect(keys(restarted)[0]).toBe("engine.restarted");
    expect(codes(restarted)).toEqual(["crisis_line_109"]);
    const asked = stepChat(ctx, sessionOf(restarted), text("내 정보 삭제"), FIXED_NOW);
    expect(asked.pending?.effect).toEqual({ kind: "findOwnBookings" });
    const erased = resumeChat(ctx, asked, { kind: "ownBookings", bookings: [], keepDays: 90 }, FIXED_NOW);
    expect(erased.erased).toBe(true);
    expect(erased.session).toBeUndefined();
    expect(erased.turn.urgent).toEqual([]);
  });
});

describe("stepChat: erasing a conversation that has a booking", () => {
  const BOOKED = { id: "bk-1", code: "K7M-RX3", start: "2026-12-04T14:00:00+09:00", end: "2026-12-04T15:00:00+09:00", specialty: "debt", status: "confirmed" } as const;
  /** "내 정보 삭제" at the result, with one upcoming booking found for the conversation. */
  function askedToErase(): ChatStep {
    const asked = stepChat(ctx, sessionOf(atResult()), text("내 정보 삭제"), FIXED_NOW);
    expect(asked.pending?.effect).toEqual({ kind: "findOwnBookings" });
    return resumeChat(ctx, asked, { kind: "ownBookings", bookings: [BOOKED], keepDays: 90 }, FIXED_NOW);
  }

  it("when erase is asked and the conversation has an upcoming booking, then it names the booking and asks whether to cancel it too", () => {
    const asked = askedToErase();
    expect(asked.erased).toBe(false);
    expect(asked.turn.nodeId).toBe("erase:confirm");
    expect(asked.turn.messages).toEqual([
      { key: "chat.erase.hasBooking", params: { code: "K7M-RX3", specialty: "debt", month: 12, day: 4, dow: "fri", time: "14:00" } },
      { key: "chat.erase.question" },
    ]);
    expect(asked.turn.options.map((o) => o.id)).toEqual(["erase:cancel", "erase:keep", "erase:stay"]);
    expect(sessionOf(asked).erasing?.bookings.map((b) => b.code)).toEqual(["K7M-RX3"]);
  });

  it.each(["네", "예약도 취소해 주세요", "다 지워 주세요", "Cancel & erase"])("when the resident answers %p, then the booking is cancelled first and then everything is erased", (answer) => {
    const cancelling = stepChat(ctx, sessionOf(askedToErase()), text(answer), FIXED_NOW);
    expect(cancelling.pending?.effect).toEqual({ kind: "cancelOwnBookings", codes: ["K7M-RX3"] });
    const erased = resumeChat(ctx, cancelling, { kind: "ownBookingsCancelled" }, FIXED_NOW);
    expect(erased.erased).toBe(true);
    expect(erased.session).toBeUndefined();
    expect(keys(erased)).toEqual(["chat.erase.cancelled", "chat.erased"]);
  });

  it.each(["아니요", "예약은 둘게요", "예약은 두고 지우기"])("when the resident answers %p, then the conversation is erased and they are told the booking stays, and for how long", (answer) => {
    const erased = stepChat(ctx, sessionOf(askedToErase()), text(answer), FIXED_NOW);
    expect(erased.pending).toBeUndefined();
    expect(erased.erased).toBe(true);
    expect(erased.turn.messages[0]).toEqual({ key: "chat.erase.kept", params: expect.objectContaining({ code: "K7M-RX3", days: 90, month: 12, day: 4 }) });
    expect(keys(erased)).toEqual(["chat.erase.kept", "chat.erase.keptManage"]);
  });

  it("when the resident says not to erase, then nothing is erased and the conversation goes on where it was", () => {
    const stayed = stepChat(ctx, sessionOf(askedToErase()), text("지우지 마세요"), FIXED_NOW);
    expect(stayed.erased).toBe(false);
    expect(sessionOf(stayed).erasing).toBeUndefined();
    expect(keys(stayed)[0]).toBe("chat.erase.notErased");
    expect(stayed.turn.done).toBe(true);
  });

  it("when a wish to die is typed at the question, then the 109 help comes and the question again; nothing is erased", () => {
    const next = stepChat(ctx, sessionOf(askedToErase()), text("다 끝내고 죽고 싶어요"), FIXED_NOW);
    expect(keys(next)[0]).toBe("rules.urgent.crisis_line_109");
    expect(next.turn.nodeId).toBe("erase:confirm");
    expect(next.erased).toBe(false);
    expect(codes(next)).toContain("crisis_line_109");
  });

  it("when the answer is none of the choices, then it asks again", () => {
    const next = stepChat(ctx, sessionOf(askedToErase()), text("음 뭐라고요"), FIXED_NOW);
    expect(keys(next)[0]).toBe("chat.erase.invalid");
    expect(next.turn.nodeId).toBe("erase:confirm");
  });
});

describe("stepChat: booking is part of the conversation", () => {
  const slot = (start: string): Slot => ({ id: `debt@${start}`, start, end: start.replace("T10:", "T11:"), specialty: "debt", remaining: 1 });

  /** Opens the booking dialog at the result and brings it to the name step, feeding the effects' outcomes. */
  function atNameStep(): ChatStep {
    let step = stepChat(ctx, sessionOf(atResult()), tap("booking:start"), FIXED_NOW);
    step = stepChat(ctx, sessionOf(step), tap("booking:specialty:debt"), FIXED_NOW);
    expect(step.pending?.effect).toMatchObject({ kind: "booking", effect: { kind: "listSlots" } });
    step = resumeChat(ctx, step, { kind: "booking", event: { type: "slots", slots: [slot("2026-12-04T10:00+09:00")] } }, FIXED_NOW);
    step = stepChat(ctx, sessionOf(step), tap("booking:day:2026-12-04"), FIXED_NOW);
    step = resumeChat(ctx, step, { kind: "booking", event: { type: "slots", slots: [slot("2026-12-04T10:00+09:00")] } }, FIXED_NOW);
    step = stepChat(ctx, sessionOf(step), tap("booking:time:debt@2026-12-04T10:00+09:00"), FIXED_NOW);
    step = resumeChat(ctx, step, { kind: "booking", event: { type: "held" } }, FIXED_NOW);
    expect(step.turn.nodeId).toBe("booking:name");
    return step;
  }

  it("when a crisis is typed at the name step, then it is never taken as a name: the help, then the name asked again", () => {
    const next = stepChat(ctx, sessionOf(atNameStep()), text("죽고 싶어요"), FIXED_NOW);
    expect(next.pending).toBeUndefined();
    expect(keys(next)[0]).toBe("rules.urgent.crisis_line_109");
    expect(next.turn.nodeId).toBe("booking:name");
    expect(sessionOf(next).booking?.name).toBeUndefined();
    expect(codes(next)).toEqual(["crisis_line_109"]);
  });

  it("when the resident stops booking, then the held slot is given back and urgent help stays", () => {
    const raised = stepChat(ctx, sessionOf(atNameStep()), text("사진 뿌린대요"), FIXED_NOW);
    const stopped = stepChat(ctx, sessionOf(raised), tap("booking:quit"), FIXED_NOW);
    expect(stopped.released).toEqual(["debt@2026-12-04T10:00+09:00"]);
    expect(sessionOf(stopped).booking).toBeUndefined();
    expect(codes(stopped)).toEqual(["call_112", "report_1332"]);
  });

  it("when '예약 확인' is typed mid-triage, then the booking lookup opens and asks for the code", () => {
    const next = stepChat(ctx, sessionOf(walkTo("total_debt")), text("예약 확인"), FIXED_NOW);
    expect(next.turn.nodeId).toBe("booking:manage_code");
  });
});

describe("stepChat: 자세히 and 상담원 at the result", () => {
  it("when 자세히 is tapped on a result card, then the turn shows that service's detail, keeps booking, and the result stays", () => {
    const result = atResult();
    const service = result.turn.evaluation?.recommendations[0]?.service ?? "no service";
    const next = send(result, tap(`detail:${service}`));
    expect(next.turn.focus).toEqual({ kind: "service", service });
    expect(next.turn.messages[0]).toEqual({ key: "chat.detail.what", params: { service } });
    expect(keys(next)).toEqual(expect.arrayContaining(["chat.detail.documents", "chat.detail.book"]));
    expect(keys(next)).not.toContain("flow.done.result");
    expect(next.turn.evaluation).toBeUndefined();
    expect(next.turn.done).toBe(true);
    // The result's own ways on stay: booking first, then answering more when it is offered.
    expect(next.turn.options.map((o) => o.id)).toEqual(atResult().turn.options.map((o) => o.id));
    expect(next.turn.options[0]?.id).toBe("booking:start");
    expect(sessionOf(next).state).toEqual(sessionOf(result).state);
    expect(resumeTurn(ctx, sessionOf(next), FIXED_NOW).evaluation?.recommendations[0]?.service).toBe(service);
  });

  it("when a service is named in words at the result, then it is the same detail as the tap", () => {
    const result = atResult();
    const tapped = send(result, tap("detail:ccrs_pre_workout"));
    for (const said of ["자세히 사전채무조정", "사전채무조정 (프리워크아웃)", "프리워크아웃 자세히 알려 주세요", "details: pre-workout debt adjustment"]) {
      expect({ said, turn: send(result, text(said)).turn }).toEqual({ said, turn: tapped.turn });
    }
  });

  it("when 자세히 is tapped on an old card while booking, then the detail comes and the booking step is asked again", () => {
    let step = stepChat(ctx, sessionOf(atResult()), tap("booking:start"), FIXED_NOW);
    expect(step.turn.nodeId).toBe("booking:specialty");
    step = send(step, tap("detail:financial_counseling"));
    expect(keys(step)[0]).toBe("chat.detail.what");
    expect(step.turn.nodeId).toBe("booking:specialty");
    expect(sessionOf(step).booking?.step).toBe("specialty");
  });

  it("when 상담원 is asked at the result, then the center's number and hours come with booking, not the whole result again", () => {
    const next = send(atResult(), { kind: "command", command: "human" });
    expect(keys(next)).toEqual(["engine.human", "chat.human.book"]);
    expect(next.turn.focus).toEqual({ kind: "center" });
    expect(next.turn.evaluation).toBeUndefined();
    // The result's own ways on stay: booking first, then answering more when it is offered.
    expect(next.turn.options.map((o) => o.id)).toEqual(atResult().turn.options.map((o) => o.id));
    expect(next.turn.options[0]?.id).toBe("booking:start");
    expect(keys(send(atResult(), text("센터 연결")))).toEqual(["engine.human", "chat.human.book"]);
  });

  it("when 상담원 is typed mid-triage, then the center's contact comes and the question again", () => {
    const next = send(walkTo("total_debt"), text("상담원"));
    expect(keys(next)).toEqual(["engine.human", "flow.debt.total.question"]);
    expect(next.turn.focus).toEqual({ kind: "center" });
    expect(sessionOf(next).state.nodeId).toBe("total_debt");
  });

  it("when a service is named mid-triage, then it is an answer to the question, not a detail", () => {
    const next = send(walkTo("total_debt"), text("재무상담"));
    expect(next.turn.focus).toBeUndefined();
    expect(next.turn.nodeId).toBe("total_debt");
  });
});
