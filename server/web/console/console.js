// The staff console's controller: sign in, the appointment list, one booking's intake summary.
// Views are chosen by the URL hash (#/list?…, #/booking/CODE) so reload and back work; labels
// come from GET /api/ui-strings/console and the HTML holds the Korean defaults.
import { analyticsFrom, renderAnalytics } from "./console-analytics.js";
import { consoleApi, userFrom, whenSignedOut } from "./console-api.js";
import { el } from "../shared/el.js";
import { format } from "../shared/format-message.js";
import { applyStrings, seedStrings } from "../shared/page-strings.js";
import { addDays, dateTimeLabel, dayOf, label, seoulDate } from "./console-format.js";
import { appointmentsFrom, renderList } from "./console-list.js";
import { openCorrectionForm, renderNotes, renderSummary, summaryFrom } from "./console-summary.js";

const LANG_KEY = "hanbeon.console.lang";
const $ = (id) => document.getElementById(id);
const ui = {
  main: $("main"), pageStatus: $("page-status"), who: $("who"), langSwitch: $("lang-switch"), logout: $("logout"),
  loginView: $("login-view"), loginHeading: $("login-heading"), loginForm: $("login-form"), username: $("username"), password: $("password"), loginError: $("login-error"),
  listView: $("list-view"), listHeading: $("list-heading"), filterForm: $("filter-form"), from: $("from"), to: $("to"), specialty: $("specialty"), code: $("code"),
  showToday: $("show-today"), showUpcoming: $("show-upcoming"), table: $("appointments"), caption: $("list-caption"), empty: $("list-empty"),
  summaryView: $("summary-view"), summaryBack: $("summary-back"), summaryHeading: $("summary-heading"), meta: $("summary-meta"), printedAt: $("printed-at"), print: $("print"),
  actionStatus: $("action-status"), missing: $("summary-missing"), summaryBody: $("summary-body"), notesList: $("notes-list"), notesSection: $("notes-heading").parentElement,
  noteForm: $("note-form"), noteText: $("note-text"), noteError: $("note-error"), confirm: $("confirm"), confirmText: $("confirm-text"),
  analyticsLink: $("analytics-link"), analyticsView: $("analytics-view"), analyticsHeading: $("analytics-heading"),
  analytics: { version: $("analytics-version"), chart: $("funnel-chart"), table: $("funnel-table"), caption: $("funnel-caption"), services: $("services-table"), servicesEmpty: $("services-empty"), unavailable: $("analytics-unavailable") },
};

const state = { lang: "ko", strings: seedStrings(document), user: null, appointment: null, summary: null, intakeId: null };

function preferredLang() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "ko" || asked === "en") return asked;
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === "ko" || saved === "en") return saved;
  } catch {
    // storage blocked: Korean first
  }
  return "ko";
}

async function loadStrings(lang) {
  const res = await consoleApi.uiStrings(lang);
  if (!res.ok || typeof res.body?.strings !== "object") return false;
  state.strings = { ...state.strings, ...res.body.strings };
  state.lang = lang;
  document.documentElement.lang = lang;
  applyStrings(document, state.strings);
  ui.langSwitch.lang = lang === "ko" ? "en" : "ko";
  return true;
}

const t = (key, params) => format(state.strings, key, params, state.lang);

function errorText(res) {
  if (res.status === 0) return t("error.offline");
  if (res.status === 403) return t("error.forbidden");
  return res.body?.error?.message ?? t("error.failed", { status: res.status });
}

async function busy(task) {
  ui.main.setAttribute("aria-busy", "true");
  try {
    return await task();
  } finally {
    ui.main.setAttribute("aria-busy", "false");
  }
}

// ── Views ─────────────────────────────────────────────────────────────────────

function show(view) {
  for (const node of [ui.loginView, ui.listView, ui.summaryView, ui.analyticsView]) node.hidden = node !== view;
}

function showSignedIn() {
  const user = state.user;
  ui.who.hidden = !user;
  ui.logout.hidden = !user;
  ui.analyticsLink.hidden = user?.role !== "admin";
  if (user) ui.who.textContent = t("user.signedInAs", { name: user.username, role: user.role ?? "" });
}

function showLogin(messageKey) {
  state.user = null;
  showSignedIn();
  ui.pageStatus.textContent = "";
  ui.loginError.textContent = messageKey ? t(messageKey) : "";
  ui.password.value = "";
  show(ui.loginView);
  ui.username.focus();
}

function route() {
  if (!state.user) {
    showLogin();
    return;
  }
  const hash = location.hash.replace(/^#/, "");
  const booking = /^\/booking\/([^/?]+)$/.exec(hash);
  if (booking) void busy(() => openBooking(decodeURIComponent(booking[1])));
  else if (/^\/analytics(\?|$)/.test(hash)) void busy(() => openAnalytics(new URLSearchParams(hash.split("?")[1] ?? "").get("version") ?? ""));
  else void busy(() => openList(new URLSearchParams(hash.split("?")[1] ?? "")));
}

// ── List ──────────────────────────────────────────────────────────────────────

const today = () => seoulDate(new Date());

function listFilter(params) {
  const from = params.get("from") || today();
  return { from, to: params.get("to") || addDays(from, 6), specialty: params.get("specialty") ?? "", code: (params.get("code") ?? "").trim().toUpperCase() };
}

async function openList(params) {
  const filter = listFilter(params);
  ui.from.value = filter.from;
  ui.to.value = filter.to;
  ui.specialty.value = filter.specialty;
  ui.code.value = filter.code;
  show(ui.listView);
  ui.pageStatus.textContent = t("loading");
  const res = await consoleApi.appointments(filter.code ? { code: filter.code } : { from: filter.from, to: filter.to, specialty: filter.specialty });
  if (!res.ok) {
    if (res.status !== 401) ui.pageStatus.textContent = errorText(res);
    return;
  }
  const appointments = appointmentsFrom(res.body);
  const count = renderList(ui.table, appointments, state.strings, state.lang);
  ui.caption.textContent = filter.code ? t("list.captionCode", { code: filter.code, count }) : t("list.caption", { from: filter.from, to: filter.to, count });
  ui.empty.hidden = count > 0;
  ui.pageStatus.textContent = "";
  document.title = `${t("list.heading")} · ${t("title")}`;
  ui.listHeading.focus({ preventScroll: true });
}

function goToList(filter) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const next = `#/list?${params}`;
  if (location.hash === next) route();
  else location.hash = next;
}

// ── Analytics (admins) ────────────────────────────────────────────────────────

async function openAnalytics(version) {
  show(ui.analyticsView);
  ui.pageStatus.textContent = t("loading");
  const res = await consoleApi.analytics(/^\d+$/.test(version) ? version : "", state.lang);
  const report = res.ok ? analyticsFrom(res.body) : null;
  if (!report) {
    if (res.status !== 401) ui.pageStatus.textContent = res.ok ? t("error.failed", { status: res.status }) : errorText(res);
    return;
  }
  renderAnalytics(ui.analytics, report, state.strings, state.lang);
  ui.pageStatus.textContent = "";
  document.title = `${t("analytics.heading")} · ${t("title")}`;
  ui.analyticsHeading.focus({ preventScroll: true });
}

// ── Summary ───────────────────────────────────────────────────────────────────

function metaRow(key, value) {
  return [el("dt", { text: t(key) }), el("dd", { text: value })];
}

function renderMeta() {
  const a = state.appointment;
  ui.summaryHeading.textContent = t("summary.heading", { name: a.name ?? "" });
  ui.meta.replaceChildren(...[
    ...metaRow("summary.when", dateTimeLabel(a.start, state.lang)),
    ...metaRow("summary.code", a.code),
    ...metaRow("summary.specialty", label(state.strings, "specialty", a.specialty)),
    ...metaRow("summary.phone", a.phoneMasked ?? ""),
  ]);
  const status = el("dd", {}, [el("span", { className: `status status-${a.status}`, text: label(state.strings, "status", a.status), attrs: { id: "booking-status" } })]);
  ui.meta.append(el("dt", { text: t("summary.status") }), status);
  for (const button of ui.summaryView.querySelectorAll("[data-status]")) button.setAttribute("aria-pressed", String(button.dataset.status === a.status));
  ui.summaryBack.href = `#/list?from=${seoulDate(new Date(a.start))}`;
}

function drawSummary() {
  renderMeta();
  const hasIntake = state.summary !== null;
  ui.missing.hidden = hasIntake;
  ui.missing.textContent = hasIntake ? "" : t("summary.noIntake");
  ui.notesSection.hidden = !hasIntake;
  if (!hasIntake) {
    ui.summaryBody.replaceChildren();
    return;
  }
  renderSummary(ui.summaryBody, state.summary, state.strings, { onCorrect: startCorrection });
  renderNotes(ui.notesList, state.summary.notes, state.strings, state.lang);
}

async function reloadIntake() {
  if (!state.intakeId) return true;
  const res = await consoleApi.intake(state.intakeId, state.lang);
  if (!res.ok) {
    if (res.status !== 401) ui.pageStatus.textContent = errorText(res);
    return false;
  }
  state.summary = summaryFrom(res.body);
  return true;
}

async function openBooking(code) {
  show(ui.summaryView);
  ui.actionStatus.textContent = "";
  ui.pageStatus.textContent = t("loading");
  const res = await consoleApi.appointments({ code: code.toUpperCase() });
  if (!res.ok) {
    if (res.status !== 401) ui.pageStatus.textContent = errorText(res);
    return;
  }
  const appointment = appointmentsFrom(res.body).find((a) => String(a.code).toUpperCase() === code.toUpperCase());
  if (!appointment) {
    ui.pageStatus.textContent = t("summary.notFound");
    show(ui.listView);
    return;
  }
  state.appointment = appointment;
  state.intakeId = appointment.intakeId ?? null;
  state.summary = null;
  if (!(await reloadIntake())) return;
  ui.pageStatus.textContent = "";
  drawSummary();
  document.title = `${ui.summaryHeading.textContent} · ${t("title")}`;
  ui.summaryHeading.focus({ preventScroll: true });
}

function confirmAction(text) {
  return new Promise((resolve) => {
    ui.confirmText.textContent = text;
    ui.confirm.returnValue = "";
    ui.confirm.addEventListener("close", () => resolve(ui.confirm.returnValue === "yes"), { once: true });
    ui.confirm.showModal();
  });
}

async function changeStatus(status) {
  const a = state.appointment;
  if (!a) return;
  if (status === "cancelled" && !(await confirmAction(t("summary.confirmCancel")))) return;
  // Marking someone arrived on another day is almost always the wrong row: ask first.
  if (status === "arrived" && dayOf(a.start) !== today() && !(await confirmAction(t("summary.confirmArrivedOtherDay", { when: dateTimeLabel(a.start, state.lang) })))) return;
  await busy(async () => {
    const res = await consoleApi.setStatus(a.code, status);
    if (!res.ok) {
      if (res.status !== 401) ui.actionStatus.textContent = errorText(res);
      return;
    }
    const updated = res.body?.booking ?? res.body?.appointment ?? res.body;
    a.status = typeof updated?.status === "string" ? updated.status : status;
    renderMeta();
    ui.actionStatus.textContent = t("summary.statusChanged", { status: label(state.strings, "status", a.status) });
  });
}

function startCorrection(answer, button) {
  const row = button.closest("tr");
  if (!row || !state.intakeId) return;
  openCorrectionForm(row, answer, state.strings, async (correction) => {
    if (correction.value === "") return t("summary.correctValue");
    const res = await busy(() => consoleApi.correct(state.intakeId, correction));
    if (!res.ok) return res.status === 401 ? "" : errorText(res);
    await busy(reloadIntake);
    drawSummary();
    ui.actionStatus.textContent = t("summary.corrected");
    ui.summaryBody.querySelector(`tr[data-node-id="${CSS.escape(correction.nodeId)}"] button`)?.focus();
    return "";
  });
}

// ── Wiring ────────────────────────────────────────────────────────────────────

ui.loginForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void busy(async () => {
    const res = await consoleApi.login(ui.username.value.trim(), ui.password.value);
    const user = res.ok ? userFrom(res.body) : null;
    if (!user) {
      ui.loginError.textContent = res.status === 429 ? t("login.busy", { s: res.retryAfter ?? 60 }) : res.status === 0 ? t("error.offline") : t("login.failed");
      ui.password.value = "";
      ui.password.focus();
      return;
    }
    state.user = user;
    ui.password.value = "";
    ui.loginError.textContent = "";
    showSignedIn();
    if (!location.hash || location.hash === "#") location.hash = "#/list";
    else route();
  });
});

ui.logout.addEventListener("click", () => void busy(async () => {
  await consoleApi.logout();
  state.appointment = null;
  state.summary = null;
  ui.summaryBody.replaceChildren();
  for (const body of [...ui.table.tBodies]) body.remove();
  location.hash = "";
  showLogin();
}));

ui.filterForm.addEventListener("submit", (event) => {
  event.preventDefault();
  goToList({ from: ui.from.value, to: ui.to.value, specialty: ui.specialty.value, code: ui.code.value.trim().toUpperCase() });
});
ui.analytics.version.addEventListener("change", () => {
  location.hash = `#/analytics?version=${encodeURIComponent(ui.analytics.version.value)}`;
});
ui.showToday.addEventListener("click", () => goToList({ from: today(), to: today(), specialty: ui.specialty.value }));
ui.showUpcoming.addEventListener("click", () => goToList({ from: today(), to: addDays(today(), 6), specialty: ui.specialty.value }));

for (const button of ui.summaryView.querySelectorAll("[data-status]")) button.addEventListener("click", () => void changeStatus(button.dataset.status));

ui.noteForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = ui.noteText.value.trim();
  if (!text) {
    ui.noteError.textContent = t("summary.noteEmpty");
    ui.noteText.focus();
    return;
  }
  void busy(async () => {
    const res = await consoleApi.addNote(state.intakeId, text);
    if (!res.ok) {
      if (res.status !== 401) ui.noteError.textContent = errorText(res);
      return;
    }
    ui.noteText.value = "";
    ui.noteError.textContent = "";
    await reloadIntake();
    drawSummary();
    ui.actionStatus.textContent = t("summary.noteSaved");
  });
});

ui.print.addEventListener("click", () => {
  ui.printedAt.textContent = t("summary.printedAt", { time: dateTimeLabel(new Date().toISOString(), state.lang) });
  window.print();
});
window.addEventListener("beforeprint", () => {
  ui.printedAt.textContent = t("summary.printedAt", { time: dateTimeLabel(new Date().toISOString(), state.lang) });
});

ui.langSwitch.addEventListener("click", () => void busy(async () => {
  const target = state.lang === "ko" ? "en" : "ko";
  if (!(await loadStrings(target))) return;
  try {
    localStorage.setItem(LANG_KEY, target);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  showSignedIn();
  if (state.user) route();
}));

window.addEventListener("hashchange", route);
whenSignedOut(() => showLogin("login.expired"));

async function boot() {
  const lang = preferredLang();
  await loadStrings(lang);
  const me = await consoleApi.me();
  state.user = me.ok ? userFrom(me.body) : null;
  showSignedIn();
  if (state.user && (!location.hash || location.hash === "#")) location.hash = "#/list";
  else route();
}

void busy(boot);
