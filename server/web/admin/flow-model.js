// What the editor needs to know about a flow document ({id, start, nodes}, as flows/schema/flow.ts
// defines it): which text keys and which targets a node has, and the layers for the graph.
// Pure functions over plain data; the editor's copy is changed only through setTarget.

/** The i18n keys a node shows, with the field each one sits in. */
export function textKeysOf(node) {
  const keys = [];
  if (typeof node.text === "string") keys.push({ field: "text", key: node.text });
  if (typeof node.hint === "string") keys.push({ field: "hint", key: node.hint });
  return keys;
}

/**
 * The node's links to other nodes, each with where it lives, whether it may be left unset and a
 * label key: `next`, `onYes`/`onNo`, `options[i].next`, `cases[i].next`, `otherwise`.
 */
export function targetsOf(node) {
  const targets = [];
  const field = (name, label, optional) => {
    if (name in node || optional) targets.push({ path: [name], value: node[name] ?? "", optional, label });
  };
  switch (node.type) {
    case "end":
      break;
    case "branch":
      (node.cases ?? []).forEach((c, i) => targets.push({ path: ["cases", i, "next"], value: c.next ?? "", optional: false, label: { key: "admin.flow.form.case", params: { n: i + 1 } } }));
      field("otherwise", { key: "admin.flow.form.otherwise" }, false);
      break;
    case "yes_no":
      field("onYes", { key: "admin.flow.form.onYes" }, true);
      field("onNo", { key: "admin.flow.form.onNo" }, true);
      field("next", { key: "admin.flow.form.next" }, true);
      break;
    case "single_choice":
      field("next", { key: "admin.flow.form.next" }, true);
      break;
    default:
      field("next", { key: "admin.flow.form.next" }, false);
  }
  return targets;
}

/** An option's own link (`options[i].next`); unset, the node's `next` applies. */
export function optionTargetOf(node, index) {
  const option = node.options?.[index];
  return { path: ["options", index, "next"], value: option?.next ?? "", optional: true, label: { key: "admin.flow.form.next" } };
}

/** Sets (or, for an optional link set to "", removes) one link on the node; returns the node. */
export function setTarget(node, path, value, optional) {
  let holder = node;
  for (const step of path.slice(0, -1)) holder = holder[step];
  const last = path[path.length - 1];
  if (value === "" && optional) delete holder[last];
  else holder[last] = value;
  return node;
}

/** A text key's wording in `lang`, else in the other language, else "". */
export function wordingOf(texts, lang, key) {
  const other = lang === "ko" ? "en" : "ko";
  return texts?.[lang]?.[key] || texts?.[other]?.[key] || "";
}

const SYMBOLS = { eq: "=", ne: "≠", lt: "<", lte: "≤", gt: ">", gte: "≥" };

function valueText(value, t) {
  if (value === null || value === undefined) return t("admin.flow.describe.cleared");
  if (Array.isArray(value)) return `[${value.join(", ")}]`;
  return String(value);
}

/** A branch condition in one line: "totalDebtKrw = 0", "creditorTypes includes any of …", "… and …". */
export function describeCondition(condition, t) {
  if (!condition || typeof condition !== "object") return "?";
  if (Array.isArray(condition.all)) return condition.all.map((c) => describeCondition(c, t)).join(t("admin.flow.describe.and"));
  if (Array.isArray(condition.any)) return condition.any.map((c) => describeCondition(c, t)).join(t("admin.flow.describe.or"));
  if (condition.not) return t("admin.flow.describe.not", { condition: describeCondition(condition.not, t) });
  const { fact, op, value, param } = condition;
  if (op in SYMBOLS) return `${fact} ${SYMBOLS[op]} ${param ?? valueText(value, t)}`;
  if (op === "between" && Array.isArray(value)) return `${fact} ${value[0]}~${value[1]}`;
  if (op === "in" || op === "includes" || op === "includesAny") return t(`admin.flow.describe.${op}`, { fact, value: Array.isArray(value) ? value.join(", ") : String(value) });
  if (op === "known" || op === "unknown") return t(`admin.flow.describe.${op}`, { fact });
  return `${fact} ${op ?? "?"}`;
}

/**
 * What a node says or does, in one line for the node list and graph: its text in the admin's
 * language (questions, messages, ends), or for a branch its conditions and targets, for a
 * set_fact the values it sets, for evaluate what it does.
 */
export function describeNode(node, texts, lang, t) {
  if (typeof node?.text === "string") return wordingOf(texts, lang, node.text);
  switch (node?.type) {
    case "branch":
      return [...(node.cases ?? []).map((c) => `${describeCondition(c.when, t)} → ${c.next ?? "?"}`), t("admin.flow.describe.otherwise", { next: node.otherwise ?? "?" })].join("; ");
    case "set_fact":
      return (node.set ?? []).map((entry) => `${entry.target} = ${valueText(entry.value, t)}`).join(", ");
    case "evaluate":
      return t("admin.flow.describe.evaluate");
    default:
      return "";
  }
}

/** Every node id the node leads to, in order, without repeats. */
export function nextIdsOf(node) {
  const ids = [...targetsOf(node).map((t) => t.value), ...(node.options ?? []).map((o) => o.next ?? "")];
  return [...new Set(ids.filter(Boolean))];
}

/**
 * Layers by breadth-first depth from the start node; nodes the start does not reach come last,
 * in file order, marked unreachable. Returns [{id, depth, reachable}] and the edges [{from, to}].
 */
export function layoutLayers(flow) {
  const byId = new Map((flow.nodes ?? []).map((n) => [n.id, n]));
  const depth = new Map();
  const start = flow.start && byId.has(flow.start) ? flow.start : flow.nodes?.[0]?.id;
  const queue = start ? [start] : [];
  if (start) depth.set(start, 0);
  while (queue.length) {
    const id = queue.shift();
    for (const next of nextIdsOf(byId.get(id))) {
      if (!byId.has(next) || depth.has(next)) continue;
      depth.set(next, depth.get(id) + 1);
      queue.push(next);
    }
  }
  const deepest = Math.max(-1, ...depth.values());
  const placed = (flow.nodes ?? []).map((n) => ({ id: n.id, type: n.type, depth: depth.get(n.id) ?? deepest + 1, reachable: depth.has(n.id) }));
  const edges = (flow.nodes ?? []).flatMap((n) => nextIdsOf(n).filter((to) => byId.has(to)).map((to) => ({ from: n.id, to })));
  return { placed, edges };
}

/** Problems per node id, counted from the problem list ({node?}). */
export function problemCounts(problems) {
  const counts = new Map();
  for (const p of problems ?? []) if (p.node) counts.set(p.node, (counts.get(p.node) ?? 0) + 1);
  return counts;
}

/** A flat {"a.b.c": text} map as the nested tree the draft stores ({a: {b: {c: text}}}). */
export function toTextTree(flat) {
  const tree = {};
  for (const [key, text] of Object.entries(flat ?? {})) {
    const parts = key.split(".");
    let holder = tree;
    for (const part of parts.slice(0, -1)) {
      if (typeof holder[part] !== "object") holder[part] = {};
      holder = holder[part];
    }
    holder[parts[parts.length - 1]] = text;
  }
  return tree;
}

/** `over` laid over `base` (both nested text trees), as a new tree; neither input changes. */
export function mergeTextTrees(base, over) {
  const out = copyOf(base) ?? {};
  for (const [key, value] of Object.entries(over ?? {})) {
    out[key] = typeof value === "object" && typeof out[key] === "object" ? mergeTextTrees(out[key], value) : value;
  }
  return out;
}

/** A deep copy of plain JSON data, so edits never touch what the server sent. */
export function copyOf(data) {
  return JSON.parse(JSON.stringify(data ?? null));
}
