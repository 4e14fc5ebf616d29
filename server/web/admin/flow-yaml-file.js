// The YAML tab's files: "Import a file" reads a chosen .yaml/.yml file in the browser and sends
// it to POST <base>/import as the draft; "Export the draft" downloads the draft's literal YAML.
// Numbered versions are exported from the History tab (GET <base>/versions/<n>/export).
import { adminApi, confirmDialog } from "./admin-common.js";

/** Import refuses larger files before sending (the server's limit for a flow's YAML). */
const MAX_YAML_CHARS = 200_000;

function readAsText(file) {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.addEventListener("load", () => resolve(typeof reader.result === "string" ? reader.result : null));
    reader.addEventListener("error", () => resolve(null));
    reader.readAsText(file, "utf-8");
  });
}

/**
 * Why saving the draft failed, as a sentence: a 409 means another admin saved the draft since this
 * page loaded it (the page keeps its own edits; reloading shows the other admin's draft).
 */
export function draftSaveFailureText(page, res) {
  return res.status === 409 ? page.t("admin.flow.status.draftConflict") : page.errorText(res);
}

/**
 * Wires the file input. `isDirty()` asks before unsaved edits are replaced; `baseRevision()` is the
 * loaded draft's revision (null: none), so an import never replaces another admin's newer draft
 * unseen; `run(task)` wraps the work (the editor's busy state); `onImported(problems)` reloads the
 * editor and shows the gate's problems; `onRefused(problems)` shows why the server refused the file.
 */
export function wireYamlImport({ input, base, page, isDirty, baseRevision, run, onImported, onRefused }) {
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (!file) return;
    void run(async () => {
      try {
        if (isDirty() && !(await confirmDialog(page.t("admin.flow.yaml.confirmImport"), page.t))) return;
        const yaml = await readAsText(file);
        if (yaml === null || yaml.trim() === "" || yaml.length > MAX_YAML_CHARS) {
          page.announce(page.t("admin.flow.yaml.importUnreadable"), { error: true });
          return;
        }
        const note = page.t("admin.flow.yaml.importNote", { name: file.name }).slice(0, 500);
        const res = await adminApi.call("POST", `${base}/import`, { yaml, note, baseRevision: baseRevision() });
        if (!res.ok) {
          page.announce(draftSaveFailureText(page, res), { error: true });
          if (Array.isArray(res.body?.error?.details)) onRefused(res.body.error.details);
          return;
        }
        const problems = Array.isArray(res.body?.problems) ? res.body.problems : [];
        await onImported(problems);
        page.announce(page.t("admin.flow.status.imported", { name: file.name, count: problems.length }), { error: problems.length > 0 });
      } finally {
        // The same file can be chosen again after a fix.
        input.value = "";
      }
    });
  });
}

let exportUrl = null;

/** Shows the export link with the draft's YAML as it is stored, or hides it when there is no draft. */
export function showDraftExport(link, doc) {
  if (exportUrl !== null) URL.revokeObjectURL(exportUrl);
  exportUrl = null;
  const isDraft = doc?.source === "draft" && typeof doc.yaml === "string";
  link.hidden = !isDraft;
  if (!isDraft) {
    link.removeAttribute("href");
    return;
  }
  exportUrl = URL.createObjectURL(new Blob([doc.yaml], { type: "text/yaml;charset=utf-8" }));
  link.href = exportUrl;
}
