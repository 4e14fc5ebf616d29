import { z } from "zod";
import { urgentCodes } from "../../flows/schema/catalog";
import { MAX_COUNTED } from "../analytics/compute-flow-events";
import { bookingDialogStateSchema } from "../booking/booking-dialog-state";
import { eraseStateSchema } from "./erase-dialog";
import { sessionStateSchema } from "./session-state";

/** What a session store keeps per conversation: the engine state and channel bookkeeping. Stores parse what they read back with it. */
export const storedSessionSchema = z.strictObject({
  state: sessionStateSchema,
  /** Channel-specific view state, such as which page of quick replies Kakao shows. */
  view: z.strictObject({ optionPage: z.number().int().min(0) }),
  /** A booking dialog under way (or just finished) after the triage, or "예약 확인" at any time. */
  booking: bookingDialogStateSchema.optional(),
  /** The analytics events this conversation has already counted (event names only: node and service ids). */
  analyticsCounted: z.array(z.string().max(200)).max(MAX_COUNTED).optional(),
  /**
   * Urgent help raised in this conversation (by answers or by words the resident typed): it
   * stays on every turn until the conversation is erased, whatever happens to the answers.
   */
  urgent: z.array(z.enum(urgentCodes)).max(urgentCodes.length).optional(),
  /** "Erase" asked while the conversation has an upcoming booking: waiting for "cancel it too?". */
  erasing: eraseStateSchema.optional(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;
