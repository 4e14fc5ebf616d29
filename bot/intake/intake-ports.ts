import type { DraftFacts } from "../../flows/schema/case-facts";
import type { UrgentCode } from "../../flows/schema/catalog";
import type { LoanApr } from "../eligibility/compute-loan-apr";
import type { ScoredServices } from "../eligibility/score-services";
import type { Channel } from "../ports";
import type { Msg } from "../types";

/** A JSON value as a question saves it: a number, a text, a list of option values … */
export type AnswerValue = string | number | boolean | null | AnswerValue[] | { [key: string]: AnswerValue };

/**
 * A money question answered by tapping a range: the range as the resident saw it (`max` null: no
 * upper end). The answer's value is then an amount inside it, not a figure the resident gave.
 */
export type AnswerRange = { min: number; max: number | null; label: Msg };

/** What the resident answered to one question, as they said it (never checked by anyone); `range` when it was a tapped range. */
export type IntakeAnswer = { nodeId: string; questionKey: string; value: AnswerValue; source: "self_reported"; range?: AnswerRange };

/** A counsellor's correction of an answer, kept beside it (the resident's answer is never overwritten). */
export type IntakeCorrection = { nodeId: string; value: AnswerValue; by: string; at: string; note?: string; source: "staff_verified" };

export type IntakeNote = { by: string; at: string; text: string };

/**
 * The analytics events counted at most once per intake, flagged when counted (set in the same
 * store write as the change they count). Records written before these flags carry none.
 */
export type IntakeCounted = { booked?: true; attended?: true };
export type CountedEvent = keyof IntakeCounted;

/**
 * What a consenting resident's finished triage leaves for the counsellor: the answers, the facts,
 * the evaluation with its reasons, urgent flags and loan findings, and the booking it led to.
 * Stores keep it sealed; only ids, the booking code and dates stay readable for lookups.
 */
export type Intake = {
  id: string;
  /** A hash of the conversation's key ("web:<sha256…>"), the same the booking keeps. */
  sessionRef: string;
  channel: Channel;
  lang: "ko" | "en";
  createdAt: string;
  completedAt: string;
  flowId: string;
  flowVersion: number;
  answers: IntakeAnswer[];
  /**
   * Questions answered "몰라요" and questions the conversation skipped as irrelevant (node ids,
   * from the session state). Optional: records without them still read, and the summary then
   * tells "몰라요" from the answer itself (see computeAnswerRows).
   */
  unknown?: string[];
  skipped?: string[];
  /** Questions left for after the first result and never answered: the counsellor may ask them. */
  later?: string[];
  corrections: IntakeCorrection[];
  facts: DraftFacts;
  /** The scored services as the rules gave them (the headline and near misses are worked out again from these facts). */
  evaluation: ScoredServices;
  urgent: UrgentCode[];
  loans: LoanApr[];
  bookingCode?: string;
  appointmentStart?: string;
  notes: IntakeNote[];
  /** Which once-per-intake analytics events were counted; absent on records older than the flags. */
  counted?: IntakeCounted;
  /** The retention job deletes the intake once this instant has passed. */
  deleteAfter: string;
};

/** How often staff corrected the answer to one question: many corrections mark a confusing question. */
export type QuestionCorrectionCount = { nodeId: string; questionKey: string; count: number };

/** Intakes, sealed at rest. Implementations parse what they read back. */
export interface IntakeStore {
  /** Inserts or replaces by id (one intake per sessionRef: the caller reuses the id it found). */
  saveIntake(intake: Intake): Promise<void>;
  findIntakeById(id: string): Promise<Intake | undefined>;
  findIntakeByBookingCode(code: string): Promise<Intake | undefined>;
  findIntakeBySessionRef(sessionRef: string): Promise<Intake | undefined>;
  /**
   * Links the booking and, in the same write, flags `booked` as counted; returns the updated
   * intake and whether this call set the flag (`firstBooking`), undefined when there is none
   * for this session.
   */
  attachBooking(sessionRef: string, booking: { code: string; start: string; deleteAfter: string }): Promise<{ intake: Intake; firstBooking: boolean } | undefined>;
  /** Flags `event` as counted in one atomic update; true only for the one call that set it (false when already set or no intake). */
  markCounted(id: string, event: CountedEvent): Promise<boolean>;
  addNote(id: string, note: IntakeNote): Promise<Intake | undefined>;
  /** Adds the correction and counts it against the question it corrects. */
  addCorrection(id: string, correction: IntakeCorrection, questionKey: string): Promise<Intake | undefined>;
  /** Returns whether something was deleted. */
  deleteIntake(id: string): Promise<boolean>;
  /** Deletes every intake whose deleteAfter is before `now`; returns how many. */
  deleteExpiredIntakes(now: string): Promise<number>;
  /** Corrections per question, most corrected first. */
  countCorrectionsByQuestion(): Promise<QuestionCorrectionCount[]>;
}
