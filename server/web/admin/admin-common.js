// Shared parts of the admin pages (/admin/: flow editor, rule parameters, schedule).
//
// Usage: a page's HTML has `<header id="admin-top" class="admin-top"></header>`, then
// `<main id="main" class="admin-main" tabindex="-1" aria-busy="true">` holding
// `<p id="page-status" class="page-status" role="status" aria-live="polite"></p>` and the page's own
// content inside `<div id="page-body" hidden>`. Label elements carry `data-i18n="adminX.key"` (full
// keys; `data-i18n-aria-label`, `data-i18n-placeholder`, `data-i18n-title` likewise) with the Korean
// text as their default content. The page script does
// `const page = await startAdminPage({ page: "rules" }); if (!page) return;` — null means the user
// is not signed in or not an admin and a message saying so is already shown. Otherwise #page-body
// is visible and `page` is {user, lang, t, announce, errorText}: `t("adminRules.x", {n: 1})` fills
// `{{n}}`; `announce(text, {error})` writes to the aria-live status line; `errorText(res)` turns a
// failed `adminApi.call` result into a sentence. `adminApi.call(method, url, body)` never throws and
// resolves to {ok, status, body} (status 0: offline; body is JSON, or text for non-JSON answers); it
// sends the CSRF token from GET /api/staff/me on every call that changes something. Strings come
// from GET /api/ui-strings/admin (every key under a top-level locale key starting with "admin").
// All text goes into the DOM through textContent (`el`), never as HTML.

import { createApiClient } from "../shared/api-client.js";
import { format } from "../shared/format-message.js";
import { applyStrings, seedStrings } from "../shared/page-strings.js";

const LANG_KEY = "hanbeon.admin.lang";
const PAGES = [
  { page: "flow", href: "/admin/", key: "admin.nav.flow" },
  { page: "rules", href: "/admin/rules.html", key: "admin.nav.rules" },
  { page: "schedule", href: "/admin/schedule.html", key: "admin.nav.schedule" },
];

// The pages' one API client: JSON answers parsed, any other answer as text, the CSRF token from
// GET /api/staff/me sent on every call that changes something.
const api = createApiClient();

async function me() {
  const res = await api.request("GET", "/api/staff/me");
  if (res.ok && typeof res.body?.csrfToken === "string") api.setCsrfToken(res.body.csrfToken);
  if (res.status === 401) api.setCsrfToken(null);
  return res;
}

export const adminApi = {
  /** One API call; resolves to {ok, status, body} and never throws. */
  async call(method, url, body) {
    if (method !== "GET" && !api.hasCsrfToken()) await me();
    const res = await api.request(method, url, body);
    if (res.status !== 403 || res.body?.error?.code !== "CSRF_FAILED") return res;
    // The session's token changed (signed in again in another tab): fetch it once and retry.
    await me();
    return api.request(method, url, body);
  },
  me,
};

/**
 * `el("button", {class: "button", type: "button", onClick: fn}, "text", node)`: attributes by name
 * (`class`, `text`, `dataset`, `on<Event>` listeners; `value`/`checked`/`selected` as properties;
 * true → empty attribute; false/null/undefined → left out); children are nodes or strings.
 */
export function el(tag, attrs = {}, ...children) {
  const svg = tag.startsWith("svg:");
  const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.setAttribute("class", String(value));
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") for (const [name, v] of Object.entries(value)) node.dataset[name] = String(v);
    else if (/^on[A-Z]/.test(key) && typeof value === "function") node.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === "value" || key === "checked" || key === "selected") node[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

/**
 * Lists problems ({path, node?, field?, message}) in the container, or empties and hides it when
 * there are none. `t` (optional) gives the heading; items read "node · field: message". With
 * `onNode(id)`, a problem naming a node gets a button that calls it (e.g. to select the node).
 */
export function showProblems(container, problems, t = (key, params) => format({}, key, params), onNode = null) {
  container.replaceChildren();
  const list = Array.isArray(problems) ? problems : [];
  container.hidden = list.length === 0;
  if (list.length === 0) return;
  container.classList.add("problems");
  container.append(el("p", { class: "problems-heading", text: t("admin.problems.heading", { count: list.length }) }));
  const items = list.map((p) => {
    const where = [p.node, p.field].filter(Boolean).join(" · ") || p.path || "";
    const text = where ? t("admin.problems.where", { where, message: p.message }) : String(p.message ?? "");
    const go = p.node && onNode ? el("button", { type: "button", class: "button button-secondary button-small problem-node", dataset: { node: p.node }, onClick: () => onNode(p.node) }, p.node) : null;
    return el("li", { class: "problem", dataset: p.node ? { node: p.node } : {} }, go, go ? " " : null, text);
  });
  container.append(el("ul", { class: "problems-list" }, items));
}

function preferredLang() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked === "ko" || asked === "en") return asked;
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === "ko" || saved === "en") return saved;
  } catch {
    // storage blocked: Korean first
  }
  return "ko";
}

function renderHeader(top, page, lang, t, user) {
  top.classList.add("admin-top");
  const links = [...PAGES.map((p) => ({ ...p, current: p.page === page })), { page: "console", href: "/console/", key: "admin.nav.console", current: false }];
  const nav = el("nav", { class: "admin-nav", "aria-label": t("admin.nav.label") },
    el("ul", { class: "admin-nav-list" }, links.map((link) => el("li", {},
      el("a", { class: "admin-nav-link", href: link.href, "aria-current": link.current ? "page" : null, dataset: { page: link.page } }, t(link.key))))));
  const other = lang === "ko" ? "en" : "ko";
  const switchButton = el("button", {
    type: "button", id: "lang-switch", class: "chip", lang: other, "aria-label": t("admin.lang.switchLabel"),
    onClick: () => {
      try {
        localStorage.setItem(LANG_KEY, other);
      } catch {
        // storage blocked: the query string carries it
      }
      const url = new URL(location.href);
      url.searchParams.set("lang", other);
      location.assign(url.toString());
    },
  }, t("admin.lang.switch"));
  const who = user ? el("span", { id: "who", class: "who" }, t("admin.user.signedInAs", { name: user.username, role: user.role })) : null;
  top.replaceChildren(
    el("p", { class: "admin-title" }, t("admin.title")),
    nav,
    el("div", { class: "admin-top-actions" }, who, switchButton),
  );
}

function showAccessMessage(main, status, heading, text, link) {
  for (const child of main.children) if (child !== status) child.hidden = true;
  status.replaceChildren();
  main.append(el("div", { class: "notice access-notice", id: "access-notice" },
    el("h1", {}, heading),
    el("p", {}, text),
    el("p", {}, el("a", { class: "button", href: link.href }, link.text))));
}

/**
 * Loads the strings, draws the header and checks the session. Resolves to {user, lang, t,
 * announce, errorText} for an admin, or null after showing why the page cannot be used.
 */
export async function startAdminPage({ page }) {
  const main = document.getElementById("main");
  const status = document.getElementById("page-status");
  let top = document.getElementById("admin-top");
  if (!top) {
    top = el("header", { id: "admin-top", class: "admin-top" });
    document.body.prepend(top);
  }
  const lang = preferredLang();
  let strings = seedStrings(document);
  const stringsRes = await adminApi.call("GET", `/api/ui-strings/admin?lang=${lang}`);
  if (stringsRes.ok && typeof stringsRes.body?.strings === "object") strings = { ...strings, ...stringsRes.body.strings };
  document.documentElement.lang = lang;
  applyStrings(document, strings);
  const t = (key, params) => format(strings, key, params, lang);
  const announce = (text, { error = false } = {}) => {
    status.textContent = text;
    status.classList.toggle("page-status-error", error);
  };
  const errorText = (res) => {
    if (res.status === 0) return t("admin.error.offline");
    if (res.status === 401) return t("admin.error.signedOut");
    if (res.status === 403) return t("admin.error.forbidden");
    return res.body?.error?.message ?? t("admin.error.failed", { status: res.status });
  };

  const session = await me();
  const user = session.ok && session.body?.user && typeof session.body.user.username === "string" ? session.body.user : null;
  renderHeader(top, page, lang, t, user);
  main.setAttribute("aria-busy", "false");
  if (!user) {
    showAccessMessage(main, status, t("admin.title"), session.status === 0 ? t("admin.error.offline") : t("admin.access.signIn"), { href: "/console/", text: t("admin.access.signInLink") });
    return null;
  }
  if (user.role !== "admin") {
    showAccessMessage(main, status, t("admin.title"), t("admin.access.notAdmin", { name: user.username }), { href: "/console/", text: t("admin.access.backToConsole") });
    return null;
  }
  const body = document.getElementById("page-body");
  if (body) body.hidden = false;
  return { user, lang, t, announce, errorText };
}

/** A yes/no question in a <dialog> (no native confirm(), which tests and screen readers handle badly). */
export function confirmDialog(text, t) {
  return new Promise((resolve) => {
    const dialog = el("dialog", { class: "confirm", "aria-labelledby": "confirm-text" },
      el("form", { method: "dialog", class: "confirm-form" },
        el("p", { id: "confirm-text", class: "confirm-text" }, text),
        el("div", { class: "confirm-actions" },
          el("button", { type: "submit", value: "no", class: "button button-secondary" }, t("admin.confirm.no")),
          el("button", { type: "submit", value: "yes", class: "button", id: "confirm-yes" }, t("admin.confirm.yes")))));
    dialog.addEventListener("close", () => {
      resolve(dialog.returnValue === "yes");
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
