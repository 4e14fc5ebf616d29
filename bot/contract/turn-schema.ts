import { z } from "zod";
import { urgentCodes } from "../../flows/schema/catalog";
import { publicBookingSchema } from "./booking-schema";
import { evaluationSchema } from "./evaluation-schema";

/** One urgent item as channels show it: a call button ("자살예방상담 109") and the number it dials. */
export const urgentItemSchema = z.object({
  code: z.enum(urgentCodes),
  label: z.string(),
  /** Digits as dialled (a tel: link or a phone button). */
  phone: z.string().regex(/^[0-9-]{3,20}$/),
});

/**
 * The contract's Turn, text already in the conversation's language: declared once, used by the
 * server, the Botpress relay, the tests and (through the generated types) the browser code.
 * `urgent` is added to the contract: the urgent help active in this conversation, on every turn.
 */
export const turnSchema = z.object({
  messages: z.array(z.object({ text: z.string() })),
  options: z.array(z.object({ id: z.string(), label: z.string() })),
  input: z.object({ kind: z.enum(["choice", "multi", "text", "money", "number", "date", "phone", "none"]), hint: z.string().optional() }),
  progress: z.object({ answered: z.number().int(), estimatedTotal: z.number().int() }).optional(),
  done: z.boolean(),
  evaluation: evaluationSchema.optional(),
  /** Once booked (or a booking was found, changed or cancelled) in the chat. */
  booking: publicBookingSchema.optional(),
  urgent: z.array(urgentItemSchema),
  /** Added: this turn erased the conversation; its session id no longer answers (start a new one). */
  erased: z.literal(true).optional(),
});
export type Turn = z.infer<typeof turnSchema>;
export type UrgentItemView = z.infer<typeof urgentItemSchema>;
