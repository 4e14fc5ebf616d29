import { z } from "zod";
import { specialtyValues } from "../../flows/schema/catalog";
import { supportedDate } from "../http/query-values";

const lang = z.enum(["ko", "en"]).optional();

export const slotsQuerySchema = z.strictObject({
  specialty: z.enum(specialtyValues),
  /** A Seoul date; today when left out (earlier dates start today). */
  from: supportedDate.optional(),
  days: z.coerce.number().int().min(1).max(62).optional(),
  lang,
});

/** Shapes only; the service checks the name (1–40 characters), the phone and the slot. */
export const createBookingBodySchema = z.strictObject({
  slotId: z.string().min(1).max(100),
  name: z.string().max(200),
  phone: z.string().min(1).max(40),
  consent: z.literal(true),
  /** The web chat session that led here, if any. */
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, "a web chat session id").optional(),
});

export const codePhoneBodySchema = z.strictObject({
  code: z.string().min(1).max(20),
  phone: z.string().min(1).max(40),
});

export const confirmBodySchema = z.strictObject({
  code: z.string().min(1).max(20),
  phone: z.string().min(1).max(40),
  pin: z.string().regex(/^\d{6}$/, "the 6 digits sent to the phone"),
});

export const rescheduleBodySchema = z.strictObject({
  code: z.string().min(1).max(20),
  phone: z.string().min(1).max(40),
  slotId: z.string().min(1).max(100),
});

/** Visible ASCII, as clients generate them (a UUID is typical). */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7E]{1,200}$/, "1 to 200 visible ASCII characters");

export const langQuerySchema = z.object({ lang }).loose();

