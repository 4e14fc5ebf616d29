// The left pane of the flow editor: the node list (id, type, problem badge, and what the node says
// or does in the admin's language) and the same nodes as an SVG graph, layered by breadth-first
// depth from the start node. Both call onSelect(id).
import { el } from "./admin-common.js";
import { describeNode, layoutLayers } from "./flow-model.js";

/** Wide enough for the longest snake_case id at 11 px (about 26 characters). */
const BOX_W = 180;
const BOX_H = 48;
/** Room for text in a box, after the left padding and a little on the right. */
const TEXT_W = BOX_W - 16;
const GAP_X = 18;
const GAP_Y = 36;
const PAD = 12;

function badge(count, t) {
  if (!count) return null;
  return el("span", { class: "badge" },
    el("span", { "aria-hidden": "true" }, String(count)),
    el("span", { class: "sr-only" }, t("admin.flow.nodes.problemCount", { count })));
}

/** Room kept for the "…" of a cut line: at most one 11 px character. */
const ELLIPSIS_W = 11;

/**
 * Where to cut each SVG text drawn on the page so it fits `width` with a "…": the number of
 * characters kept, or null when it fits whole. Measures only (no change to the page), so the
 * layout is computed once for every box.
 */
function cutPoints(texts, width) {
  return texts.map((text) => {
    if (text.getComputedTextLength() <= width) return null;
    let [low, high] = [0, text.getNumberOfChars()];
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (text.getSubStringLength(0, mid) <= width - ELLIPSIS_W) low = mid;
      else high = mid - 1;
    }
    return low;
  });
}

/** Fills the list with one button per node; the selected one carries aria-current. */
export function renderNodeList(list, { flow, selectedId, counts, texts, lang, t, onSelect }) {
  const items = (flow.nodes ?? []).map((node) => {
    const said = describeNode(node, texts, lang, t);
    return el("li", {},
      el("button", {
        type: "button", class: "node-item", "aria-current": node.id === selectedId ? "true" : null,
        dataset: { nodeId: node.id }, onClick: () => onSelect(node.id),
      },
      el("span", { class: "node-id" }, node.id),
      el("span", { class: "node-type" }, t(`admin.flow.type.${node.type}`)),
      badge(counts.get(node.id) ?? 0, t),
      said ? el("span", { class: `node-text node-text-${typeof node.text === "string" ? "wording" : "logic"}`, title: said }, said) : null));
  });
  list.replaceChildren(...items);
}

/** Draws the graph into the container: boxes per layer, edges from each box's bottom to the next top. */
export function renderGraph(container, { flow, kinds, selectedId, counts, texts, lang, t, onSelect }) {
  const byId = new Map((flow.nodes ?? []).map((n) => [n.id, n]));
  const { placed, edges } = layoutLayers(flow, kinds);
  const layers = new Map();
  for (const node of placed) layers.set(node.depth, [...(layers.get(node.depth) ?? []), node]);
  const widest = Math.max(1, ...[...layers.values()].map((l) => l.length));
  const depths = [...layers.keys()].sort((a, b) => a - b);
  const width = PAD * 2 + widest * (BOX_W + GAP_X) - GAP_X;
  const height = PAD * 2 + depths.length * (BOX_H + GAP_Y) - GAP_Y;
  const where = new Map();
  depths.forEach((depth, row) => {
    const layer = layers.get(depth);
    const offset = (width - (layer.length * (BOX_W + GAP_X) - GAP_X)) / 2;
    layer.forEach((node, col) => where.set(node.id, { x: offset + col * (BOX_W + GAP_X), y: PAD + row * (BOX_H + GAP_Y) }));
  });

  const svg = el("svg:svg", {
    width, height, viewBox: `0 0 ${width} ${height}`, role: "group", "aria-label": t("admin.flow.nodes.graphLabel"), class: "graph",
  });
  const lines = el("svg:g", { class: "graph-edges", "aria-hidden": "true" });
  for (const edge of edges) {
    const a = where.get(edge.from);
    const b = where.get(edge.to);
    if (!a || !b) continue;
    const x1 = a.x + BOX_W / 2;
    const y1 = a.y + BOX_H;
    const x2 = b.x + BOX_W / 2;
    const y2 = b.y;
    const bend = Math.max(20, Math.abs(y2 - y1) / 2);
    lines.append(el("svg:path", { class: "graph-edge", d: `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`, "marker-end": "url(#arrow)" }));
  }
  const defs = el("svg:defs", {},
    el("svg:marker", { id: "arrow", viewBox: "0 0 8 8", refX: "8", refY: "4", markerWidth: "6", markerHeight: "6", orient: "auto" },
      el("svg:path", { d: "M0,0 L8,4 L0,8 z", fill: "#8a96a3" })));
  svg.append(defs, lines);

  for (const node of placed) {
    const at = where.get(node.id);
    const count = counts.get(node.id) ?? 0;
    const classes = ["graph-node", node.id === selectedId ? "graph-node-selected" : "", count ? "graph-node-problem" : "", node.id === flow.start ? "graph-node-start" : ""].filter(Boolean).join(" ");
    const typeLine = `${t(`admin.flow.type.${node.type}`)}${count ? ` (${count})` : ""}`;
    const said = describeNode(byId.get(node.id), texts, lang, t);
    // The name (an SVG <title>, also a tooltip) starts with the visible text, then the whole of
    // what the node says, then what colour shows.
    const label = [`${node.id} ${typeLine}`, said, count ? t("admin.flow.nodes.problemCount", { count }) : "", node.reachable ? "" : t("admin.flow.nodes.unreachable")].filter(Boolean).join(", ");
    const select = () => onSelect(node.id);
    const box = el("svg:g", {
      class: classes, tabindex: "0", role: "button", "aria-pressed": node.id === selectedId ? "true" : "false",
      transform: `translate(${at.x},${at.y})`, dataset: { nodeId: node.id },
      onClick: select,
      onKeydown: (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          select();
        }
      },
    },
    el("svg:title", {}, label),
    el("svg:rect", { width: BOX_W, height: BOX_H, rx: "6" }),
    el("svg:text", { x: "8", y: "14" }, node.id),
    el("svg:text", { x: "8", y: "27", class: "graph-type" }, typeLine),
    said ? el("svg:text", { x: "8", y: "41", class: "graph-text" }, said) : null);
    svg.append(box);
  }
  const scroll = { left: container.scrollLeft, top: container.scrollTop, fresh: !container.firstChild };
  container.replaceChildren(svg);
  // Only text on the page can be measured: cut each box's last line to what fits, measuring all first.
  const boxTexts = [...svg.querySelectorAll(".graph-text")];
  cutPoints(boxTexts, TEXT_W).forEach((kept, i) => {
    if (kept !== null) boxTexts[i].textContent = `${(boxTexts[i].textContent ?? "").slice(0, kept).trimEnd()}…`;
  });
  // First drawing: the start node (top, centred) in view; later drawings keep the scroll position.
  if (scroll.fresh) container.scrollLeft = Math.max(0, (container.scrollWidth - container.clientWidth) / 2);
  else Object.assign(container, { scrollLeft: scroll.left, scrollTop: scroll.top });
}
