// The appointment list: one table, a row group per Seoul day, rows by time; every row opens the
// booking's intake summary.
import { el } from "../shared/el.js";
import { format } from "../shared/format-message.js";
import { dayLabel, dayOf, flagCodes, label, timeLabel } from "./console-format.js";

const COLUMNS = 8;

/** Appointments from the API body, in time order, whatever the server's list key is. */
export function appointmentsFrom(body) {
  const list = Array.isArray(body?.appointments) ? body.appointments : Array.isArray(body?.items) ? body.items : [];
  return [...list].sort((a, b) => String(a.start).localeCompare(String(b.start)));
}

export const bookingHref = (code) => `#/booking/${encodeURIComponent(code)}`;

function flagsCell(appointment, strings) {
  const cell = el("td", { className: "cell-flags" });
  for (const code of flagCodes(appointment.urgentFlags ?? appointment.urgent)) cell.append(el("span", { className: "flag", text: label(strings, "urgentFlag", code) }));
  // Many active bookings from one source (a keyed hash of the address): perhaps someone booking out the calendar.
  if (appointment.flood === true) {
    const count = Number(appointment.sameSource) || 0;
    cell.append(el("span", { className: "flag flag-flood", text: format(strings, "list.flood", { count }), attrs: { title: format(strings, "list.floodHint", { count }) } }));
  }
  return cell;
}

/** The masked number, marked when whoever booked has not proven it (docs/booking.md: the phone oracle). */
function phoneCell(appointment, strings) {
  const cell = el("td", { className: "mono", text: appointment.phoneMasked ?? appointment.phone ?? "" });
  if (appointment.phoneConfirmed === false) {
    const pending = typeof appointment.confirmBy === "string";
    cell.append(" ", el("span", {
      className: "mark-phone", text: strings[pending ? "list.phonePending" : "list.phoneUnconfirmed"],
      attrs: { title: strings["list.phoneUnconfirmedHint"] ?? "" },
    }));
  }
  return cell;
}

function row(appointment, strings) {
  const name = appointment.name ?? "";
  const status = appointment.status ?? "";
  const open = el("a", {
    className: "open-link", text: strings["list.open"],
    attrs: { href: bookingHref(appointment.code), "aria-label": format(strings, "list.openLabel", { name, code: appointment.code }) },
  });
  const urgent = flagCodes(appointment.urgentFlags ?? appointment.urgent).length > 0;
  return el("tr", { className: urgent ? "row-urgent" : undefined, attrs: { "data-code": appointment.code, "data-status": status } }, [
    el("th", { text: `${timeLabel(appointment.start)}–${timeLabel(appointment.end)}`, attrs: { scope: "row" } }),
    el("td", { className: "mono", text: appointment.code }),
    el("td", { text: label(strings, "specialty", appointment.specialty) }),
    el("td", { text: name }),
    phoneCell(appointment, strings),
    el("td", {}, [el("span", { className: `status status-${status}`, text: label(strings, "status", status) })]),
    flagsCell(appointment, strings),
    el("td", {}, [open]),
  ]);
}

/** Replaces the table's row groups with one per day; returns how many rows were drawn. */
export function renderList(table, appointments, strings, lang) {
  for (const body of [...table.tBodies]) body.remove();
  const byDay = new Map();
  for (const appointment of appointments) {
    const day = dayOf(appointment.start);
    if (!byDay.has(day)) byDay.set(day, []);
    byDay.get(day).push(appointment);
  }
  for (const [day, rows] of byDay) {
    const group = el("tbody", { attrs: { "data-day": day } }, [
      el("tr", { className: "day-row" }, [el("th", { text: dayLabel(day, lang), attrs: { colspan: COLUMNS, scope: "rowgroup" } })]),
      ...rows.map((appointment) => row(appointment, strings)),
    ]);
    table.append(group);
  }
  return appointments.length;
}
