// @ts-check
// The DOM helper of every page (chat, console, admin): text only ever goes in through
// textContent or text nodes, so whatever a resident or a counsellor typed is shown as text and
// never run.

/** @typedef {string | number | boolean | null | undefined} AttrValue */
/** @typedef {{ className?: string, text?: string | number | null, attrs?: Record<string, AttrValue> }} ElOptions */

/**
 * An element with optional class, text and attributes (true → an empty attribute; false, null
 * or undefined → left out), then `children` (nodes or strings; empty ones are skipped).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {ElOptions} [options]
 * @param {ReadonlyArray<Node | string | null | undefined | false>} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, { className, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}
