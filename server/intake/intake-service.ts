import { randomUUID } from "node:crypto";
import { computeAttendance } from "../../bot/analytics/compute-flow-events";
import type { FlowEventSink } from "../../bot/analytics/flow-analytics-ports";
import type { Booking, BookingStatus } from "../../bot/booking/booking-types";
import type { SessionState } from "../../bot/conversation/session-state";
import type { EvaluationCore } from "../../bot/eligibility/score-services";
import { DomainError } from "../../bot/errors";
import { deriveAnswers } from "../../bot/intake/derive-answers";
import type { AnswerValue, Intake, IntakeStore, QuestionCorrectionCount } from "../../bot/intake/intake-ports";
import { toRecordedEvaluation } from "../../bot/intake/to-recorded-evaluation";
import type { Clock, SessionKey } from "../../bot/ports";
import type { Flow } from "../../flows/schema/flow";
import type { FlowWording } from "../../bot/conversation/engine-context";

/** A flow version as the intake reads it: its questions and its wording. */
export type FlowOfVersion = { flow: Flow; wording: FlowWording };
import { toSessionRef } from "./session-ref";

export type IntakeServiceDeps = {
  store: IntakeStore;
  /** The flow of a version (the one the resident ran), for the text of its questions. */
  flowFor: (version: number) => Promise<FlowOfVersion>;
  now: Clock;
  /** Counts `booked` and `attended` on the intake's flow version, each once per intake. */
  analytics?: FlowEventSink;
  retention: { afterAppointmentDays: number; noBookingDays: number };
  /** Erases the conversation's bookings that are cancelled or have started (name and phone with them); returns how many. */
  eraseBookings?: (sessionRef: string) => Promise<number>;
  /** Whether the conversation has an upcoming booking: its intake then stays for the counsellor. */
  hasUpcomingBooking?: (sessionRef: string) => Promise<boolean>;
};

const DAY_MS = 86_400_000;

/**
 * Intakes: kept when a consenting resident finishes the triage, linked to the booking it leads
 * to, erased with the conversation, read and annotated by counsellors. A store failure becomes
 * DEPENDENCY_UNAVAILABLE.
 */
export class IntakeService {
  constructor(private readonly deps: IntakeServiceDeps) {}

  /** The flow whose questions the intake's answers belong to: the version the resident ran. */
  async flowOf(intake: Pick<Intake, "flowVersion">): Promise<FlowOfVersion> {
    return this.deps.flowFor(intake.flowVersion);
  }

  /**
   * Keeps the intake of a finished triage when the resident consented; once per conversation (a
   * triage finished again after "back" replaces the answers, keeping notes and the booking).
   */
  async recordCompleted(key: SessionKey, state: SessionState, evaluation: EvaluationCore): Promise<Intake | undefined> {
    if (state.vars.consent !== true) return undefined;
    const sessionRef = toSessionRef(key);
    const now = this.nowIso();
    const existing = await this.guard(() => this.deps.store.findIntakeBySessionRef(sessionRef));
    const { flow } = await this.deps.flowFor(state.flowVersion);
    const intake: Intake = {
      id: existing?.id ?? randomUUID(), sessionRef, channel: key.channel, lang: state.lang,
      createdAt: existing?.createdAt ?? now, completedAt: now, flowId: state.flowId, flowVersion: state.flowVersion,
      answers: deriveAnswers(flow, state), ...questionsNotAnswered(state), corrections: existing?.corrections ?? [], facts: state.facts, evaluation: toRecordedEvaluation(evaluation),
      urgent: evaluation.urgent.map((u) => u.code), loans: evaluation.loans ?? [],
      ...(existing?.bookingCode !== undefined ? { bookingCode: existing.bookingCode } : {}),
      ...(existing?.appointmentStart !== undefined ? { appointmentStart: existing.appointmentStart } : {}),
      notes: existing?.notes ?? [],
      // New intakes start with no flags; a replaced one keeps what it counted (or its lack of flags).
      ...(existing === undefined ? { counted: {} } : existing.counted !== undefined ? { counted: existing.counted } : {}),
      deleteAfter: this.deleteAfter(existing?.appointmentStart, now),
    };
    await this.guard(() => this.deps.store.saveIntake(intake));
    return intake;
  }

  /**
   * Follows a booking made or moved from a conversation; nothing happens without an intake.
   * `booked` counts once per intake, for its flow version: the store flags it in the same write
   * that links the booking, so a move, a retry or a new booking after a cancel counts nothing more.
   */
  async attachBooking(booking: Booking): Promise<void> {
    const sessionRef = booking.sessionRef;
    if (sessionRef === undefined) return;
    const deleteAfter = this.deleteAfter(booking.start, this.nowIso());
    const attached = await this.guard(() => this.deps.store.attachBooking(sessionRef, { code: booking.code, start: booking.start, deleteAfter }));
    if (attached?.firstBooking === true) this.deps.analytics?.record(attached.intake.flowId, attached.intake.flowVersion, ["booked"]);
  }

  /**
   * After staff changed a booking's status: `attended` counts once per intake, when its flag
   * flips (arrived → no-show → arrived, or two clicks at once, count one). A store failure is
   * DEPENDENCY_UNAVAILABLE; the status is saved, so repeating the request is safe and counts then.
   */
  async countAttendance(intake: Intake, previous: BookingStatus | undefined, next: BookingStatus): Promise<void> {
    if (this.deps.analytics === undefined) return;
    const { mark, countOnFlip } = computeAttendance(previous, next, intake.counted);
    if (!mark) return;
    const flipped = await this.guard(() => this.deps.store.markCounted(intake.id, "attended"));
    if (flipped && countOnFlip) this.deps.analytics.record(intake.flowId, intake.flowVersion, ["attended"]);
  }

  /**
   * The resident's erase request: the conversation's bookings that are cancelled or have started
   * go at once, and so does its intake, unless an upcoming booking keeps it for the counsellor
   * (both then go with retention after the appointment, or when the booking is cancelled and
   * erase is asked again). True when something was erased or kept for a booking.
   */
  async eraseFor(key: SessionKey): Promise<boolean> {
    const sessionRef = toSessionRef(key);
    const bookings = this.deps.eraseBookings ? await this.guard(() => this.deps.eraseBookings?.(sessionRef) ?? Promise.resolve(0)) : 0;
    const intake = await this.guard(() => this.deps.store.findIntakeBySessionRef(sessionRef));
    if (intake === undefined) return bookings > 0;
    if (await this.guard(() => this.deps.hasUpcomingBooking?.(sessionRef) ?? Promise.resolve(false))) return true;
    return (await this.guard(() => this.deps.store.deleteIntake(intake.id))) || bookings > 0;
  }

  async find(id: string): Promise<Intake> {
    const intake = await this.guard(() => this.deps.store.findIntakeById(id));
    if (!intake) throw new DomainError("NOT_FOUND", "no intake with this id");
    return intake;
  }

  /** The intake of a conversation, if it left one. */
  async findForSession(key: SessionKey): Promise<Intake | undefined> {
    return this.guard(() => this.deps.store.findIntakeBySessionRef(toSessionRef(key)));
  }

  async findByBookingCode(code: string): Promise<Intake | undefined> {
    return this.guard(() => this.deps.store.findIntakeByBookingCode(code));
  }

  async addNote(id: string, by: string, text: string): Promise<Intake> {
    const updated = await this.guard(() => this.deps.store.addNote(id, { by, at: this.nowIso(), text }));
    if (!updated) throw new DomainError("NOT_FOUND", "no intake with this id");
    return updated;
  }

  /** A staff-verified value beside the resident's answer to `nodeId`; VALIDATION_FAILED for a question it did not answer. */
  async addCorrection(id: string, input: { nodeId: string; value: AnswerValue; note?: string; by: string }): Promise<Intake> {
    const intake = await this.find(id);
    const answer = intake.answers.find((a) => a.nodeId === input.nodeId);
    if (!answer) throw new DomainError("VALIDATION_FAILED", "invalid correction", [{ path: "nodeId", message: "not a question this intake answered" }]);
    const correction = {
      nodeId: input.nodeId, value: input.value, by: input.by, at: this.nowIso(), source: "staff_verified" as const,
      ...(input.note !== undefined ? { note: input.note } : {}),
    };
    const updated = await this.guard(() => this.deps.store.addCorrection(id, correction, answer.questionKey));
    if (!updated) throw new DomainError("NOT_FOUND", "no intake with this id");
    return updated;
  }

  /** For the retention job: deletes intakes past their deleteAfter; returns how many. */
  async deleteExpiredIntakes(now: string): Promise<number> {
    return this.guard(() => this.deps.store.deleteExpiredIntakes(now));
  }

  async countCorrections(): Promise<QuestionCorrectionCount[]> {
    return this.guard(() => this.deps.store.countCorrectionsByQuestion());
  }

  private deleteAfter(appointmentStart: string | undefined, completedAt: string): string {
    const { afterAppointmentDays, noBookingDays } = this.deps.retention;
    const ms = appointmentStart === undefined ? Date.parse(completedAt) + noBookingDays * DAY_MS : Date.parse(appointmentStart) + afterAppointmentDays * DAY_MS;
    return new Date(ms).toISOString();
  }

  private nowIso(): string {
    return this.deps.now().toISOString();
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new DomainError("DEPENDENCY_UNAVAILABLE", "intake store unavailable", undefined, { cause: error });
    }
  }
}

/** "몰라요", skipped as irrelevant, left for after the first result and not answered: each list only when it has something. */
function questionsNotAnswered(state: SessionState): Pick<Intake, "unknown" | "skipped" | "later"> {
  const answered = new Set(state.history.map((snapshot) => snapshot.nodeId));
  const later = (state.deferred ?? []).filter((id) => !answered.has(id));
  return {
    ...(state.unknown?.length ? { unknown: [...state.unknown] } : {}),
    ...(state.skipped?.length ? { skipped: [...state.skipped] } : {}),
    ...(later.length ? { later } : {}),
  };
}
