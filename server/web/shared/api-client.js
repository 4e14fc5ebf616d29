// @ts-check
// Our HTTP API seen from a page. Every call resolves (never throws) to {ok, status, body,
// retryAfter}; status 0 means no answer came back at all (the network, or our server, could not
// be reached). A JSON answer is parsed (null when it does not parse), any other answer is its
// text, a 204 is null. A client that has been given a CSRF token sends it on every call that
// changes something; the page decides where the token comes from (the staff session answers).

/** @typedef {{ ok: boolean, status: number, body: unknown, retryAfter: number | null }} Reply */
/** @typedef {{ ok: boolean, status: number, blob: Blob | null }} BlobReply */
/**
 * @typedef {{
 *   request: (method: string, url: string, body?: unknown) => Promise<Reply>,
 *   requestBlob: (method: string, url: string, body: unknown, accept: string) => Promise<BlobReply>,
 *   setCsrfToken: (token: string | null) => void,
 *   hasCsrfToken: () => boolean,
 * }} ApiClient
 */

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** @returns {ApiClient} */
export function createApiClient() {
  /** @type {string | null} */
  let csrfToken = null;

  /**
   * @param {string} method
   * @param {string} url
   * @param {unknown} body
   * @param {string} accept
   * @returns {Promise<Response | null>}
   */
  const send = async (method, url, body, accept) => {
    /** @type {Record<string, string>} */
    const headers = { Accept: accept };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (!SAFE_METHODS.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
    try {
      return await fetch(url, {
        method, headers, cache: "no-store", credentials: "same-origin",
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return null;
    }
  };

  return {
    async request(method, url, body) {
      const response = await send(method, url, body, "application/json");
      if (!response) return { ok: false, status: 0, body: null, retryAfter: null };
      const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
      return { ok: response.ok, status: response.status, body: await readBody(response), retryAfter: Number.isFinite(retryAfter) ? retryAfter : null };
    },
    async requestBlob(method, url, body, accept) {
      const response = await send(method, url, body, accept);
      if (!response) return { ok: false, status: 0, blob: null };
      try {
        return { ok: response.ok, status: response.status, blob: response.ok ? await response.blob() : null };
      } catch {
        return { ok: false, status: 0, blob: null };
      }
    },
    setCsrfToken(token) {
      csrfToken = token;
    },
    hasCsrfToken: () => csrfToken !== null,
  };
}

/**
 * @param {Response} response
 * @returns {Promise<unknown>}
 */
async function readBody(response) {
  if (response.status === 204) return null;
  const type = response.headers.get("Content-Type") ?? "";
  try {
    return type.includes("json") ? await response.json() : await response.text();
  } catch {
    return null;
  }
}
