// The staff API seen from the console, over the pages' one API client (../shared/api-client.js):
// every call resolves (never throws) to {ok, status, body, retryAfter}; status 0 means the
// network failed before any answer. The session lives in an HttpOnly cookie; the CSRF token is
// kept in memory only and sent on every call that changes something. A 401 anywhere means
// "sign in again".
import { createApiClient } from "../shared/api-client.js";

const api = createApiClient();
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
  const result = await api.request(method, url, body);
  const token = tokenFrom(result.body);
  if (token) api.setCsrfToken(token);
  if (result.status === 401 && !quietUnauthorized) {
    api.setCsrfToken(null);
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
    api.setCsrfToken(null);
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
