import { createEvent } from "ics";
import type { Booking } from "../../bot/booking/booking-types";
import type { Translate } from "../i18n/create-translator";

const SEQUENCE_EPOCH_MS = Date.parse("2026-01-01T00:00:00Z");

/**
 * A booking as an iCalendar file (RFC 5545) for the resident's calendar app. Start and end are
 * written as UTC instants ("…Z"), which every calendar shows in its own zone: 10:00 in Seoul is
 * DTSTART:…T010000Z. Title, description and location come from the locales with the center's
 * details; the resident's name and phone never go into the file (it is often forwarded).
 */
export function toIcs(booking: Booking, t: Translate): string {
  const specialty = t(`booking.specialty.${booking.specialty}`);
  const result = createEvent({
    uid: `${booking.id}@hanbeon`,
    productId: "hanbeon/booking",
    calName: t("booking.ics.calendarName"),
    start: Date.parse(booking.start),
    startInputType: "utc",
    startOutputType: "utc",
    end: Date.parse(booking.end),
    endInputType: "utc",
    endOutputType: "utc",
    title: t("booking.ics.title", { specialty }),
    description: t("booking.ics.description", { code: booking.code }),
    location: t("booking.location"),
    status: booking.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    busyStatus: "BUSY",
    // Calendars replace an imported event with the same UID only when SEQUENCE grows: seconds
    // since 2026 grow with every change and stay far below the 32-bit limit some readers have.
    sequence: Math.max(0, Math.floor((Date.parse(booking.updatedAt) - SEQUENCE_EPOCH_MS) / 1000)),
    created: Date.parse(booking.createdAt),
    lastModified: Date.parse(booking.updatedAt),
  });
  if (result.error || result.value === null) throw new Error("could not write the calendar file", { cause: result.error ?? undefined });
  return result.value;
}
