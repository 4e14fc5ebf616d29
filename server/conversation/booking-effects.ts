import { createHash } from "node:crypto";
import { z } from "zod";
import type { DialogEffect, DialogOutcome } from "../../bot/booking/booking-dialog-state";
import { toBookedSummary } from "../../bot/booking/booking-dialog-state";
import type { Slot } from "../../bot/booking/booking-types";
import { specialtyValues } from "../../flows/schema/catalog";
import { DomainError } from "../../bot/errors";
import type { SessionKey } from "../../bot/ports";
import type { BookingBudgets, LimitSource } from "../booking/booking-limits";
import type { BookingService } from "../booking/booking-service";
import type { SupportedLang } from "../i18n/load-locales";
import { toSessionRef } from "../intake/session-ref";

/** Who the chat is to the booking service: a hold owner, an idempotency key and a reference. */
export type ChatBooker = { holderId: string; idempotencyKey: string; sessionRef: string };

/** Where a turn came from, for the limits: the client IP when the channel counts it (not a trusted sender's). */
export type ChatOrigin = { ip?: string };

const alternativesSchema = z.object({
  alternatives: z.array(z.object({
    id: z.string(), start: z.string(), end: z.string(), specialty: z.enum(specialtyValues), remaining: z.number().int(),
  })),
});

/**
 * Performs one effect the booking dialog asked for and reports its outcome as a dialog event.
 * The expected refusals (slot taken, booking exists, not found, not changeable) become events;
 * anything else (a store outage, a bug, a spent budget: RATE_LIMITED) propagates to the channel's
 * error handling. Holds, bookings and code+phone guesses spend from `limits` as on the API.
 */
export async function performBookingEffect(
  bookings: BookingService, booker: ChatBooker, effect: DialogEffect, lang: SupportedLang, limits?: BookingBudgets, origin: ChatOrigin = {},
): Promise<DialogOutcome> {
  const source: LimitSource = { user: booker.holderId, ...(origin.ip === undefined ? {} : { ip: origin.ip }) };
  const budget = limits ?? UNLIMITED;
  try {
    switch (effect.kind) {
      case "listSlots": {
        const slots = await bookings.listSlots({
          specialty: effect.specialty, days: effect.days, holderId: booker.holderId, ...(effect.from !== undefined ? { from: effect.from } : {}),
        });
        return { type: "slots", slots };
      }
      case "hold": {
        await budget.hold(source, () => bookings.hold(effect.slotId, booker.holderId));
        return { type: "held" };
      }
      case "book": {
        const sourceHash = budget.sourceOf(source);
        const { booking } = await budget.book(source, effect.phone, () => bookings.book({
          slotId: effect.slotId, name: effect.name, phone: effect.phone, consent: true,
          sessionRef: booker.sessionRef, idempotencyKey: `${booker.idempotencyKey}:${effect.slotId}`, holderId: booker.holderId, confirmLang: lang,
          ...(sourceHash === undefined ? {} : { sourceHash }),
        }));
        return { type: "booked", booking: toBookedSummary(booking) };
      }
      case "lookup":
        return { type: "found", booking: toBookedSummary(await budget.guess(source, effect.code, effect.phone, () => bookings.lookup(effect.code, effect.phone))) };
      case "cancel":
        return { type: "cancelled", booking: toBookedSummary(await budget.guess(source, effect.code, effect.phone, () => bookings.cancel(effect.code, effect.phone))) };
      case "confirmPhone": {
        const result = await bookings.tryPhoneCode(effect.code, effect.phone, effect.pin);
        if (result.ok) return { type: "booked", booking: toBookedSummary(result.booking) };
        switch (result.reason) {
          case "WRONG_CODE":
            return { type: "wrongCode", triesLeft: result.triesLeft };
          case "ACTIVE_BOOKING_EXISTS":
            return { type: "activeBookingExists" };
          case "LAPSED":
            return { type: "lapsed" };
          case "NOT_PENDING":
            return result.booking.status === "cancelled" ? { type: "lapsed" } : { type: "booked", booking: toBookedSummary(result.booking) };
        }
        break;
      }
      case "reschedule": {
        // The chat's own hold on the new slot would count against it: let it go first.
        await bookings.release(effect.slotId, booker.holderId);
        const moved = await budget.guess(source, effect.code, effect.phone, () => bookings.reschedule(effect.code, effect.phone, effect.slotId));
        return { type: "rescheduled", booking: toBookedSummary(moved) };
      }
    }
  } catch (error) {
    const outcome = refusalOf(error);
    if (outcome === undefined) throw error;
    return outcome;
  }
}

/** No budgets (a ChatService built without limits): the work runs as asked. */
const UNLIMITED: BookingBudgets = {
  hold: (_source, work) => work(),
  book: (_source, _phone, work) => work(),
  guess: (_source, _code, _phone, work) => work(),
  sourceOf: () => undefined,
};

function refusalOf(error: unknown): DialogOutcome | undefined {
  if (!(error instanceof DomainError)) return undefined;
  switch (error.code) {
    case "SLOT_TAKEN":
      return { type: "slotTaken", alternatives: alternativesOf(error.details) };
    case "ACTIVE_BOOKING_EXISTS":
      return { type: "activeBookingExists" };
    case "NOT_FOUND":
      return { type: "notFound" };
    case "BOOKING_NOT_CHANGEABLE":
      return { type: "notChangeable" };
    default:
      return undefined;
  }
}

function alternativesOf(details: unknown): Slot[] {
  const parsed = alternativesSchema.safeParse(details);
  return parsed.success ? parsed.data.alternatives : [];
}

/**
 * The conversation as the booking service sees it. Hashed, so a web session id (a capability) is
 * never stored with holds or bookings; the same conversation always gives the same values.
 */
export function chatBooker(key: SessionKey): ChatBooker {
  const digest = createHash("sha256").update(`${key.channel}:${key.id}`).digest("hex").slice(0, 32);
  return { holderId: `chat:${digest}`, idempotencyKey: `chat:${digest}`, sessionRef: toSessionRef(key) };
}
