// @ts-check
// The booking parts of the chat page: the booking card shown in the conversation once booked, and
// its "add to calendar" button. Text goes in through textContent only, like everywhere else.
import { el } from "./chat-render.js";

/** @typedef {import("../../../bot/contract/booking-schema").PublicBooking} PublicBooking */
/** @typedef {import("./chat-render.js").Strings} Strings */

/**
 * A Seoul time as the resident reads it: "12월 4일 (금) 오전 11:00" or "Fri, Dec 4, 11:00 AM".
 * @param {string} start
 * @param {"ko" | "en"} lang
 */
function formatWhen(start, lang) {
  const date = new Date(start);
  if (Number.isNaN(date.getTime())) return start;
  return new Intl.DateTimeFormat(lang === "en" ? "en-US" : "ko-KR", {
    timeZone: "Asia/Seoul", month: "short", day: "numeric", weekday: "short", hour: "numeric", minute: "2-digit",
  }).format(date);
}

/**
 * The calendar file comes from POST /api/bookings/ics with the code and the phone (so the phone
 * never lands in a URL); the answer is saved through a short-lived blob link.
 * @param {PublicBooking} booking
 * @param {string} phone
 * @param {"ko" | "en"} lang
 */
async function downloadIcs(booking, phone, lang) {
  let response;
  try {
    response = await fetch(`/api/bookings/ics?lang=${encodeURIComponent(lang)}`, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "text/calendar" }, cache: "no-store",
      credentials: "same-origin", body: JSON.stringify({ code: booking.code, phone }),
    });
  } catch {
    return false;
  }
  if (!response.ok) return false;
  const url = URL.createObjectURL(await response.blob());
  const link = el("a", { attrs: { href: url, download: `hanbeon-${booking.code}.ics`, hidden: "" } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/**
 * Appends the booking card to the conversation: code, date and time, place, and, while the
 * booking stands and the page knows the phone typed in this visit, an "add to calendar" button.
 * @param {HTMLElement} log
 * @param {PublicBooking} booking
 * @param {Strings} strings
 * @param {{ lang: "ko" | "en", phone: string | null }} context
 */
export function appendBookingCard(log, booking, strings, { lang, phone }) {
  const card = el("section", { className: "booking-card", attrs: { "data-booking-code": booking.code, "data-status": booking.status } });
  card.append(el("h3", { className: "booking-title", text: strings[booking.status === "cancelled" ? "booking.cancelledHeading" : "booking.heading"] ?? "" }));
  const facts = el("dl", { className: "booking-facts" });
  /** @param {string} key @param {string} value @param {string} className */
  const fact = (key, value, className) => {
    facts.append(el("dt", { text: strings[key] ?? "" }), el("dd", { className, text: value }));
  };
  fact("booking.code", booking.code, "booking-code");
  fact("booking.when", formatWhen(booking.start, lang), "booking-when");
  fact("booking.where", booking.location, "booking-where");
  card.append(facts);
  if (booking.status === "confirmed" && phone) {
    const status = el("p", { className: "booking-note", attrs: { "aria-live": "polite" } });
    const button = el("button", { className: "button button-secondary booking-calendar", text: strings["booking.calendar"] ?? "", attrs: { type: "button" } });
    button.addEventListener("click", async () => {
      status.textContent = (await downloadIcs(booking, phone, lang)) ? strings["booking.calendarDone"] ?? "" : strings["booking.calendarFailed"] ?? "";
    });
    card.append(button, status);
  }
  log.append(card);
  return card;
}
