import { bookingStatuses } from "../../bot/booking/booking-types";
import { z } from "zod";
import { specialtyValues } from "../../flows/schema/catalog";
import { supportedDate } from "../http/query-values";

const lang = z.enum(["ko", "en"]).optional();

/** `from`/`to` are Seoul dates, both included; default today and the next 7 days. */
export const appointmentsQuerySchema = z.strictObject({
  from: supportedDate.optional(),
  to: supportedDate.optional(),
  specialty: z.enum(specialtyValues).optional(),
  code: z.string().min(1).max(20).optional(),
  lang,
});

export const intakeQuerySchema = z.strictObject({ lang });

export const intakeIdSchema = z.uuid();

export const bookingStatusBodySchema = z.strictObject({ status: z.enum(["arrived", "no_show", "done", "cancelled"]) });

export const noteBodySchema = z.strictObject({ text: z.string().trim().min(1).max(2000) });

export const correctionBodySchema = z.strictObject({
  nodeId: z.string().regex(/^[a-z][a-z0-9_]*$/, "a question id").max(100),
  /** What the answer should have been: a number, text, yes/no, or a list (as the question saves it). */
  value: z.union([z.string().max(2000), z.number(), z.boolean(), z.null(), z.array(z.union([z.string().max(200), z.number(), z.boolean()])).max(50)]),
  note: z.string().trim().min(1).max(500).optional(),
});

export const appointmentSchema = z.object({
  code: z.string(),
  start: z.string(),
  end: z.string(),
  specialty: z.enum(specialtyValues),
  status: z.enum(bookingStatuses),
  name: z.string(),
  /** "010-****-5678"; empty when the booking keeps no number to show. */
  phoneMasked: z.string(),
  /**
   * Whether whoever booked proved the phone with a code sent to it: false for chat bookings and
   * for API bookings without a notifier (call to check), absent on records from before. While a
   * code waits, `confirmBy` is when the booking lapses.
   */
  phoneConfirmed: z.boolean().optional(),
  confirmBy: z.string().optional(),
  intakeId: z.string().optional(),
  urgentFlags: z.array(z.string()),
  /** Active bookings (confirmed, not ended) from the same source as this one: a keyed hash of the client IP; 0 when unknown. */
  sameSource: z.number().int(),
  /** sameSource reached FLOOD_BOOKINGS_PER_SOURCE: many bookings from one source, perhaps someone booking out the calendar. */
  flood: z.boolean(),
});

export const questionCorrectionsSchema = z.object({
  questions: z.array(z.object({ nodeId: z.string(), questionKey: z.string(), count: z.number().int() })),
});
