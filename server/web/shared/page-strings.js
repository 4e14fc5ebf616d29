// @ts-check
// A page's own labels: the HTML holds the Korean text of every `data-i18n="key"` element (so the
// page reads well before, or without, the server's strings), and the strings of
// GET /api/ui-strings… replace it once they arrive. `data-i18n-aria-label`, `-placeholder` and
// `-title` name the key of that attribute.

/** @typedef {Record<string, string>} Strings */

const ATTRIBUTES = ["aria-label", "placeholder", "title"];

/**
 * The text of every `data-i18n` element in `root`, templates included, by key.
 * @param {ParentNode} root
 * @returns {Strings}
 */
export function seedStrings(root) {
  /** @type {Strings} */
  const strings = {};
  const templates = [...root.querySelectorAll("template")];
  const nodes = [...root.querySelectorAll("[data-i18n]"), ...templates.flatMap((t) => [...t.content.querySelectorAll("[data-i18n]")])];
  for (const node of nodes) {
    const key = node.getAttribute("data-i18n");
    if (key) strings[key] = node.textContent?.trim() ?? "";
  }
  return strings;
}

/**
 * Puts `strings` into the `data-i18n` elements and attributes of `root`; a key without a text
 * keeps what the element has.
 * @param {ParentNode} root
 * @param {Strings} strings
 */
export function applyStrings(root, strings) {
  for (const node of root.querySelectorAll("[data-i18n]")) {
    const text = strings[node.getAttribute("data-i18n") ?? ""];
    if (text) node.textContent = text;
  }
  for (const attribute of ATTRIBUTES) {
    for (const node of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      const text = strings[node.getAttribute(`data-i18n-${attribute}`) ?? ""];
      if (text) node.setAttribute(attribute, text);
    }
  }
}
