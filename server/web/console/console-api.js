// The staff API seen from the console. Every call resolves (never throws) to
// {ok, status, body, retryAfter}; status 0 means the network failed before any answer.
// The session lives in an HttpOnly cookie; the CSRF token is kept in memory only and sent on
// every call that changes something. A 401 anywhere means "sign in again".

let csrfToken = null;
let onUnauthorized = () => {};

/** Called with no arguments whenever the server says the session is gone. */
export function whenSignedOut(handler) {
  onUnauthorized = handler;
}

function tokenFrom(body) {
  if (body && typeof body.csrfToken === "string") return body.csrfToken;
  if (body && typeof body.csrf === "string") return body.csrf;
  return null;
}

async function call(method, url, body, { quietUnauthorized = false } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
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
  const token = tokenFrom(data);
  if (token) csrfToken = token;
  const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  const result = { ok: response.ok, status: response.status, body: data, retryAfter: Number.isFinite(retryAfter) ? retryAfter : null };
  if (response.status === 401 && !quietUnauthorized) {
    csrfToken = null;
    onUnauthorized();
  }
  return result;
}

const query = (params) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
};
const enc = encodeURIComponent;

export const consoleApi = {
  me: () => call("GET", "/api/staff/me", undefined, { quietUnauthorized: true }),
  login: (username, password) => call("POST", "/api/staff/login", { username, password }, { quietUnauthorized: true }),
  logout: async () => {
    const res = await call("POST", "/api/staff/logout", {}, { quietUnauthorized: true });
    csrfToken = null;
    return res;
  },
  uiStrings: (lang) => call("GET", `/api/ui-strings/console${query({ lang })}`),
  appointments: (filter) => call("GET", `/api/staff/appointments${query(filter)}`),
  intake: (id, lang) => call("GET", `/api/staff/intakes/${enc(id)}${query({ lang })}`),
  setStatus: (code, status) => call("POST", `/api/staff/bookings/${enc(code)}/status`, { status }),
  addNote: (id, text) => call("POST", `/api/staff/intakes/${enc(id)}/notes`, { text }),
  correct: (id, correction) => call("POST", `/api/staff/intakes/${enc(id)}/corrections`, correction),
  analytics: (version, lang) => call("GET", `/api/admin/flows/default/analytics${query({ version, lang })}`),
};

/** The user a login or /me answer names, or null. */
export function userFrom(body) {
  const user = body && typeof body.user === "object" ? body.user : null;
  return user && typeof user.username === "string" ? user : null;
}
