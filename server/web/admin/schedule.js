// The schedule page (/admin/schedule.html): loads the schedule in force from /api/admin/schedule,
// lets an admin edit it (schedule-form.js), saves it as a new version with a note, shows the
// server's problems beside their fields and the upcoming bookings the new schedule no longer
// offers (codes only: staff contact the residents), and lists the history with export and rollback.
// A save is checked first (POST …/check, nothing published): warnings are shown and must be
// confirmed. Saves name the version they started from, so another admin's save in between is a
// 409 and the admin is asked to reload instead of overwriting it unseen.
import { adminApi, confirmDialog, el, showProblems, startAdminPage } from "./admin-common.js";
import { renderScheduleForm, showFieldProblems } from "./schedule-form.js";

const API = "/api/admin/schedule";

const page = await startAdminPage({ page: "schedule" });
if (page) await run(page);

async function run({ lang, t, announce, errorText }) {
  const form = document.getElementById("schedule-form");
  const versionLine = document.getElementById("schedule-version");
  const problemsBox = document.getElementById("schedule-problems");
  const warningsBox = document.getElementById("schedule-warnings");
  const historyList = document.getElementById("schedule-history");
  const saveForm = document.getElementById("save-form");
  const saveButton = document.getElementById("save-button");
  const noteInput = document.getElementById("save-note");
  const dirtyLine = document.getElementById("save-dirty");
  let state = null;
  /** The version the edits started from (null: the shipped file), sent as baseVersion. */
  let baseVersion = null;
  /** The shipped file's schedule, restorable from the history. */
  let shipped = null;

  const markDirty = (dirty) => {
    dirtyLine.textContent = dirty ? t("adminSchedule.save.dirty") : "";
  };
  const draw = (schedule) => {
    state = structuredClone(schedule);
    renderScheduleForm(form, state, t, () => markDirty(true));
    markDirty(false);
  };
  const when = (iso) => new Date(iso).toLocaleString(lang === "ko" ? "ko-KR" : "en-GB", { timeZone: "Asia/Seoul", dateStyle: "medium", timeStyle: "short" });

  /** `unreadable`: GET's answer when the published version no longer parses (`inForce` is shown instead). */
  const showVersion = (version, unreadable) => {
    if (unreadable?.unreadable) {
      const inForce = unreadable.inForce === null ? t("adminSchedule.version.inForceShipped") : t("adminSchedule.version.inForceVersion", { version: unreadable.inForce });
      versionLine.textContent = t("adminSchedule.version.unreadable", { version, inForce });
      return;
    }
    versionLine.textContent = version === null ? t("adminSchedule.version.shipped") : t("adminSchedule.version.published", { version });
  };

  const showHistory = (history, current) => {
    historyList.replaceChildren();
    if (history.length === 0) historyList.append(el("li", { class: "schedule-empty" }, t("adminSchedule.history.empty")));
    for (const entry of [...history].reverse()) {
      historyList.append(el("li", { class: "history-item", dataset: { version: entry.version } },
        el("p", { class: "history-meta" }, t("adminSchedule.history.item", { version: entry.version, createdBy: entry.createdBy, createdAt: when(entry.createdAt) }),
          entry.version === current ? el("span", { class: "badge" }, ` ${t("adminSchedule.history.current")}`) : null),
        el("p", { class: "history-note" }, entry.note || t("adminSchedule.history.noNote")),
        el("div", { class: "history-actions" },
          el("a", { class: "button button-secondary button-small", href: `${API}/versions/${entry.version}/export`, download: `schedule.v${entry.version}.yaml` },
            t("adminSchedule.history.export", { version: entry.version })),
          entry.version === current ? null : el("button", { type: "button", class: "button button-secondary button-small", onClick: () => rollback(entry.version) },
            t("adminSchedule.history.rollback", { version: entry.version })))));
    }
    historyList.append(el("li", { class: "history-item", dataset: { version: "shipped" } },
      el("p", { class: "history-meta" }, t("adminSchedule.history.shipped"),
        current === null ? el("span", { class: "badge" }, ` ${t("adminSchedule.history.current")}`) : null),
      el("p", { class: "history-note" }, t("adminSchedule.history.shippedNote")),
      current === null || !shipped ? null : el("div", { class: "history-actions" },
        el("button", { type: "button", class: "button button-secondary button-small", id: "restore-shipped", onClick: () => restoreShipped() },
          t("adminSchedule.history.restore")))));
  };

  const showWarnings = (warnings, heading = "adminSchedule.warnings.heading") => {
    warningsBox.replaceChildren();
    warningsBox.hidden = warnings.length === 0;
    if (warnings.length === 0) return;
    const items = warnings.map((w) => el("li", { class: "warning-item" }, t("adminSchedule.warnings.item", {
      code: w.code, specialty: t(`adminSchedule.specialty.${w.specialty}`), start: String(w.slotStart).replace("T", " ").slice(0, 16),
      reason: t(`adminSchedule.warnings.reason.${w.reason}`),
    })));
    warningsBox.append(
      el("h2", { id: "warnings-heading", tabindex: "-1" }, t(heading, { count: warnings.length })),
      el("p", {}, t("adminSchedule.warnings.intro")),
      el("ul", { class: "warnings-list" }, items));
  };

  const clearProblems = () => {
    showProblems(problemsBox, [], t);
    showFieldProblems(form, []);
  };

  const load = async () => {
    announce(t("adminSchedule.loading"));
    const res = await adminApi.call("GET", API);
    if (!res.ok) {
      announce(t("adminSchedule.loadFailed", { reason: errorText(res) }), { error: true });
      return false;
    }
    shipped = res.body.shipped ?? null;
    baseVersion = res.body.version;
    draw(res.body.schedule);
    showVersion(res.body.version, res.body);
    showHistory(res.body.history, res.body.version);
    return true;
  };

  /** After a save or rollback: the answer's schedule, version and warnings; history reloaded. */
  const applied = async (body, message) => {
    clearProblems();
    baseVersion = body.version;
    draw(body.schedule);
    showVersion(body.version);
    showWarnings(body.warnings ?? []);
    noteInput.value = "";
    const res = await adminApi.call("GET", API);
    if (res.ok) showHistory(res.body.history, res.body.version);
    announce(message);
    if ((body.warnings ?? []).length > 0) document.getElementById("warnings-heading")?.focus();
  };

  const refused = (res) => {
    if (res.status === 409 && res.body?.error?.code === "CONFLICT") {
      announce(t("adminSchedule.save.conflict"), { error: true });
      return;
    }
    const problems = Array.isArray(res.body?.error?.details) ? res.body.error.details : [];
    if (res.status !== 422 || problems.length === 0) {
      announce(errorText(res), { error: true });
      return;
    }
    // Paths name holidays and closures by date: redraw so every row carries the date it was sent with.
    renderScheduleForm(form, state, t, () => markDirty(true));
    showFieldProblems(form, problems);
    showProblems(problemsBox, problems, t);
    announce(t("adminSchedule.save.problems"), { error: true });
    problemsBox.setAttribute("tabindex", "-1");
    problemsBox.focus();
  };

  async function rollback(version) {
    if (!(await confirmDialog(t("adminSchedule.history.confirmRollback", { version }), t))) return;
    const res = await adminApi.call("POST", `${API}/rollback`, { version, baseVersion });
    if (!res.ok) {
      refused(res);
      return;
    }
    await applied(res.body, t("adminSchedule.history.rolledBack", { from: version, version: res.body.version }));
  }

  /** Checks `schedule` (nothing published), asks to confirm its warnings, then publishes it; the answer, or null when not saved. */
  const checkAndSave = async (schedule, note) => {
    announce(t("adminSchedule.save.checking"));
    const check = await adminApi.call("POST", `${API}/check`, { schedule });
    if (!check.ok) {
      refused(check);
      return null;
    }
    const warnings = check.body.warnings ?? [];
    showWarnings(warnings, "adminSchedule.warnings.checkHeading");
    if (warnings.length > 0 && !(await confirmDialog(t("adminSchedule.save.confirmWarnings", { count: warnings.length }), t))) {
      announce(t("adminSchedule.save.cancelled"));
      return null;
    }
    announce(t("adminSchedule.save.saving"));
    const res = await adminApi.call("PUT", API, { schedule, baseVersion, ...(note ? { note } : {}) });
    if (!res.ok) {
      refused(res);
      return null;
    }
    return res.body;
  };

  async function restoreShipped() {
    if (!shipped || !(await confirmDialog(t("adminSchedule.history.confirmRestore"), t))) return;
    const body = await checkAndSave(shipped, t("adminSchedule.history.restoreNote"));
    if (body) await applied(body, t("adminSchedule.history.restored", { version: body.version }));
  }

  saveForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!state) return;
    saveButton.disabled = true;
    const body = await checkAndSave(state, noteInput.value.trim());
    saveButton.disabled = false;
    if (body) await applied(body, t("adminSchedule.save.saved", { version: body.version }));
  });

  if (await load()) announce(t("adminSchedule.loaded"));
}
