import { z } from "zod";
import { draftFactsSchema } from "../../flows/schema/case-facts";
import { urgentCodes } from "../../flows/schema/catalog";
import { loanAprSchema } from "../eligibility/compute-loan-apr";
import { scoredServicesSchema } from "../eligibility/score-services";
import { channels } from "../ports";
import { instantSchema } from "../time/instant-schema";
import { msgSchema } from "../types";

/** A JSON value as a question saves it: a number, a text, a list of option values … */
export const answerValueSchema = z.json();
export type AnswerValue = z.infer<typeof answerValueSchema>;

/**
 * A money question answered by tapping a range: the range as the resident saw it (`max` null: no
 * upper end). The answer's value is then an amount inside it, not a figure the resident gave.
 */
export const answerRangeSchema = z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(0).nullable(), label: msgSchema });
export type AnswerRange = z.infer<typeof answerRangeSchema>;

/** What the resident answered to one question, as they said it (never checked by anyone); `range` when it was a tapped range. */
export const intakeAnswerSchema = z.strictObject({
  nodeId: z.string(), questionKey: z.string(), value: answerValueSchema, source: z.literal("self_reported"), range: answerRangeSchema.optional(),
});
export type IntakeAnswer = z.infer<typeof intakeAnswerSchema>;

/** A counsellor's correction of an answer, kept beside it (the resident's answer is never overwritten). */
export const intakeCorrectionSchema = z.strictObject({
  nodeId: z.string(), value: answerValueSchema, by: z.string(), at: instantSchema, note: z.string().optional(), source: z.literal("staff_verified"),
});
export type IntakeCorrection = z.infer<typeof intakeCorrectionSchema>;

export const intakeNoteSchema = z.strictObject({ by: z.string(), at: instantSchema, text: z.string() });
export type IntakeNote = z.infer<typeof intakeNoteSchema>;

/**
 * The analytics events counted at most once per intake, flagged when counted (set in the same
 * store write as the change they count). Records written before these flags carry none.
 */
export const intakeCountedSchema = z.strictObject({ booked: z.literal(true).optional(), attended: z.literal(true).optional() });
export type IntakeCounted = z.infer<typeof intakeCountedSchema>;
export type CountedEvent = keyof IntakeCounted;

/** Question ids, as a session state lists them. */
const nodeIdsSchema = z.array(z.string().min(1).max(100)).max(200);

/**
 * What a consenting resident's finished triage leaves for the counsellor: the answers, the facts,
 * the evaluation with its reasons, urgent flags and loan findings, and the booking it led to.
 * Stores keep it sealed (and parse it back with this schema); only ids, the booking code and
 * dates stay readable for lookups.
 */
export const intakeSchema = z.strictObject({
  id: z.string().min(1).max(64),
  /** A hash of the conversation's key ("web:<sha256…>"), the same the booking keeps. */
  sessionRef: z.string().min(1).max(200),
  channel: z.enum(channels),
  lang: z.enum(["ko", "en"]),
  createdAt: instantSchema,
  completedAt: instantSchema,
  flowId: z.string(),
  flowVersion: z.number().int(),
  answers: z.array(intakeAnswerSchema),
  /**
   * Questions answered "몰라요" and questions the conversation skipped as irrelevant (node ids,
   * from the session state). Optional: records without them still read, and the summary then
   * tells "몰라요" from the answer itself (see computeAnswerRows).
   */
  unknown: nodeIdsSchema.optional(),
  skipped: nodeIdsSchema.optional(),
  /** Questions left for after the first result and never answered: the counsellor may ask them. */
  later: nodeIdsSchema.optional(),
  corrections: z.array(intakeCorrectionSchema),
  facts: draftFactsSchema,
  /** The scored services as the rules gave them (the headline and near misses are worked out again from these facts). */
  evaluation: scoredServicesSchema,
  urgent: z.array(z.enum(urgentCodes)),
  loans: z.array(loanAprSchema),
  bookingCode: z.string().optional(),
  appointmentStart: instantSchema.optional(),
  notes: z.array(intakeNoteSchema),
  /** Which once-per-intake analytics events were counted; absent on records older than the flags. */
  counted: intakeCountedSchema.optional(),
  /** The retention job deletes the intake once this instant has passed. */
  deleteAfter: instantSchema,
});
export type Intake = z.infer<typeof intakeSchema>;

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
