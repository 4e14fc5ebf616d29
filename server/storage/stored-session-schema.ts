import { z } from "zod";
import { MAX_COUNTED } from "../../bot/analytics/compute-flow-events";
import { bookingDialogStateSchema } from "../../bot/booking/booking-dialog-state";
import { eraseStateSchema } from "../../bot/conversation/erase-dialog";
import { sessionStateSchema } from "../../bot/conversation/session-state";
import type { StoredSession } from "../../bot/ports";
import { urgentCodes } from "../../flows/schema/catalog";

export const storedSessionSchema: z.ZodType<StoredSession> = z.strictObject({
  state: sessionStateSchema,
  view: z.strictObject({ optionPage: z.number().int().min(0) }),
  booking: bookingDialogStateSchema.optional(),
  analyticsCounted: z.array(z.string().max(200)).max(MAX_COUNTED).optional(),
  urgent: z.array(z.enum(urgentCodes)).max(urgentCodes.length).optional(),
  erasing: eraseStateSchema.optional(),
});
