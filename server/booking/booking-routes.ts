import type { Request, Response } from "express";
import { Router } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import { publicBookingSchema, slotSchema } from "../../bot/contract/booking-schema";
import type { Booking } from "../../bot/booking/booking-types";
import { DomainError } from "../../bot/errors";
import { validationError } from "../http/error-handler";
import { parseBody } from "../http/json-body";
import type { RateLimitStores } from "../http/rate-limit-store";
import { requestLang } from "../http/request-context";
import { toSessionRef } from "../intake/session-ref";
import type { RegisterPaths } from "../openapi/build-openapi";
import type { BookingLimits, LimitSource } from "./booking-limits";
import type { BookingService } from "./booking-service";
import {
  codePhoneBodySchema, confirmBodySchema, createBookingBodySchema, idempotencyKeySchema, langQuerySchema, rescheduleBodySchema, slotsQuerySchema,
} from "./booking-schemas";

export type BookingRouteDeps = {
  bookings: BookingService;
  /** Per client IP and minute, for every booking endpoint (a guard against guessing codes). */
  perIpPerMinute: number;
  /** Where the limiter counts (shared by every instance with Redis); this process's memory when absent. */
  rateLimitStore?: RateLimitStores;
  /** Day budgets of bookings and the wrong-guess cool-downs, shared with both chats. */
  limits: BookingLimits;
};

/**
 * The booking endpoints of CONTRACT.md, plus POST /api/bookings/ics. The calendar file is a POST
 * with `{code, phone}` in the body rather than GET …?phone=, so phone numbers never land in URLs,
 * access logs, browser history or Referer headers.
 */
export function bookingRoutes(deps: BookingRouteDeps): Router {
  const router = Router();
  const { bookings, limits } = deps;
  // The API has no resident but the phone, which the limits count on their own (book, guesses).
  const sourceOf = (req: Request): LimitSource => (req.ip === undefined ? {} : { ip: req.ip });
  router.use(["/api/slots", "/api/bookings"], rateLimit({
    windowMs: 60_000, limit: deps.perIpPerMinute, standardHeaders: "draft-7", legacyHeaders: false, store: deps.rateLimitStore?.("bookings-ip"),
    handler: (_req, _res, next) => next(new DomainError("RATE_LIMITED", "too many requests")),
  }));

  router.get("/api/slots", async (req, res) => {
    const query = slotsQuerySchema.safeParse(req.query);
    if (!query.success) throw validationError(query.error);
    const { specialty, from, days } = query.data;
    res.json({ slots: await bookings.listSlots({ specialty, from, days }) });
  });

  router.post("/api/bookings", async (req, res) => {
    const body = parseBody(createBookingBodySchema, req.body);
    const source = sourceOf(req);
    const idempotencyKey = idempotencyKeyOf(req);
    const { booking, replayed } = await limits.book(source, body.phone, () => bookings.book({
      slotId: body.slotId, name: body.name, phone: body.phone, consent: body.consent,
      sessionRef: body.sessionId === undefined ? undefined : toSessionRef({ channel: "web", id: body.sessionId }),
      idempotencyKey, address: req.ip ?? "", confirmLang: requestLang(req), sourceHash: limits.sourceOf(source),
    }));
    if (replayed) res.setHeader("Idempotent-Replayed", "true");
    res.status(replayed ? 200 : 201).json({ booking: bookings.toPublicBooking(booking, requestLang(req)) });
  });

  router.post("/api/bookings/confirm", async (req, res) => {
    const body = parseBody(confirmBodySchema, req.body);
    sendBooking(req, res, bookings, await bookings.confirmPhone(body.code, body.phone, body.pin));
  });

  router.post("/api/bookings/lookup", async (req, res) => {
    const body = parseBody(codePhoneBodySchema, req.body);
    sendBooking(req, res, bookings, await limits.guess(sourceOf(req), body.code, body.phone, () => bookings.lookup(body.code, body.phone)));
  });

  router.post("/api/bookings/cancel", async (req, res) => {
    const body = parseBody(codePhoneBodySchema, req.body);
    sendBooking(req, res, bookings, await limits.guess(sourceOf(req), body.code, body.phone, () => bookings.cancel(body.code, body.phone)));
  });

  router.post("/api/bookings/reschedule", async (req, res) => {
    const body = parseBody(rescheduleBodySchema, req.body);
    sendBooking(req, res, bookings, await limits.guess(sourceOf(req), body.code, body.phone, () => bookings.reschedule(body.code, body.phone, body.slotId)));
  });

  router.post("/api/bookings/ics", async (req, res) => {
    const body = parseBody(codePhoneBodySchema, req.body);
    const booking = await limits.guess(sourceOf(req), body.code, body.phone, () => bookings.lookup(body.code, body.phone));
    res.setHeader("Content-Disposition", `attachment; filename="hanbeon-${booking.code}.ics"`);
    res.setHeader("Cache-Control", "no-store");
    res.type("text/calendar; charset=utf-8").send(bookings.toIcs(booking, requestLang(req)));
  });

  return router;
}

function sendBooking(req: Request, res: Response, bookings: BookingService, booking: Booking): void {
  res.setHeader("Cache-Control", "no-store");
  res.json({ booking: bookings.toPublicBooking(booking, requestLang(req)) });
}

function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.get("idempotency-key");
  if (header === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) throw new DomainError("VALIDATION_FAILED", "invalid Idempotency-Key", [{ path: "headers.Idempotency-Key", message: parsed.error.issues[0]?.message ?? "invalid" }]);
  return parsed.data;
}

/** The booking endpoints in the OpenAPI document. */
export const registerBookingPaths: RegisterPaths = (registry, errors) => {
  const json = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
  const problem = (description: string) => json(errors, description);
  const body = <S extends z.ZodType>(schema: S) => ({ body: { required: true, content: { "application/json": { schema } } } });
  const bookingBody = z.object({ booking: publicBookingSchema });
  const common = {
    400: problem("Malformed JSON or no body"), 415: problem("Not application/json"),
    422: problem("Unknown fields, wrong types or invalid values; details lists {path, message}"),
    429: problem("Rate limited (Retry-After): calls per IP and minute, bookings per IP, phone and Seoul day, or a cool-down after wrong code+phone guesses (details.retryAfterSeconds)"),
  };
  const notFound = problem("No booking with this code and phone (which one is wrong is not said)");
  const slotTaken = problem("SLOT_TAKEN: the slot is full or no longer open; details: {reason, alternatives: Slot[]} (nearest open slots)");
  const notChangeable = problem("BOOKING_NOT_CHANGEABLE: the booking has started, ended or was closed");

  registry.registerPath({
    method: "get", path: "/api/slots", summary: "Open appointment slots of a specialty",
    request: { query: slotsQuerySchema },
    responses: { 200: json(z.object({ slots: z.array(slotSchema) }), "Open slots, by start; remaining = places left"), 422: common[422], 429: common[429] },
  });
  registry.registerPath({
    method: "post", path: "/api/bookings", summary: "Book a slot",
    description: "Optional header Idempotency-Key: a retry with the same key and phone within 24 h answers 200 with the first booking (header Idempotent-Replayed: true) and books nothing.",
    request: { headers: z.object({ "Idempotency-Key": idempotencyKeySchema.optional() }), ...body(createBookingBodySchema) },
    responses: {
      201: json(bookingBody, "Booked"), 200: json(bookingBody, "An idempotent retry: the booking made the first time"),
      409: problem("SLOT_TAKEN (details: {reason, alternatives: Slot[]}; decided before the phone, the same for every phone) or ACTIVE_BOOKING_EXISTS (details.howToChange; only to the owner of the phone's booking, docs/booking.md)"), ...common,
    },
  });
  registry.registerPath({
    method: "post", path: "/api/bookings/confirm", summary: "Confirm a booking's phone with the 6-digit code sent to it (added; only with phone confirmation on)",
    description: "With a notifier configured, POST /api/bookings answers a booking with phoneConfirmed: false and confirmBy; it lapses (cancelled) unless confirmed by then. A few wrong codes lapse it too.",
    request: body(confirmBodySchema),
    responses: {
      200: json(bookingBody, "The booking, phoneConfirmed: true (again: the same)"), 404: notFound,
      409: problem("ACTIVE_BOOKING_EXISTS (the proven phone has another booking; this one is cancelled) or BOOKING_NOT_CHANGEABLE (details.reason: confirmation_lapsed, not_waiting_for_code)"),
      ...common, 422: problem("Unknown fields, or a wrong code (details: [{path: 'pin', message: '… tries left'}])"),
    },
  });
  registry.registerPath({
    method: "post", path: "/api/bookings/lookup", summary: "Find a booking by code and phone",
    request: body(codePhoneBodySchema), responses: { 200: json(bookingBody, "The booking"), 404: notFound, ...common },
  });
  registry.registerPath({
    method: "post", path: "/api/bookings/cancel", summary: "Cancel a booking that has not started (again: answers it cancelled)",
    request: body(codePhoneBodySchema), responses: { 200: json(bookingBody, "The booking, status cancelled"), 404: notFound, 409: notChangeable, ...common },
  });
  registry.registerPath({
    method: "post", path: "/api/bookings/reschedule", summary: "Move a booking that has not started to another slot",
    request: body(rescheduleBodySchema),
    responses: { 200: json(bookingBody, "The moved booking"), 404: notFound, 409: problem(`${slotTaken.description}; or BOOKING_NOT_CHANGEABLE`), ...common },
  });
  registry.registerPath({
    method: "post", path: "/api/bookings/ics", summary: "The booking as an iCalendar file (POST so the phone stays out of URLs)",
    request: { query: langQuerySchema, ...body(codePhoneBodySchema) },
    responses: { 200: { description: "text/calendar; times in UTC (…Z); no name or phone inside", content: { "text/calendar": { schema: z.string() } } }, 404: notFound, ...common },
  });
};
