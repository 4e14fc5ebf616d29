import type { BookingStatus } from "../booking/booking-types";
import type { SessionState } from "../conversation/session-state";
import type { EvaluationCore } from "../eligibility/score-services";
import type { CountedEvent, Intake, IntakeCounted } from "../intake/intake-ports";

/** The tiers that count as "recommended": a service shown as likely or possible (not "need more facts"). */
const RECOMMENDED_TIERS: ReadonlySet<string> = new Set(["likely", "possible"]);
/** Statuses of a booking the resident came to. */
const ATTENDED: ReadonlySet<BookingStatus> = new Set(["arrived", "done"]);
/** A bound on what one conversation remembers having counted (flows hold far fewer nodes). */
export const MAX_COUNTED = 1000;

export type FlowStep = {
  /** The state before the step; undefined when the conversation has just started. */
  previous?: SessionState;
  /** What this conversation has already counted (kept with the session). */
  counted?: readonly string[];
  next: SessionState;
  /** The result, when the step reached it. */
  evaluation?: EvaluationCore;
};

/**
 * The analytics events of one conversation step, each at most once per conversation:
 * `started`; `reached:<node>` when the conversation first rests at a question or end node;
 * `answered:<node>` when it first moves on from a node by an answer (not by "back");
 * `finished` at an end; `recommended:<service>` for each likely or possible service of the
 * result. "Back", "restart" and a re-asked question never count a node twice, so for any
 * node answered ≤ reached. Returns the events and the updated `counted` list to keep.
 */
export function computeFlowEvents(step: FlowStep): { events: string[]; counted: string[] } {
  const { previous, next } = step;
  const candidates: string[] = [];
  if (previous === undefined) candidates.push("started");
  if (previous === undefined || previous.nodeId !== next.nodeId) {
    const movedOn = previous !== undefined && next.history.length > previous.history.length;
    if (movedOn) candidates.push(`answered:${previous.nodeId}`);
    candidates.push(`reached:${next.nodeId}`);
  }
  if (next.done && previous?.done !== true) {
    candidates.push("finished");
    for (const r of step.evaluation?.recommendations ?? []) if (RECOMMENDED_TIERS.has(r.tier)) candidates.push(`recommended:${r.service}`);
  }
  const seen = new Set(step.counted ?? []);
  const events = candidates.filter((event) => {
    if (seen.has(event)) return false;
    seen.add(event);
    return true;
  });
  return { events, counted: [...(step.counted ?? []), ...events].slice(-MAX_COUNTED) };
}

/** Whether the intake counted `event` already: its flag, or, on a record older than the flags, a booking it holds (counted when attached). */
export function wasCounted(intake: Pick<Intake, "counted" | "bookingCode">, event: CountedEvent): boolean {
  return flagsOf(intake)[event] === true;
}

/** The intake with `event` flagged as counted (an older record's implied flags made explicit). */
export function withCounted<T extends Pick<Intake, "counted" | "bookingCode">>(intake: T, event: CountedEvent): T {
  return { ...intake, counted: { ...flagsOf(intake), [event]: true } };
}

function flagsOf(intake: Pick<Intake, "counted" | "bookingCode">): IntakeCounted {
  return intake.counted ?? (intake.bookingCode !== undefined ? { booked: true } : {});
}

/**
 * What a booking status change means for `attended`, counted once per intake: `mark` (flag the
 * intake) when the booking is now arrived or done; the flag's flip counts, unless the record is
 * older than the flags and the booking was arrived or done already (it was counted back then).
 */
export function computeAttendance(previous: BookingStatus | undefined, next: BookingStatus, counted: IntakeCounted | undefined): { mark: boolean; countOnFlip: boolean } {
  if (!ATTENDED.has(next)) return { mark: false, countOnFlip: false };
  const countedBeforeFlags = counted === undefined && previous !== undefined && ATTENDED.has(previous);
  return { mark: true, countOnFlip: !countedBeforeFlags };
}
