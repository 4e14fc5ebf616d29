// The chat API of CONTRACT.md, seen from the page. Every call resolves (never throws) to
// {ok, status, body, retryAfter}; status 0 means the network failed before any answer.

const SESSION_KEY = "hanbeon.session";

/** @returns {Promise<{ok: boolean, status: number, body: unknown, retryAfter: number | null}>} */
async function call(method, url, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, {
      method, headers, cache: "no-store", credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, body: null, retryAfter: null };
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  return { ok: response.ok, status: response.status, body: data, retryAfter: Number.isFinite(retryAfter) ? retryAfter : null };
}

const sessionPath = (id) => `/api/chat/sessions/${encodeURIComponent(id)}`;

export const chatApi = {
  createSession: (lang) => call("POST", "/api/chat/sessions", { lang }),
  send: (id, message, lang) => call("POST", `${sessionPath(id)}/messages?lang=${encodeURIComponent(lang)}`, message),
  resume: (id) => call("GET", sessionPath(id)),
  erase: (id) => call("DELETE", sessionPath(id)),
  uiStrings: (lang) => call("GET", `/api/ui-strings?lang=${encodeURIComponent(lang)}`),
  services: (lang) => call("GET", `/api/services?lang=${encodeURIComponent(lang)}`),
};

/** True when the answer is worth retrying as it is: offline, rate limited, or briefly down. */
export function isTransient(result) {
  return result.status === 0 || result.status === 429 || result.status === 503 || result.status >= 500;
}

/** The session id and its language, kept so a reload resumes the same conversation. */
export const savedSession = {
  read() {
    try {
      const parsed = JSON.parse(localStorage.getItem(SESSION_KEY) ?? "null");
      if (parsed && typeof parsed.id === "string" && (parsed.lang === "ko" || parsed.lang === "en")) return parsed;
    } catch {
      // storage blocked or a stale value: behave as if nothing was saved
    }
    return null;
  },
  write(id, lang) {
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
};
