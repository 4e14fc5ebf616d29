import { z } from "zod";
import { bookingDialogStateSchema } from "../../bot/booking/booking-dialog-state";
import { sessionStateSchema } from "../../bot/conversation/session-state";
import type { StoredSession } from "../../bot/ports";

export const storedSessionSchema: z.ZodType<StoredSession> = z.strictObject({
  state: sessionStateSchema,
  view: z.strictObject({ optionPage: z.number().int().min(0) }),
  booking: bookingDialogStateSchema.optional(),
});

/** Called when a stored record does not parse: what to report, never the record itself. */
export type CorruptRecordReporter = (where: { store: string; key: string; issues: number }) => void;

/** Parses a stored JSON text; undefined (and a report) when it is not a valid session. */
export function parseStoredSession(text: string, store: string, key: string, report: CorruptRecordReporter): StoredSession | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    report({ store, key, issues: 1 });
    return undefined;
  }
  const parsed = storedSessionSchema.safeParse(data);
  if (!parsed.success) {
    report({ store, key, issues: parsed.error.issues.length });
    return undefined;
  }
  return parsed.data;
}
