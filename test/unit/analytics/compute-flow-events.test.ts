import { computeAttendance, computeFlowEvents, wasCounted, withCounted } from "../../../bot/analytics/compute-flow-events";
import type { SessionState } from "../../../bot/conversation/session-state";
import type { EvaluationCore, Recommendation } from "../../../bot/eligibility/score-services";
import type { FlowTurn } from "../../support/flow-harness";
import { startChat } from "../../support/flow-harness";

/** Drives a real conversation on the shipped flow and counts as the ConversationService does. */
function countedChat() {
  const chat = startChat("ko");
  let first = computeFlowEvents({ next: chat.state });
  const totals = new Map<string, number>();
  const add = (events: string[]) => events.forEach((e) => totals.set(e, (totals.get(e) ?? 0) + 1));
  add(first.events);
  let counted = first.counted;
  const step = (send: () => FlowTurn, evaluation?: EvaluationCore): string[] => {
    const previous = chat.state;
    const turn = send();
    first = computeFlowEvents({ previous, counted, next: chat.state, ...(evaluation ?? turn.evaluation ? { evaluation: evaluation ?? turn.evaluation } : {}) });
    counted = first.counted;
    add(first.events);
    return first.events;
  };
  return { chat, totals, step, count: (event: string) => totals.get(event) ?? 0, state: (): SessionState => chat.state };
}

const recommendation = (service: Recommendation["service"], tier: Recommendation["tier"]): Recommendation => ({
  service, tier, score: 50, reasons: [], missing: [], nextSteps: [], ruleIds: [],
});

describe("computeFlowEvents", () => {
  it("when a conversation starts, then started and the first question reached are counted", () => {
    const c = countedChat();
    expect([...c.totals.keys()]).toEqual(["started", "reached:consent"]);
  });

  it("when a question is answered, then it counts as answered and the next question as reached", () => {
    const c = countedChat();
    expect(c.step(() => c.chat.tap("agree"))).toEqual(["answered:consent", "reached:safety_check"]);
  });

  it("when an answer does not parse and the question is asked again, then nothing is counted", () => {
    const c = countedChat();
    c.step(() => c.chat.tap("agree"));
    expect(c.step(() => c.chat.say("음… 그게요"))).toEqual([]);
    expect(c.state().nodeId).toBe("safety_check");
    expect(c.step(() => c.chat.tap("cmd:help"))).toEqual([]);
  });

  it("when the resident goes back and answers again, or restarts, then no node is counted twice", () => {
    const c = countedChat();
    c.step(() => c.chat.tap("agree"));
    c.step(() => c.chat.tap("yes"));
    const third = c.state().nodeId;
    expect(c.step(() => c.chat.tap("cmd:back"))).toEqual([]);
    expect(c.step(() => c.chat.tap("yes"))).toEqual([]);
    expect(c.state().nodeId).toBe(third);
    expect(c.step(() => c.chat.tap("cmd:restart"))).toEqual([]);
    expect(c.step(() => c.chat.tap("agree"))).toEqual([]);
    for (const [event, n] of c.totals) expect([event, n]).toEqual([event, 1]);
    expect(c.count("answered:safety_check")).toBeLessThanOrEqual(c.count("reached:safety_check"));
  });

  it("when a step reaches the result, then finished and each likely or possible service are counted, not insufficient_data", () => {
    const c = countedChat();
    const evaluation: EvaluationCore = {
      asOf: "2026-12-03", rulesVersion: "test", urgent: [], headline: { key: "rules.headline.none" }, nearMisses: [],
      recommendations: [recommendation("ccrs_fast_track", "likely"), recommendation("miso_microcredit", "possible"), recommendation("job_counseling", "insufficient_data")],
    };
    const events = c.step(() => c.chat.tap("decline"), evaluation);
    expect(c.state().done).toBe(true);
    expect(events).toEqual(["answered:consent", "reached:declined", "finished", "recommended:ccrs_fast_track", "recommended:miso_microcredit"]);
    expect(c.step(() => c.chat.say("안녕"), evaluation)).toEqual([]);
  });

  it("when the conversation is long, then what it remembers stays bounded", () => {
    const many = Array.from({ length: 1200 }, (_, i) => `reached:n${i}`);
    const c = countedChat();
    const result = computeFlowEvents({ previous: c.state(), counted: many, next: { ...c.state(), nodeId: "safety_check" } });
    expect(result.counted.length).toBeLessThanOrEqual(1000);
  });
});

describe("computeAttendance", () => {
  it.each([
    ["confirmed", "arrived", {}, { mark: true, countOnFlip: true }],
    ["confirmed", "done", {}, { mark: true, countOnFlip: true }],
    ["no_show", "arrived", { attended: true }, { mark: true, countOnFlip: true }],
    ["arrived", "done", {}, { mark: true, countOnFlip: true }],
    ["arrived", "done", undefined, { mark: true, countOnFlip: false }],
    ["confirmed", "arrived", undefined, { mark: true, countOnFlip: true }],
    ["confirmed", "no_show", {}, { mark: false, countOnFlip: false }],
    ["confirmed", "cancelled", {}, { mark: false, countOnFlip: false }],
  ] as const)("when a booking goes from %s to %s with flags %j, then %j", (from, to, counted, expected) => {
    expect(computeAttendance(from, to, counted)).toEqual(expected);
  });
});

describe("wasCounted and withCounted", () => {
  it("when a record has flags, then only its flags count; when it is older than the flags, then a booking it holds was counted", () => {
    expect(wasCounted({ counted: {}, bookingCode: "AB12CD" }, "booked")).toBe(false);
    expect(wasCounted({ counted: { booked: true } }, "booked")).toBe(true);
    expect(wasCounted({ bookingCode: "AB12CD" }, "booked")).toBe(true);
    expect(wasCounted({}, "booked")).toBe(false);
    expect(wasCounted({ bookingCode: "AB12CD" }, "attended")).toBe(false);
    expect(withCounted({ bookingCode: "AB12CD" }, "attended")).toEqual({ bookingCode: "AB12CD", counted: { booked: true, attended: true } });
    expect(withCounted({ counted: {} }, "booked")).toEqual({ counted: { booked: true } });
  });
});
