import type { Request, Response } from "express";
import { Router } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import { publicBookingSchema, slotSchema } from "../../bot/contract/booking-schema";
import type { Booking } from "../../bot/booking/booking-types";
import { DomainError } from "../../bot/errors";
import type { Route } from "../http/define-route";
import { AnswerWithStatus, NO_BODY, NO_JSON, NO_PARAMS, NO_QUERY, TextAnswer, defineRoute, mountRoutes } from "../http/define-route";
import type { RateLimitStores } from "../http/rate-limit-store";
import { requestLang } from "../http/request-context";
import { toSessionRef } from "../intake/session-ref";
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
export function bookingRoutes(deps: BookingRouteDeps): { router: Router; routes: Route[] } {
  const { bookings, limits } = deps;
  // The API has no resident but the phone, which the limits count on their own (book, guesses).
  const sourceOf = (req: Request): LimitSource => (req.ip === undefined ? {} : { ip: req.ip });
  const bookingBody = z.object({ booking: publicBookingSchema });
  const common = {
    400: "Malformed JSON or no body", 415: "Not application/json",
    422: "Unknown fields, wrong types or invalid values; details lists {path, message}",
    429: "Rate limited (Retry-After): calls per IP and minute, bookings per IP, phone and Seoul day, or a cool-down after wrong code+phone guesses (details.retryAfterSeconds)",
  } as const;
  const notFound = "No booking with this code and phone (which one is wrong is not said)";
  const slotTaken = "SLOT_TAKEN: the slot is full or no longer open; details: {reason, alternatives: Slot[]} (nearest open slots)";
  const answer = (req: Request, res: Response, booking: Booking) => {
    res.setHeader("Cache-Control", "no-store");
    return { booking: bookings.toPublicBooking(booking, requestLang(req)) };
  };
  const codePhoneRoute = (path: string, summary: string, description: string, problems: { 409?: string }, act: (code: string, phone: string) => Promise<Booking>) => defineRoute({
    method: "post", path, summary, body: { schema: codePhoneBodySchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
    success: { status: 200, description, schema: bookingBody }, problems: { 404: notFound, ...problems, ...common },
    handle: async ({ body, req, res }) => answer(req, res, await limits.guess(sourceOf(req), body.code, body.phone, () => act(body.code, body.phone))),
  });
  const routes: Route[] = [
    defineRoute({
      method: "get", path: "/api/slots", summary: "Open appointment slots of a specialty",
      body: NO_BODY, query: slotsQuerySchema, params: { schema: NO_PARAMS },
      success: { status: 200, description: "Open slots, by start; remaining = places left", schema: z.object({ slots: z.array(slotSchema) }) },
      problems: { 422: common[422], 429: common[429] },
      handle: async ({ query }) => ({ slots: await bookings.listSlots({ specialty: query.specialty, from: query.from, days: query.days }) }),
    }),
    defineRoute({
      method: "post", path: "/api/bookings", summary: "Book a slot",
      description: "Optional header Idempotency-Key: a retry with the same key and phone within 24 h answers 200 with the first booking (header Idempotent-Replayed: true) and books nothing.",
      headers: z.object({ "Idempotency-Key": idempotencyKeySchema.optional() }),
      body: { schema: createBookingBodySchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 201, description: "Booked", schema: bookingBody, also: { status: 200, description: "An idempotent retry: the booking made the first time" } },
      problems: {
        409: "SLOT_TAKEN (details: {reason, alternatives: Slot[]}; decided before the phone, the same for every phone) or ACTIVE_BOOKING_EXISTS (details.howToChange; only to the owner of the phone's booking, docs/booking.md)",
        ...common,
      },
      handle: async ({ body, req, res }) => {
        const source = sourceOf(req);
        const idempotencyKey = idempotencyKeyOf(req);
        const { booking, replayed } = await limits.book(source, body.phone, () => bookings.book({
          slotId: body.slotId, name: body.name, phone: body.phone, consent: body.consent,
          sessionRef: body.sessionId === undefined ? undefined : toSessionRef({ channel: "web", id: body.sessionId }),
          idempotencyKey, address: req.ip ?? "", confirmLang: requestLang(req), sourceHash: limits.sourceOf(source),
        }));
        if (replayed) res.setHeader("Idempotent-Replayed", "true");
        const value = { booking: bookings.toPublicBooking(booking, requestLang(req)) };
        return replayed ? new AnswerWithStatus(200, value) : value;
      },
    }),
    defineRoute({
      method: "post", path: "/api/bookings/confirm", summary: "Confirm a booking's phone with the 6-digit code sent to it (added; only with phone confirmation on)",
      description: "With a notifier configured, POST /api/bookings answers a booking with phoneConfirmed: false and confirmBy; it lapses (cancelled) unless confirmed by then. A few wrong codes lapse it too.",
      body: { schema: confirmBodySchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "The booking, phoneConfirmed: true (again: the same)", schema: bookingBody },
      problems: {
        404: notFound,
        409: "ACTIVE_BOOKING_EXISTS (the proven phone has another booking; this one is cancelled) or BOOKING_NOT_CHANGEABLE (details.reason: confirmation_lapsed, not_waiting_for_code)",
        ...common, 422: "Unknown fields, or a wrong code (details: [{path: 'pin', message: '… tries left'}])",
      },
      // A wrong code+phone counts as a guess like a lookup (the pin has its own few tries).
      handle: async ({ body, req, res }) => answer(req, res, await limits.guess(sourceOf(req), body.code, body.phone, () => bookings.confirmPhone(body.code, body.phone, body.pin))),
    }),
    codePhoneRoute("/api/bookings/lookup", "Find a booking by code and phone", "The booking", {}, (code, phone) => bookings.lookup(code, phone)),
    codePhoneRoute("/api/bookings/cancel", "Cancel a booking that has not started (again: answers it cancelled)", "The booking, status cancelled",
      { 409: "BOOKING_NOT_CHANGEABLE: the booking has started, ended or was closed" }, (code, phone) => bookings.cancel(code, phone)),
    defineRoute({
      method: "post", path: "/api/bookings/reschedule", summary: "Move a booking that has not started to another slot",
      body: { schema: rescheduleBodySchema }, query: NO_QUERY, params: { schema: NO_PARAMS },
      success: { status: 200, description: "The moved booking", schema: bookingBody },
      problems: { 404: notFound, 409: `${slotTaken}; or BOOKING_NOT_CHANGEABLE`, ...common },
      handle: async ({ body, req, res }) => answer(req, res, await limits.guess(sourceOf(req), body.code, body.phone, () => bookings.reschedule(body.code, body.phone, body.slotId))),
    }),
    defineRoute({
      method: "post", path: "/api/bookings/ics", summary: "The booking as an iCalendar file (POST so the phone stays out of URLs)",
      body: { schema: codePhoneBodySchema }, query: langQuerySchema, params: { schema: NO_PARAMS },
      success: { status: 200, description: "text/calendar; times in UTC (…Z); no name or phone inside", schema: NO_JSON, text: ["text/calendar"] },
      problems: { 404: notFound, ...common },
      handle: async ({ body, req, res }) => {
        const booking = await limits.guess(sourceOf(req), body.code, body.phone, () => bookings.lookup(body.code, body.phone));
        res.setHeader("Content-Disposition", `attachment; filename="hanbeon-${booking.code}.ics"`);
        res.setHeader("Cache-Control", "no-store");
        return new TextAnswer("text/calendar", bookings.toIcs(booking, requestLang(req)));
      },
    }),
  ];
  const router = Router();
  router.use(["/api/slots", "/api/bookings"], rateLimit({
    windowMs: 60_000, limit: deps.perIpPerMinute, standardHeaders: "draft-7", legacyHeaders: false, store: deps.rateLimitStore?.("bookings-ip"),
    handler: (_req, _res, next) => next(new DomainError("RATE_LIMITED", "too many requests")),
  }));
  return { router: mountRoutes(router, routes), routes };
}

function idempotencyKeyOf(req: Request): string | undefined {
  const header = req.get("idempotency-key");
  if (header === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) throw new DomainError("VALIDATION_FAILED", "invalid Idempotency-Key", [{ path: "headers.Idempotency-Key", message: parsed.error.issues[0]?.message ?? "invalid" }]);
  return parsed.data;
}
