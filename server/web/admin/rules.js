// The rule parameters page (/admin/rules.html): every parameter with the value in force today from
// /api/admin/rules/parameters; selecting one shows its dated values (shipped or added by an admin),
// a form to add or replace a dated value, and removal of an admin's value. The server's gate
// (the rule set parses and every rule case passes) answers with problems, shown as a list. The
// history lists published versions with rollback.
import { adminApi, confirmDialog, el, showProblems, startAdminPage } from "./admin-common.js";
import { formatValue, renderValueInputs } from "./rule-values.js";

const API = "/api/admin/rules";

const page = await startAdminPage({ page: "rules" });
if (page) await run(page);

async function run({ lang, t, announce, errorText }) {
  const rows = document.getElementById("param-rows");
  const filter = document.getElementById("param-filter");
  const versionLine = document.getElementById("rules-version");
  const detail = document.getElementById("param-detail");
  const detailHeading = document.getElementById("detail-heading");
  const valueRows = document.getElementById("value-rows");
  const problemsBox = document.getElementById("value-problems");
  const addForm = document.getElementById("add-form");
  const addButton = document.getElementById("add-button");
  const valueBox = document.getElementById("add-value");
  const historyList = document.getElementById("rules-history");
  let parameters = [];
  let selected = null;
  let readValue = () => ({ ok: false, message: "" });

  const when = (iso) => new Date(iso).toLocaleString(lang === "ko" ? "ko-KR" : "en-GB", { timeZone: "Asia/Seoul", dateStyle: "medium", timeStyle: "short" });
  const show = (value, unit) => formatValue(value, unit, t, lang);
  const inForceText = (p) => (p.inForce ? t("adminRules.list.since", { value: show(p.inForce.value, p.unit), date: p.inForce.effectiveFrom }) : t("adminRules.list.none"));

  const drawList = () => {
    const query = filter.value.trim().toLowerCase();
    const shown = parameters.filter((p) => !query || p.id.toLowerCase().includes(query) || p.description.toLowerCase().includes(query));
    rows.replaceChildren(...shown.map((p) => el("tr", { dataset: { param: p.id }, class: selected === p.id ? "row-selected" : null },
      el("th", { scope: "row", class: "rules-table-id" }, el("code", { class: "mono" }, p.id)),
      el("td", {}, p.description),
      el("td", {}, inForceText(p)),
      el("td", {}, p.confirmed ? t("adminRules.list.confirmedYes") : t("adminRules.list.confirmedNo")),
      el("td", { class: "rules-table-action" }, el("button", {
        type: "button", class: "button button-secondary button-small", "aria-pressed": selected === p.id ? "true" : "false",
        "aria-label": t("adminRules.list.selectLabel", { id: p.id }), onClick: () => select(p.id, true),
      }, t("adminRules.list.select"))))));
  };

  const drawDetail = () => {
    const p = parameters.find((item) => item.id === selected);
    detail.hidden = !p;
    if (!p) return;
    detailHeading.textContent = p.id;
    document.getElementById("detail-description").textContent = p.description;
    document.getElementById("detail-source").textContent = t("adminRules.detail.source", {
      source: p.source, unit: t(`adminRules.unitName.${p.unit}`), confirmed: p.confirmed ? t("adminRules.list.confirmedYes") : t("adminRules.list.confirmedNo"),
    });
    valueRows.replaceChildren(...p.values.map((v) => el("tr", { dataset: { effectiveFrom: v.effectiveFrom, origin: v.origin } },
      el("th", { scope: "row" }, v.effectiveFrom, p.inForce?.effectiveFrom === v.effectiveFrom ? [" ", el("span", { class: "status-pill status-published" }, t("adminRules.values.inForce"))] : null),
      el("td", {}, show(v.value, p.unit)),
      el("td", {}, v.source ?? t("adminRules.values.parameterSource")),
      el("td", {}, t(`adminRules.origin.${v.origin}`)),
      el("td", { class: "rules-table-action" }, v.origin === "admin" ? el("button", {
        type: "button", class: "button button-danger button-small", "aria-label": t("adminRules.values.removeLabel", { date: v.effectiveFrom }),
        onClick: () => remove(p.id, v.effectiveFrom),
      }, t("adminRules.values.remove")) : null))));
    readValue = renderValueInputs(valueBox, p.unit, p.inForce?.value, t);
  };

  async function select(id, focus) {
    selected = id;
    showProblems(problemsBox, [], t);
    addForm.reset();
    drawList();
    drawDetail();
    if (focus) detailHeading.focus();
  }

  const showVersion = (version) => {
    versionLine.textContent = version === null ? t("adminRules.version.shipped") : t("adminRules.version.published", { version });
  };

  const loadHistory = async () => {
    const res = await adminApi.call("GET", `${API}/versions`);
    if (!res.ok) return;
    historyList.replaceChildren();
    if (res.body.versions.length === 0) {
      historyList.append(el("li", { class: "quiet" }, t("adminRules.history.empty")));
      return;
    }
    for (const entry of [...res.body.versions].reverse()) {
      historyList.append(el("li", { class: "history-item", dataset: { version: entry.version } },
        el("p", { class: "history-meta" }, t("adminRules.history.item", { version: entry.version, createdBy: entry.createdBy, createdAt: when(entry.createdAt) }),
          entry.inForce ? el("span", { class: "badge" }, ` ${t("adminRules.history.current")}`) : null),
        el("p", { class: "history-note" }, entry.note || t("adminRules.history.noNote")),
        entry.inForce ? null : el("button", { type: "button", class: "button button-secondary button-small", onClick: () => rollback(entry.version) },
          t("adminRules.history.rollback", { version: entry.version }))));
    }
  };

  const load = async () => {
    const res = await adminApi.call("GET", `${API}/parameters`);
    if (!res.ok) {
      announce(t("adminRules.loadFailed", { reason: errorText(res) }), { error: true });
      return false;
    }
    parameters = res.body.parameters;
    showVersion(res.body.version);
    drawList();
    drawDetail();
    await loadHistory();
    return true;
  };

  const refused = (res) => {
    const problems = Array.isArray(res.body?.error?.details) ? res.body.error.details : [];
    if (res.status !== 422 || problems.length === 0) {
      announce(errorText(res), { error: true });
      return;
    }
    showProblems(problemsBox, problems, t);
    announce(t("adminRules.gate.refused"), { error: true });
    problemsBox.setAttribute("tabindex", "-1");
    problemsBox.focus();
  };

  const changed = async (message) => {
    showProblems(problemsBox, [], t);
    addForm.reset();
    await load();
    announce(message);
  };

  async function remove(id, date) {
    if (!(await confirmDialog(t("adminRules.values.confirmRemove", { id, date }), t))) return;
    const res = await adminApi.call("DELETE", `${API}/parameters/${encodeURIComponent(id)}/values/${encodeURIComponent(date)}`);
    if (!res.ok) {
      refused(res);
      return;
    }
    await changed(t("adminRules.values.removed", { date, version: res.body.version }));
  }

  async function rollback(version) {
    if (!(await confirmDialog(t("adminRules.history.confirmRollback", { version }), t))) return;
    const res = await adminApi.call("POST", `${API}/rollback`, { version });
    if (!res.ok) {
      refused(res);
      return;
    }
    await changed(t("adminRules.history.rolledBack", { from: version, version: res.body.version }));
  }

  addForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!selected) return;
    const date = document.getElementById("add-date").value;
    const value = readValue();
    const local = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) local.push({ path: "effectiveFrom", message: t("adminRules.add.badDate") });
    if (!value.ok) local.push({ path: "value", message: value.message });
    if (local.length) {
      showProblems(problemsBox, local, t);
      announce(t("adminRules.gate.refused"), { error: true });
      return;
    }
    const source = document.getElementById("add-source").value.trim();
    const note = document.getElementById("add-note").value.trim();
    const confirmed = document.getElementById("add-confirmed").checked;
    addButton.disabled = true;
    announce(t("adminRules.add.checking"));
    const res = await adminApi.call("POST", `${API}/parameters/${encodeURIComponent(selected)}/values`, {
      effectiveFrom: date, value: value.value, ...(source ? { source } : {}), ...(confirmed ? { confirmed } : {}), ...(note ? { note } : {}),
    });
    addButton.disabled = false;
    if (!res.ok) {
      refused(res);
      return;
    }
    await changed(t("adminRules.add.saved", { id: selected, date, version: res.body.version }));
  });

  filter.addEventListener("input", drawList);

  announce(t("adminRules.loading"));
  if (await load()) announce(t("adminRules.loaded", { count: parameters.length }));
}
