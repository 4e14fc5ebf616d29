// The schedule page's form: draws every part of a schedule (weekly hours, specialties, holidays,
// closures, booking rules) from a plain state object that its inputs edit in place, reads it back
// as the PUT body, and shows the server's problems next to the field each one names. Each field
// carries `data-path` in the server's spelling ("weeklyHours.mon.1.from", holidays and closures
// by date: "holidays.2026-12-25.name"), so redraw the form before showing problems.
import { el } from "./admin-common.js";

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const TIME_PATTERN = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00";
let uid = 0;

/** The row key of a dated item in problem paths: its date, or its index while it has none. */
function datedKey(item, index) {
  return typeof item.date === "string" && item.date.length > 0 ? item.date : String(index);
}

/** A labelled input bound to `read`/`write`; `path` names it for problems. */
function field({ label, ariaLabel, path, type = "text", value, write, hint, attrs = {}, onChange }) {
  const id = `f${++uid}`;
  const hintId = hint ? `${id}-hint` : null;
  const input = el("input", {
    id, type, class: "input", "aria-label": ariaLabel ?? null, "aria-describedby": hintId, dataset: { path }, ...attrs,
    ...(type === "checkbox" ? { checked: value === true } : { value: value ?? "" }),
    onInput: (event) => {
      write(type === "checkbox" ? event.target.checked : event.target.value);
      onChange();
    },
  });
  return el("div", { class: `field field-${type}`, dataset: { path } },
    el("label", { for: id, class: "field-label" }, label), input, hint ? el("p", { id: hintId, class: "field-hint" }, hint) : null);
}

const numberOrNull = (text) => (text.trim() === "" ? null : Number(text));

function timeField(t, label, ariaLabel, path, value, write, onChange) {
  return field({
    label, ariaLabel, path, value, write, onChange,
    attrs: { inputmode: "numeric", autocomplete: "off", maxlength: "5", placeholder: "HH:MM", pattern: TIME_PATTERN, size: "6" },
  });
}

function hoursSection(state, t, redraw, onChange) {
  const days = WEEKDAYS.map((day) => {
    const name = t(`adminSchedule.weekday.${day}`);
    const intervals = state.weeklyHours[day];
    const rows = intervals.map((interval, index) => {
      const n = index + 1;
      const path = `weeklyHours.${day}.${index}`;
      return el("div", { class: "schedule-row", dataset: { path } },
        timeField(t, t("adminSchedule.hours.fromShort"), t("adminSchedule.hours.from", { day: name, n }), `${path}.from`, interval.from, (v) => { interval.from = v.trim(); }, onChange),
        timeField(t, t("adminSchedule.hours.toShort"), t("adminSchedule.hours.to", { day: name, n }), `${path}.to`, interval.to, (v) => { interval.to = v.trim(); }, onChange),
        el("button", { type: "button", class: "button button-secondary button-small", "aria-label": t("adminSchedule.hours.remove", { day: name, n }),
          onClick: () => { intervals.splice(index, 1); redraw(); } }, t("adminSchedule.remove")));
    });
    return el("fieldset", { class: "schedule-day", dataset: { path: `weeklyHours.${day}` } },
      el("legend", {}, name),
      rows.length ? rows : el("p", { class: "schedule-empty" }, t("adminSchedule.hours.closed")),
      el("button", { type: "button", class: "button button-secondary button-small", dataset: { add: `hours-${day}` },
        onClick: () => { intervals.push({ from: "", to: "" }); redraw(`weeklyHours.${day}.${intervals.length - 1}.from`); } },
      t("adminSchedule.hours.add", { day: name })));
  });
  return section("hours", t("adminSchedule.hours.heading"), t("adminSchedule.hours.hint"), days);
}

function specialtiesSection(state, t, onChange) {
  const items = Object.entries(state.specialties).map(([specialty, values]) => el("fieldset", { class: "schedule-specialty", dataset: { path: `specialties.${specialty}` } },
    el("legend", {}, t(`adminSchedule.specialty.${specialty}`)),
    field({ label: t("adminSchedule.specialties.counsellors"), path: `specialties.${specialty}.counsellors`, type: "number", value: values.counsellors,
      attrs: { min: "0", step: "1", inputmode: "numeric" }, write: (v) => { values.counsellors = numberOrNull(v); }, onChange }),
    field({ label: t("adminSchedule.specialties.slotMinutes"), path: `specialties.${specialty}.slotMinutes`, type: "number", value: values.slotMinutes,
      attrs: { min: "5", step: "5", inputmode: "numeric" }, write: (v) => { values.slotMinutes = numberOrNull(v); }, onChange })));
  return section("specialties", t("adminSchedule.specialties.heading"), t("adminSchedule.specialties.hint"), items);
}

function holidaysSection(state, t, redraw, onChange) {
  const rows = state.holidays.map((holiday, index) => {
    const path = `holidays.${datedKey(holiday, index)}`;
    return el("div", { class: "schedule-row", dataset: { path } },
      field({ label: t("adminSchedule.holidays.date"), path: `${path}.date`, type: "date", value: holiday.date, write: (v) => { holiday.date = v; }, onChange }),
      field({ label: t("adminSchedule.holidays.name"), path: `${path}.name`, value: holiday.name, attrs: { maxlength: "80" }, write: (v) => { holiday.name = v; }, onChange }),
      field({ label: t("adminSchedule.holidays.substitute"), path: `${path}.substitute`, type: "checkbox", value: holiday.substitute,
        write: (v) => { if (v) holiday.substitute = true; else delete holiday.substitute; }, onChange }),
      el("button", { type: "button", class: "button button-secondary button-small", "aria-label": t("adminSchedule.holidays.remove", { date: holiday.date || "—" }),
        onClick: () => { state.holidays.splice(index, 1); redraw(); } }, t("adminSchedule.remove")));
  });
  const source = field({ label: t("adminSchedule.holidays.source"), path: "holidaySource", value: state.holidaySource, attrs: { maxlength: "300" },
    write: (v) => { state.holidaySource = v; }, onChange });
  const add = el("button", { type: "button", class: "button button-secondary", dataset: { add: "holiday" },
    onClick: () => { state.holidays.push({ date: "", name: "" }); redraw(`holidays.${state.holidays.length - 1}.date`); } }, t("adminSchedule.holidays.add"));
  const list = el("details", { class: "schedule-list", open: state.holidays.length <= 12 },
    el("summary", {}, t("adminSchedule.holidays.count", { count: state.holidays.length })),
    rows.length ? rows : el("p", { class: "schedule-empty" }, t("adminSchedule.holidays.empty")));
  return section("holidays", t("adminSchedule.holidays.heading"), null, [source, list, add]);
}

function closuresSection(state, t, redraw, onChange) {
  const optional = (closure, key) => (v) => {
    if (v.trim() === "") delete closure[key];
    else closure[key] = key === "reason" ? v : v.trim();
  };
  const rows = state.closures.map((closure, index) => {
    const path = `closures.${datedKey(closure, index)}`;
    return el("div", { class: "schedule-row", dataset: { path } },
      field({ label: t("adminSchedule.closures.date"), path: `${path}.date`, type: "date", value: closure.date, write: (v) => { closure.date = v; }, onChange }),
      timeField(t, t("adminSchedule.closures.from"), null, `${path}.from`, closure.from, optional(closure, "from"), onChange),
      timeField(t, t("adminSchedule.closures.to"), null, `${path}.to`, closure.to, optional(closure, "to"), onChange),
      field({ label: t("adminSchedule.closures.reason"), path: `${path}.reason`, value: closure.reason, attrs: { maxlength: "120" }, write: optional(closure, "reason"), onChange }),
      el("button", { type: "button", class: "button button-secondary button-small", "aria-label": t("adminSchedule.closures.remove", { date: closure.date || "—" }),
        onClick: () => { state.closures.splice(index, 1); redraw(); } }, t("adminSchedule.remove")));
  });
  const add = el("button", { type: "button", class: "button button-secondary", dataset: { add: "closure" },
    onClick: () => { state.closures.push({ date: "" }); redraw(`closures.${state.closures.length - 1}.date`); } }, t("adminSchedule.closures.add"));
  return section("closures", t("adminSchedule.closures.heading"), t("adminSchedule.closures.hint"),
    [rows.length ? rows : el("p", { class: "schedule-empty" }, t("adminSchedule.closures.empty")), add]);
}

function policySection(state, t, onChange) {
  const number = (key, hintKey, min) => field({
    label: t(`adminSchedule.policy.${key}`), hint: t(`adminSchedule.policy.${hintKey}`), path: key, type: "number", value: state[key],
    attrs: { min, step: "1", inputmode: "numeric" }, write: (v) => { state[key] = numberOrNull(v); }, onChange,
  });
  return section("policy", t("adminSchedule.policy.heading"), null,
    [number("minNoticeMinutes", "minNoticeHint", "0"), number("horizonDays", "horizonHint", "1"), number("holdMinutes", "holdHint", "1")]);
}

function section(name, heading, hint, children) {
  const headingId = `schedule-${name}-heading`;
  return el("section", { class: `schedule-section schedule-${name}`, "aria-labelledby": headingId },
    el("h2", { id: headingId }, heading), hint ? el("p", { class: "field-hint" }, hint) : null, ...[children].flat(Infinity));
}

/**
 * Draws the form for `state` into `container`; inputs edit `state` in place and call `onChange`.
 * Adding or removing a row redraws, and focuses the field named by the path given to `redraw`.
 */
export function renderScheduleForm(container, state, t, onChange) {
  const redraw = (focusPath) => {
    renderScheduleForm(container, state, t, onChange);
    onChange();
    if (focusPath) container.querySelector(`input[data-path="${focusPath}"]`)?.focus();
  };
  container.replaceChildren(
    hoursSection(state, t, redraw, onChange), specialtiesSection(state, t, onChange),
    holidaysSection(state, t, redraw, onChange), closuresSection(state, t, redraw, onChange), policySection(state, t, onChange),
  );
}

/**
 * Puts each problem next to the field its path names (or the nearest row or group that has one):
 * the input is marked invalid and described by the message. Returns the problems no field took.
 */
export function showFieldProblems(container, problems) {
  for (const old of container.querySelectorAll(".field-problem")) old.remove();
  for (const input of container.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    const hint = input.getAttribute("aria-describedby")?.split(" ").filter((id) => !id.startsWith("problem-")).join(" ");
    if (hint) input.setAttribute("aria-describedby", hint);
    else input.removeAttribute("aria-describedby");
  }
  const unplaced = [];
  for (const problem of problems) {
    const target = findTarget(container, String(problem.path ?? ""));
    if (!target) {
      unplaced.push(problem);
      continue;
    }
    const id = `problem-${++uid}`;
    const message = el("p", { id, class: "field-problem" }, String(problem.message ?? ""));
    const input = target.matches("input") ? target : target.querySelector(":scope > input");
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), id].filter(Boolean).join(" "));
      input.closest(".field")?.append(message);
    } else {
      target.append(message);
    }
  }
  return unplaced;
}

function findTarget(container, path) {
  const parts = path.split(".");
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join(".");
    const found = container.querySelector(`input[data-path="${candidate}"]`) ?? container.querySelector(`[data-path="${candidate}"]:not(.field)`);
    if (found) return found;
  }
  return null;
}
