// @ts-check
// The chat API of CONTRACT.md, seen from the page, over the pages' one API client: every call
// resolves (never throws) to {ok, status, body, retryAfter}; status 0 means no answer came back
// at all (the network, or our server, could not be reached).
import { createApiClient } from "../shared/api-client.js";

/** @typedef {import("../../../bot/contract/turn-schema").Turn} Turn */
/** @typedef {import("../../../bot/contract/turn-schema").UrgentItemView} UrgentItem */
/** @typedef {import("../../../bot/conversation/chat-input").ChatCommand} ChatCommand */
/** @typedef {import("zod").infer<typeof import("../../../bot/contract/evaluation-schema").serviceSchema>} Service */
/** @typedef {"ko" | "en"} Lang */
/** @typedef {{ text: string } | { optionId: string } | { command: ChatCommand }} Message */
/** @typedef {import("../shared/api-client.js").Reply} Reply */

const SESSION_KEY = "hanbeon.session";

// The chat API needs no CSRF token: it has no cookie session, only the id the page holds.
const api = createApiClient();
const call = api.request;

/** @param {string} id */
const sessionPath = (id) => `/api/chat/sessions/${encodeURIComponent(id)}`;

export const chatApi = {
  /** @param {Lang} lang */
  createSession: (lang) => call("POST", "/api/chat/sessions", { lang }),
  /** @param {string} id @param {Message} message @param {Lang} lang */
  send: (id, message, lang) => call("POST", `${sessionPath(id)}/messages?lang=${encodeURIComponent(lang)}`, message),
  /** @param {string} id */
  resume: (id) => call("GET", sessionPath(id)),
  /** @param {string} id */
  erase: (id) => call("DELETE", sessionPath(id)),
  /** @param {Lang} lang */
  uiStrings: (lang) => call("GET", `/api/ui-strings?lang=${encodeURIComponent(lang)}`),
  /** @param {Lang} lang */
  services: (lang) => call("GET", `/api/services?lang=${encodeURIComponent(lang)}`),
  /**
   * The booking's calendar file: a POST with the code and the phone, so the phone never lands in a URL.
   * @param {string} code @param {string} phone @param {Lang} lang
   */
  calendar: (code, phone, lang) => api.requestBlob("POST", `/api/bookings/ics?lang=${encodeURIComponent(lang)}`, { code, phone }, "text/calendar"),
};

/**
 * True when the answer is worth retrying as it is: no answer at all, rate limited, or our server
 * failing (5xx, 503 while a store is down).
 * @param {Reply} reply
 */
export function isTransient(reply) {
  return reply.status === 0 || reply.status === 429 || reply.status >= 500;
}

/**
 * True when the service itself could not be reached or failed: the page then shows numbers to
 * call that need no server. A 429 is an answer from a working server, so it is not one.
 * @param {Reply} reply
 */
export function isUnreachable(reply) {
  return reply.status === 0 || reply.status >= 500;
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
const isRecord = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * @param {unknown} value
 * @param {readonly string[]} keys
 */
const hasStrings = (value, keys) => isRecord(value) && keys.every((key) => typeof value[key] === "string");

/**
 * The turn in an answer, checked in the parts the page reads; null when the answer is not one of
 * ours (a proxy's error page, a truncated body): the page then treats it as a failed request.
 * @param {Reply} reply
 * @returns {Turn | null}
 */
export function turnOf(reply) {
  const turn = isRecord(reply.body) ? reply.body.turn : undefined;
  return isTurn(turn) ? turn : null;
}

/**
 * @param {unknown} value
 * @returns {value is Turn}
 */
function isTurn(value) {
  return isRecord(value)
    && Array.isArray(value.messages) && value.messages.every((m) => hasStrings(m, ["text"]))
    && Array.isArray(value.options) && value.options.every((o) => hasStrings(o, ["id", "label"]))
    && hasStrings(value.input, ["kind"])
    && typeof value.done === "boolean"
    && Array.isArray(value.urgent) && value.urgent.every((u) => hasStrings(u, ["code", "label", "phone"]))
    && (value.evaluation === undefined || isRecord(value.evaluation))
    && (value.booking === undefined || isRecord(value.booking));
}

/**
 * The new session's id in a create answer, or null.
 * @param {Reply} reply
 */
export function sessionIdOf(reply) {
  const id = isRecord(reply.body) ? reply.body.sessionId : undefined;
  return typeof id === "string" ? id : null;
}

/**
 * The error message of a contract error body, or null.
 * @param {Reply} reply
 */
export function errorMessageOf(reply) {
  const error = isRecord(reply.body) ? reply.body.error : undefined;
  return isRecord(error) && typeof error.message === "string" ? error.message : null;
}

/**
 * The page's labels in an answer of GET /api/ui-strings, or null.
 * @param {Reply} reply
 * @returns {Record<string, string> | null}
 */
export function stringsOf(reply) {
  const strings = isRecord(reply.body) ? reply.body.strings : undefined;
  if (!reply.ok || !isRecord(strings)) return null;
  /** @type {Record<string, string>} */
  const found = {};
  for (const [key, value] of Object.entries(strings)) if (typeof value === "string") found[key] = value;
  return found;
}

/**
 * The services of GET /api/services by id; empty when the answer is not a list.
 * @param {Reply} reply
 * @returns {Record<string, Service>}
 */
export function servicesOf(reply) {
  const list = reply.ok && isRecord(reply.body) && Array.isArray(reply.body.services) ? reply.body.services : [];
  /** @type {Record<string, Service>} */
  const byId = {};
  for (const service of list) if (isService(service)) byId[service.id] = service;
  return byId;
}

/**
 * @param {unknown} value
 * @returns {value is Service}
 */
function isService(value) {
  return hasStrings(value, ["id", "name", "provider", "specialty", "description"]);
}

/** @typedef {{ id: string, lang: Lang }} SavedSession */

// Once the resident has left with the quick exit, nothing is written again: an answer still on
// its way must not save the session id back after it was forgotten.
let forgotten = false;

/** The session id and its language, kept so a reload resumes the same conversation. */
export const savedSession = {
  /** @returns {SavedSession | null} */
  read() {
    try {
      /** @type {unknown} */
      const parsed = JSON.parse(localStorage.getItem(SESSION_KEY) ?? "null");
      if (isRecord(parsed) && typeof parsed.id === "string" && (parsed.lang === "ko" || parsed.lang === "en")) return { id: parsed.id, lang: parsed.lang };
    } catch {
      // storage blocked or a stale value: behave as if nothing was saved
    }
    return null;
  },
  /** @param {string} id @param {Lang} lang */
  write(id, lang) {
    if (forgotten) return;
    try {
      localStorage.setItem(SESSION_KEY, JSON.stringify({ id, lang }));
    } catch {
      // private mode without storage: the conversation still works, it just will not resume
    }
  },
  clear() {
    try {
      localStorage.removeItem(SESSION_KEY);
    } catch {
      // nothing stored to clear
    }
  },
  /** Clears the saved id and keeps it cleared for the rest of this page's life (the quick exit). */
  forget() {
    forgotten = true;
    savedSession.clear();
  },
};
