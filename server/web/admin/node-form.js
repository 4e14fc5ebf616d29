// The right pane of the flow editor: one node's form. Id and type are read-only; the wording of
// each text key is edited per language (bound to texts[lang][key]); links to other nodes are
// selects of node ids. Every edit changes the editor's own copies and calls onChange(kind).
import { el, showProblems } from "./admin-common.js";
import { setTarget, targetsOf, textKeysOf } from "./flow-model.js";

const LANGS = [{ lang: "ko", label: "admin.flow.form.ko" }, { lang: "en", label: "admin.flow.form.en" }];

function field(id, labelText, control, hint) {
  return el("div", { class: "field" }, el("label", { for: id }, labelText), control, hint ?? null);
}

/** Two text boxes (Korean first) for one i18n key. */
function wordingFields(idBase, key, texts, t, multiline, onChange) {
  const controls = LANGS.map(({ lang, label }) => {
    const id = `${idBase}-${lang}`;
    const attrs = {
      id, lang, spellcheck: "true", dataset: { lang, key }, value: texts[lang]?.[key] ?? "",
      onInput: (event) => {
        texts[lang] = texts[lang] ?? {};
        texts[lang][key] = event.target.value;
        onChange("text");
      },
    };
    const control = multiline ? el("textarea", { ...attrs, rows: "3" }) : el("input", { ...attrs, type: "text" });
    return field(id, t(label), control);
  });
  return [el("p", { class: "text-key" }, el("code", {}, t("admin.flow.form.key", { key }))), el("div", { class: "field-pair" }, controls)];
}

/** A select of every node id for one link; optional links can be left unset. */
function targetSelect(id, node, target, nodeIds, t, onChange) {
  const choices = [
    target.optional || !target.value ? el("option", { value: "" }, t("admin.flow.form.nextNone")) : null,
    ...nodeIds.map((other) => el("option", { value: other, selected: other === target.value }, other)),
    // A link to a missing node stays visible (and selected) until it is changed.
    target.value && !nodeIds.includes(target.value) ? el("option", { value: target.value, selected: true }, `${target.value} (?)`) : null,
  ];
  const select = el("select", {
    id, dataset: { path: target.path.join(".") },
    onChange: (event) => {
      setTarget(node, target.path, event.target.value, target.optional);
      onChange("target");
    },
  }, choices);
  select.value = target.value;
  return field(id, t(target.label.key, target.label.params), select);
}

/**
 * Draws the form for `node` (or the empty hint when none is selected) into the pane's parts:
 * heading, problems box and fields container.
 */
export function renderNodeForm(parts, { node, kind, texts, nodeIds, problems, t, onChange }) {
  const { heading, problemBox, fields } = parts;
  if (!node) {
    heading.textContent = t("admin.flow.form.empty");
    showProblems(problemBox, [], t);
    fields.replaceChildren();
    return;
  }
  heading.textContent = t("admin.flow.form.heading", { id: node.id });
  showProblems(problemBox, problems.filter((p) => p.node === node.id), t);
  problemBox.setAttribute("aria-label", t("admin.flow.form.problems"));

  const out = [
    el("div", { class: "field-pair" },
      field("node-id", t("admin.flow.form.id"), el("input", { id: "node-id", type: "text", readonly: true, value: node.id })),
      field("node-type", t("admin.flow.form.type"), el("input", { id: "node-type", type: "text", readonly: true, value: `${t(`admin.flow.type.${node.type}`)} (${node.type})` }))),
  ];
  // What the node shows and where it leads, as its kind says (the editor API's nodes).
  const keys = textKeysOf(node, kind);
  const links = targetsOf(node, kind);
  const ofOption = (i) => (item) => item.path[0] === "options" && item.path[1] === i;
  for (const { field: name, key } of keys.filter((k) => k.path[0] !== "options")) {
    out.push(el("fieldset", { class: `wording wording-${name}` },
      el("legend", {}, t(`admin.flow.form.${name}`)),
      ...wordingFields(`field-${name}`, key, texts, t, name === "text", onChange)));
  }
  if (Array.isArray(node.options) && node.options.length) {
    out.push(el("fieldset", { class: "options" },
      el("legend", {}, t("admin.flow.form.options")),
      ...node.options.map((option, i) => el("fieldset", { class: "option-block", dataset: { optionId: option.id } },
        el("legend", {}, t("admin.flow.form.option", { id: option.id })),
        ...keys.filter(ofOption(i)).flatMap(({ key }) => wordingFields(`option-${i}`, key, texts, t, false, onChange)),
        ...links.filter(ofOption(i)).map((target) => targetSelect(`option-${i}-next`, node, target, nodeIds, t, onChange))))));
  }
  for (const [i, target] of links.filter((l) => l.path[0] !== "options").entries()) out.push(targetSelect(`target-${i}`, node, target, nodeIds, t, onChange));
  fields.replaceChildren(...out);
}
