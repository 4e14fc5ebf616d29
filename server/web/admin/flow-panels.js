// The flow editor's Diff and History tabs: what the draft changes against the published version,
// and every version with its note, author and date, an export link and a rollback button. The
// editor passes the flow's API path (`base`, e.g. /api/admin/flows/default).
import { adminApi, confirmDialog, el } from "./admin-common.js";

/** Unchanged lines shown around each change; longer unchanged runs fold into "⋯". */
const CONTEXT = 3;

function yamlLines(lines, t) {
  const changed = lines.map((l) => l.op !== "same");
  const near = (i) => changed.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some(Boolean);
  const out = [];
  let folded = false;
  lines.forEach((line, i) => {
    if (line.op === "same" && !near(i)) {
      if (!folded) out.push(el("span", { class: "diff-line diff-gap", "aria-hidden": "true" }, "⋯"));
      folded = true;
      return;
    }
    folded = false;
    const sign = line.op === "add" ? "+" : line.op === "del" ? "-" : " ";
    const label = line.op === "add" ? t("admin.flow.diff.added") : line.op === "del" ? t("admin.flow.diff.removed") : null;
    out.push(el("span", { class: `diff-line diff-${line.op}`, dataset: { op: line.op } },
      label ? el("span", { class: "sr-only" }, `${label}: `) : null, `${sign} ${line.line}`));
  });
  return el("pre", { class: "diff-lines", tabindex: "0", "aria-label": t("admin.flow.diff.yaml") }, out);
}

function textTable(changes, t) {
  const head = el("thead", {}, el("tr", {}, ["lang", "key", "before", "after"].map((k) => el("th", { scope: "col" }, t(`admin.flow.diff.${k}`)))));
  const rows = changes.map((c) => el("tr", { dataset: { lang: c.lang, key: c.key } },
    el("td", {}, c.lang), el("td", {}, el("code", {}, c.key)),
    el("td", { class: "diff-del" }, c.before ?? "—"), el("td", { class: "diff-add" }, c.after ?? "—")));
  return el("div", { class: "table-wrap" }, el("table", { class: "data-table diff-texts" }, head, el("tbody", {}, rows)));
}

/** Loads GET …/draft/diff into the container. */
export async function renderDiff(container, page, base) {
  container.setAttribute("aria-busy", "true");
  const res = await adminApi.call("GET", `${base}/draft/diff`);
  container.setAttribute("aria-busy", "false");
  if (res.status === 404) {
    container.replaceChildren(el("p", { class: "empty" }, page.t("admin.flow.diff.none")));
    return;
  }
  if (!res.ok) {
    container.replaceChildren(el("p", { class: "notice" }, page.errorText(res)));
    return;
  }
  const yaml = Array.isArray(res.body?.yaml) ? res.body.yaml : [];
  const texts = Array.isArray(res.body?.texts) ? res.body.texts : [];
  const against = res.body?.against;
  const parts = [];
  if (against !== null && against !== undefined) parts.push(el("p", { class: "hint" }, page.t("admin.flow.diff.against", { version: typeof against === "object" ? against.version ?? "" : against })));
  if (typeof res.body?.normalized === "boolean") parts.push(el("p", { class: "hint", id: "diff-form" }, page.t(res.body.normalized ? "admin.flow.diff.normalized" : "admin.flow.diff.literal")));
  if (!yaml.some((l) => l.op !== "same") && texts.length === 0) parts.push(el("p", { class: "empty" }, page.t("admin.flow.diff.none")));
  if (yaml.some((l) => l.op !== "same")) parts.push(el("h3", {}, page.t("admin.flow.diff.yaml")), yamlLines(yaml, page.t));
  if (texts.length) parts.push(el("h3", {}, page.t("admin.flow.diff.texts")), textTable(texts, page.t));
  container.replaceChildren(...parts);
}

function dateLabel(iso, lang) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? "");
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "ko-KR", { timeZone: "Asia/Seoul", dateStyle: "medium", timeStyle: "short", hourCycle: "h23" }).format(date);
}

/**
 * Loads the version list into the container. `onRolledBack(version)` runs after a rollback; the
 * current published version has no rollback button.
 */
export async function renderHistory(container, page, base, onRolledBack) {
  const res = await adminApi.call("GET", base);
  if (!res.ok) {
    container.replaceChildren(el("p", { class: "notice" }, page.errorText(res)));
    return;
  }
  const history = Array.isArray(res.body?.history) ? [...res.body.history].sort((a, b) => b.version - a.version) : [];
  const current = res.body?.published?.version;
  if (history.length === 0) {
    container.replaceChildren(el("p", { class: "empty" }, page.t("admin.flow.history.empty")));
    return;
  }
  const t = page.t;
  const head = el("thead", {}, el("tr", {}, ["version", "status", "author", "date", "note", "actions"].map((k) => el("th", { scope: "col" }, t(`admin.flow.history.${k}`)))));
  const rows = history.map((v) => {
    const actions = [];
    if (v.status !== "draft") {
      actions.push(el("a", { class: "button button-secondary button-small", href: `${base}/versions/${v.version}/export`, download: `default.v${v.version}.flow.yaml`, "aria-label": t("admin.flow.history.exportLabel", { version: v.version }) }, t("admin.flow.history.export")));
    }
    if (v.status !== "draft" && v.version !== current) {
      actions.push(el("button", {
        type: "button", class: "button button-danger button-small", dataset: { rollback: v.version }, "aria-label": t("admin.flow.history.rollbackLabel", { version: v.version }),
        onClick: async () => {
          if (!(await confirmDialog(t("admin.flow.confirmRollback", { version: v.version }), t))) return;
          // The published version this list showed: another admin's publish since is a 409, not overwritten unseen.
          const done = await adminApi.call("POST", `${base}/rollback`, { version: v.version, basePublished: current ?? null });
          if (!done.ok) {
            page.announce(page.errorText(done), { error: true });
            return;
          }
          page.announce(t("admin.flow.status.rolledBack", { version: v.version }));
          await onRolledBack(v.version);
        },
      }, t("admin.flow.history.rollback")));
    }
    const status = v.version === current ? "published" : v.status;
    return el("tr", { dataset: { version: v.version } },
      el("th", { scope: "row" }, String(v.version)),
      el("td", {}, el("span", { class: `status-pill status-${status}` }, t(`admin.flow.history.${status}`))),
      el("td", {}, v.createdBy ?? ""),
      el("td", {}, dateLabel(v.createdAt, page.lang)),
      el("td", {}, v.note ?? ""),
      el("td", {}, el("div", { class: "button-row" }, actions)));
  });
  container.replaceChildren(el("div", { class: "table-wrap" }, el("table", { class: "data-table history" }, head, el("tbody", {}, rows))));
}
