// What the editor needs to know about a flow document ({id, start, nodes}, as flows/schema/flow.ts
// defines it), with what each node's kind says taken from the server (the editor API's `nodes`:
// `links` and `textKeys`, from bot/nodes): which text keys and which links a node has, and the
// layers for the graph. Pure functions over plain data; the editor's copy is changed only
// through setTarget.

/**
 * @typedef {{ id: string, links?: Array<{ field: string, required: boolean }>, textKeys?: Array<[string, string]> }} EditorNode
 * What the server's node kinds say about one node of the loaded document.
 */

/** The editor API's nodes by id. @param {EditorNode[] | undefined} nodes */
export function kindsById(nodes) {
  return new Map((nodes ?? []).map((n) => [n.id, n]));
}

/** "options.2.label" → ["options", 2, "label"]. */
function pathOf(field) {
  return field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function readPath(node, path) {
  let value = node;
  for (const step of path) value = value?.[step];
  return value;
}

/** The i18n keys a node shows, with the field each one sits in ("text", "hint", "options.0.label"), as its kind says. */
export function textKeysOf(node, kind) {
  return (kind?.textKeys ?? []).map(([field]) => ({ field, path: pathOf(field), key: readPath(node, pathOf(field)) ?? "" }));
}

/** A link's label: "다음 노드", "'예'일 때", "조건 2일 때", "그 밖에" … */
function labelOf(path) {
  if (path[0] === "cases") return { key: "admin.flow.form.case", params: { n: Number(path[1]) + 1 } };
  if (path[0] === "options") return { key: "admin.flow.form.next" };
  return { key: `admin.flow.form.${path[0]}` };
}

/**
 * The node's links to other nodes as its kind lists them (set or not): where each lives, its
 * value in the editor's copy, whether it may be left unset, and a label key.
 */
export function targetsOf(node, kind) {
  return (kind?.links ?? []).map(({ field, required }) => {
    const path = pathOf(field);
    const value = readPath(node, path);
    return { path, value: typeof value === "string" ? value : "", optional: !required, label: labelOf(path) };
  });
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
export function nextIdsOf(node, kind) {
  return [...new Set(targetsOf(node, kind).map((t) => t.value).filter(Boolean))];
}

/**
 * Layers by breadth-first depth from the start node (links as `kinds`, the editor API's nodes by id, say); nodes the start does not reach come last,
 * in file order, marked unreachable. Returns [{id, depth, reachable}] and the edges [{from, to}].
 */
export function layoutLayers(flow, kinds) {
  const byId = new Map((flow.nodes ?? []).map((n) => [n.id, n]));
  const depth = new Map();
  const start = flow.start && byId.has(flow.start) ? flow.start : flow.nodes?.[0]?.id;
  const queue = start ? [start] : [];
  if (start) depth.set(start, 0);
  while (queue.length) {
    const id = queue.shift();
    for (const next of nextIdsOf(byId.get(id), kinds.get(id))) {
      if (!byId.has(next) || depth.has(next)) continue;
      depth.set(next, depth.get(id) + 1);
      queue.push(next);
    }
  }
  const deepest = Math.max(-1, ...depth.values());
  const placed = (flow.nodes ?? []).map((n) => ({ id: n.id, type: n.type, depth: depth.get(n.id) ?? deepest + 1, reachable: depth.has(n.id) }));
  const edges = (flow.nodes ?? []).flatMap((n) => nextIdsOf(n, kinds.get(n.id)).filter((to) => byId.has(to)).map((to) => ({ from: n.id, to })));
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
