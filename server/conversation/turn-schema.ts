import { z } from "zod";
import { publicBookingSchema } from "../booking/booking-schemas";
import { evaluationSchema } from "../triage/evaluation-schema";

/** The contract's Turn: text already in the session's language. */
export const turnSchema = z.object({
  messages: z.array(z.object({ text: z.string() })),
  options: z.array(z.object({ id: z.string(), label: z.string() })),
  input: z.object({ kind: z.enum(["choice", "multi", "text", "money", "number", "date", "phone", "none"]), hint: z.string().optional() }),
  progress: z.object({ answered: z.number().int(), estimatedTotal: z.number().int() }).optional(),
  done: z.boolean(),
  evaluation: evaluationSchema.optional(),
  /** Once booked (or a booking was found, changed or cancelled) in the chat. */
  booking: publicBookingSchema.optional(),
});
export type Turn = z.infer<typeof turnSchema>;
