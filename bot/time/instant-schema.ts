import { z } from "zod";

/** An ISO instant with its offset, as records keep it: slot times to the minute ("2026-12-03T10:00+09:00"), clock times to the millisecond. */
export const instantSchema = z.union([z.iso.datetime({ offset: true, precision: -1 }), z.iso.datetime({ offset: true })]);
