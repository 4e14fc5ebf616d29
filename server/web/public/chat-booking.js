// @ts-check
// The booking parts of the chat page: the booking card shown in the conversation once booked, and
// its "add to calendar" button. Text goes in through textContent only, like everywhere else.
import { el } from "../shared/el.js";
import { formatMessage } from "../shared/format-message.js";
import { chatApi } from "./chat-api.js";

/** @typedef {import("../../../bot/contract/booking-schema").PublicBooking} PublicBooking */
/** @typedef {import("../shared/format-message.js").Strings} Strings */
/** @typedef {import("../shared/format-message.js").Lang} Lang */

/**
 * The calendar file is saved through a short-lived blob link.
 * @param {PublicBooking} booking
 * @param {string} phone
 * @param {Lang} lang
 */
async function downloadIcs(booking, phone, lang) {
  const reply = await chatApi.calendar(booking.code, phone, lang);
  if (!reply.ok || !reply.blob) return false;
  const url = URL.createObjectURL(reply.blob);
  const link = el("a", { attrs: { href: url, download: `hanbeon-${booking.code}.ics`, hidden: true } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/**
 * Appends the booking card to the conversation: code, date and time as the resident reads them
 * ("12월 4일 (금) 오후 2시", the one message format's Seoul time), place, and, while the booking
 * stands and the page knows the phone typed in this visit, an "add to calendar" button.
 * @param {HTMLElement} log
 * @param {PublicBooking} booking
 * @param {Strings} strings
 * @param {{ lang: Lang, phone: string | null }} context
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
  fact("booking.when", formatMessage("{{start, datetime}}", { start: booking.start }, { lang }), "booking-when");
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
