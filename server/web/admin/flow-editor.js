// The flow editor's controller (/admin/): loads the draft (or the published version when there is
// no draft) as a document, keeps an editable copy of its flow and texts, and saves, validates,
// publishes or discards it. The node list/graph, node form, panels and preview draw themselves.
import { adminApi, confirmDialog, showProblems, startAdminPage } from "./admin-common.js";
import { renderGraph, renderNodeList } from "./flow-graph.js";
import { copyOf, kindsById, mergeTextTrees, problemCounts, toTextTree } from "./flow-model.js";
import { renderDiff, renderHistory } from "./flow-panels.js";
import { draftSaveFailureText, showDraftExport, wireYamlImport } from "./flow-yaml-file.js";
import { renderNodeForm } from "./node-form.js";
import { createPreviewChat } from "./preview-chat.js";

/** The flow's admin API: the one place the editor, its panels and its preview take it from. */
const BASE = "/api/admin/flows/default";
const $ = (id) => document.getElementById(id);
const ui = {
  main: $("main"), info: $("draft-info"), dirty: $("dirty-flag"), allProblems: $("all-problems"),
  save: $("save-draft"), validate: $("validate"), publish: $("publish"), publishNote: $("publish-note"), discard: $("discard"),
  list: $("node-list"), graph: $("node-graph"), graphToggle: $("graph-toggle"),
  formHeading: $("form-heading"), nodeProblems: $("node-problems"), nodeFields: $("node-fields"),
  yamlText: $("yaml-text"), yamlSave: $("yaml-save"), yamlImport: $("yaml-import"), yamlExport: $("yaml-export"), diffBody: $("diff-body"), diffRefresh: $("diff-refresh"), historyBody: $("history-body"),
};
const TABS = ["edit", "yaml", "diff", "preview", "history"];

const state = { doc: null, flow: { nodes: [] }, texts: { ko: {}, en: {} }, loadedTexts: { ko: {}, en: {} }, problems: [], selectedId: null, dirty: false, graph: false, tab: "edit" };
let page = null;
let preview = null;
let publishedVersion = null;

async function busy(task) {
  ui.main.setAttribute("aria-busy", "true");
  for (const button of [ui.save, ui.validate, ui.publish, ui.discard, ui.yamlSave, ui.yamlImport]) button.disabled = true;
  try {
    return await task();
  } finally {
    ui.main.setAttribute("aria-busy", "false");
    for (const button of [ui.save, ui.validate, ui.publish, ui.discard, ui.yamlSave, ui.yamlImport]) button.disabled = false;
  }
}

function setDirty(dirty) {
  state.dirty = dirty;
  ui.dirty.hidden = !dirty;
}

function setProblems(problems) {
  state.problems = Array.isArray(problems) ? problems : [];
  showProblems(ui.allProblems, state.problems, page.t, (id) => select(id, { focusForm: true }));
  drawNodes();
  drawForm();
}

function drawNodes() {
  const view = { flow: state.flow, kinds: kindsById(state.doc?.nodes), selectedId: state.selectedId, counts: problemCounts(state.problems), texts: state.texts, lang: page.lang, t: page.t, onSelect: select };
  ui.list.hidden = state.graph;
  ui.graph.hidden = !state.graph;
  // The graph needs the page's width: the form then sits under it.
  ui.graph.closest(".editor-grid")?.classList.toggle("editor-grid-graph", state.graph);
  if (state.graph) renderGraph(ui.graph, view);
  else renderNodeList(ui.list, view);
}

function drawForm() {
  const node = (state.flow.nodes ?? []).find((n) => n.id === state.selectedId) ?? null;
  renderNodeForm({ heading: ui.formHeading, problemBox: ui.nodeProblems, fields: ui.nodeFields }, {
    node, kind: node ? kindsById(state.doc?.nodes).get(node.id) : undefined, texts: state.texts, nodeIds: (state.flow.nodes ?? []).map((n) => n.id), problems: state.problems, t: page.t,
    onChange: (kind) => {
      setDirty(true);
      // The list and graph show each node's wording and links: keep them in step with the form.
      if (kind === "target" || kind === "text") drawNodes();
    },
  });
}

/** Selects a node; focus stays on the list or graph item, or moves to the form's heading. */
function select(id, { focusForm = false } = {}) {
  state.selectedId = id;
  if (state.tab !== "edit") showTab("edit");
  drawNodes();
  drawForm();
  const pane = state.graph ? ui.graph : ui.list;
  const focusTarget = focusForm ? ui.formHeading : pane.querySelector(`[data-node-id="${CSS.escape(id)}"]`);
  if (focusTarget && document.activeElement !== focusTarget) focusTarget.focus();
}

function showDoc(doc) {
  state.doc = doc;
  state.flow = copyOf(doc.flow) ?? { nodes: [] };
  if (!Array.isArray(state.flow.nodes)) state.flow.nodes = [];
  state.texts = copyOf(doc.texts) ?? { ko: {}, en: {} };
  state.loadedTexts = copyOf(state.texts);
  if (!state.flow.nodes.some((n) => n.id === state.selectedId)) state.selectedId = null;
  ui.yamlText.value = doc.yaml ?? "";
  showDraftExport(ui.yamlExport, doc);
  const info = doc.source === "draft" ? page.t("admin.flow.source.draft", { version: publishedVersion ?? "—" }) : page.t("admin.flow.source.published", { version: doc.version ?? "—" });
  ui.info.textContent = doc.source === "draft" ? info : `${info} · ${page.t("admin.flow.source.none")}`;
  setDirty(false);
  setProblems(doc.problems);
}

/** The draft when there is one, else the published version (the server picks). */
async function load() {
  const summary = await adminApi.call("GET", BASE);
  publishedVersion = summary.ok ? summary.body?.published?.version ?? null : null;
  const res = await adminApi.call("GET", `${BASE}/editor`);
  if (!res.ok || typeof res.body !== "object" || res.body === null) {
    page.announce(page.errorText(res), { error: true });
    return false;
  }
  showDoc(res.body);
  preview?.invalidate();
  return true;
}

/** The loaded draft's revision (null: none): saves send it, so another admin's newer draft is never overwritten unseen. */
function baseRevision() {
  return state.doc?.revision ?? null;
}

/** The texts that differ from what was loaded, per language. */
function changedTexts() {
  const out = {};
  for (const lang of ["ko", "en"]) {
    const changed = Object.entries(state.texts[lang] ?? {}).filter(([key, text]) => state.loadedTexts[lang]?.[key] !== text);
    if (changed.length) out[lang] = Object.fromEntries(changed);
  }
  return out;
}

/**
 * Saves the form as the draft and reloads; resolves to the revision this save wrote (false when
 * refused). A publish right after uses that revision, not the reloaded one, so a draft another
 * admin saved in between is refused rather than published unseen.
 */
async function saveDocument() {
  const res = await adminApi.call("PUT", `${BASE}/draft/document`, { flow: state.flow, texts: changedTexts(), baseRevision: baseRevision() });
  if (!res.ok) {
    // Nothing is reloaded on failure: the admin's edits stay in the form.
    page.announce(draftSaveFailureText(page, res), { error: true });
    if (Array.isArray(res.body?.error?.details)) setProblems(res.body.error.details);
    return false;
  }
  await load();
  page.announce(page.t("admin.flow.status.saved", { count: state.problems.length }));
  return res.body?.draft?.revision ?? null;
}

async function validate() {
  if (state.dirty && (await saveDocument()) === false) return;
  const res = await adminApi.call("POST", `${BASE}/draft/validate`, {});
  if (!res.ok) {
    page.announce(page.errorText(res), { error: true });
    return;
  }
  setProblems(res.body?.problems);
  page.announce(state.problems.length ? page.t("admin.flow.status.invalid", { count: state.problems.length }) : page.t("admin.flow.status.valid"), { error: state.problems.length > 0 });
}

async function publish() {
  if (!(await confirmDialog(page.t("admin.flow.confirmPublish"), page.t))) return;
  let revision = baseRevision();
  const base = publishedVersion;
  if (state.dirty || state.doc?.source !== "draft") {
    const saved = await saveDocument();
    if (saved === false) return;
    revision = saved;
  }
  const note = ui.publishNote.value.trim();
  // The revision this page saved or loaded and the version it was based on: a draft another admin
  // saved since, or a version another admin published since, is refused (409), never published over unseen.
  const res = await adminApi.call("POST", `${BASE}/publish`, { ...(note ? { note } : {}), baseRevision: revision, basePublished: base });
  if (res.status === 422 && Array.isArray(res.body?.error?.details)) {
    setProblems(res.body.error.details);
    page.announce(page.t("admin.flow.status.publishRefused", { count: state.problems.length }), { error: true });
    return;
  }
  if (!res.ok) {
    page.announce(draftSaveFailureText(page, res), { error: true });
    return;
  }
  ui.publishNote.value = "";
  await load();
  page.announce(page.t("admin.flow.status.published", { version: res.body?.version?.version ?? res.body?.version ?? "" }));
}

async function discard() {
  if (state.dirty && !(await confirmDialog(page.t("admin.flow.confirmDiscard"), page.t))) return;
  if (await load()) page.announce(page.t("admin.flow.status.discarded"));
}

/**
 * Saves the YAML tab. The wording overrides sent are the version's own (from the draft, else the
 * published version) plus any texts changed in the form, so wording that equals locales/ is not
 * pinned as an override.
 */
async function saveYaml() {
  const versions = await adminApi.call("GET", BASE);
  if (!versions.ok) {
    page.announce(page.errorText(versions), { error: true });
    return;
  }
  const own = versions.body?.draft?.texts ?? versions.body?.published?.texts ?? {};
  const changed = changedTexts();
  const texts = {};
  for (const lang of ["ko", "en"]) texts[lang] = mergeTextTrees(own[lang] ?? {}, toTextTree(changed[lang] ?? {}));
  const res = await adminApi.call("PUT", `${BASE}/draft`, { yaml: ui.yamlText.value, texts, baseRevision: baseRevision() });
  if (!res.ok) {
    page.announce(draftSaveFailureText(page, res), { error: true });
    return;
  }
  await load();
  page.announce(page.t("admin.flow.status.saved", { count: state.problems.length }));
}

/** The history tab; after a rollback the editor reloads and the list is drawn again. */
function showHistory() {
  return renderHistory(ui.historyBody, page, BASE, async () => {
    await load();
    await showHistory();
  });
}

function showTab(name) {
  state.tab = name;
  for (const tab of TABS) {
    const button = $(`tab-${tab}`);
    button.setAttribute("aria-selected", String(tab === name));
    button.tabIndex = tab === name ? 0 : -1;
    $(`panel-${tab}`).hidden = tab !== name;
  }
  if (name === "diff") void renderDiff(ui.diffBody, page, BASE);
  if (name === "history") void showHistory();
  if (name === "preview") void preview.ensureStarted();
}

function wireTabs() {
  for (const [i, tab] of TABS.entries()) {
    const button = $(`tab-${tab}`);
    button.addEventListener("click", () => showTab(tab));
    button.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      const jump = event.key === "Home" ? 0 : event.key === "End" ? TABS.length - 1 : null;
      if (!step && jump === null) return;
      event.preventDefault();
      const next = TABS[jump ?? (i + step + TABS.length) % TABS.length];
      showTab(next);
      $(`tab-${next}`).focus();
    });
  }
}

async function main() {
  page = await startAdminPage({ page: "flow" });
  if (!page) return;
  preview = createPreviewChat({
    base: BASE, log: $("preview-log"), options: $("preview-options"), form: $("preview-form"), input: $("preview-input"),
    langSelect: $("preview-lang"), restartButton: $("preview-restart"), page,
  });
  ui.save.addEventListener("click", () => busy(saveDocument));
  ui.validate.addEventListener("click", () => busy(validate));
  ui.publish.addEventListener("click", () => busy(publish));
  ui.discard.addEventListener("click", () => busy(discard));
  ui.yamlSave.addEventListener("click", () => busy(saveYaml));
  ui.diffRefresh.addEventListener("click", () => renderDiff(ui.diffBody, page, BASE));
  wireYamlImport({
    input: ui.yamlImport, base: BASE, page, isDirty: () => state.dirty, baseRevision, run: busy,
    onImported: () => load(),
    onRefused: (problems) => setProblems(problems),
  });
  ui.graphToggle.addEventListener("click", () => {
    state.graph = !state.graph;
    ui.graphToggle.setAttribute("aria-pressed", String(state.graph));
    ui.graphToggle.textContent = page.t(state.graph ? "admin.flow.nodes.showList" : "admin.flow.nodes.showGraph");
    drawNodes();
  });
  window.addEventListener("beforeunload", (event) => {
    if (state.dirty) event.preventDefault();
  });
  wireTabs();
  await busy(async () => {
    if (await load()) page.announce(page.t("admin.flow.status.loaded"));
  });
}

void main();
