// The flow editor's Preview tab: a small chat that runs the saved draft through
// POST <flow API base>/draft/preview. The server keeps nothing; the state travels here.
import { adminApi, el } from "./admin-common.js";

/**
 * Wires the preview controls; returns {restart} so the editor can start over after a save.
 * `base` is the flow's API path, given by the editor (e.g. /api/admin/flows/default).
 */
export function createPreviewChat({ base, log, options, form, input, langSelect, restartButton, page }) {
  const previewUrl = `${base}/draft/preview`;
  const chat = { state: null, busy: false, started: false };

  const say = (who, text) => {
    const item = el("li", { class: `bubble bubble-${who}` },
      el("span", { class: "sr-only" }, `${page.t(who === "user" ? "admin.flow.preview.you" : "admin.flow.preview.bot")}: `), text);
    log.append(item);
    item.scrollIntoView({ block: "nearest" });
  };

  const showTurn = (turn) => {
    for (const message of turn.messages ?? []) say("bot", String(message.text ?? ""));
    const buttons = (turn.options ?? []).map((option) => el("button", {
      type: "button", class: "button button-secondary button-small", dataset: { optionId: option.id },
      onClick: () => send({ optionId: option.id }, option.label),
    }, option.label));
    options.replaceChildren(...buttons);
    if (turn.done) say("bot", page.t("admin.flow.preview.done"));
    input.disabled = Boolean(turn.done);
  };

  async function send(answer, shown) {
    if (chat.busy) return;
    chat.busy = true;
    log.setAttribute("aria-busy", "true");
    const body = { lang: langSelect.value === "en" ? "en" : "ko" };
    if (answer) {
      body.state = chat.state;
      body.input = answer;
      say("user", shown);
    }
    const res = await adminApi.call("POST", previewUrl, body);
    chat.busy = false;
    log.setAttribute("aria-busy", "false");
    if (!res.ok || !res.body?.turn) {
      page.announce(page.errorText(res), { error: true });
      return;
    }
    chat.state = res.body.state;
    showTurn(res.body.turn);
  }

  function restart() {
    chat.state = null;
    chat.started = true;
    log.replaceChildren();
    options.replaceChildren();
    input.value = "";
    input.disabled = false;
    return send(null, "");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !chat.state) return;
    input.value = "";
    void send({ text }, text);
  });
  restartButton.addEventListener("click", () => void restart());
  langSelect.addEventListener("change", () => void restart());

  return {
    restart,
    /** Starts the chat the first time the tab is shown. */
    ensureStarted: () => (chat.started ? Promise.resolve() : restart()),
    /** A save changed the draft: the next showing starts over. */
    invalidate: () => {
      chat.started = false;
    },
  };
}
