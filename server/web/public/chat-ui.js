// @ts-check
// The chat page's elements, found once by id: the page cannot work without any of them.

/**
 * The element with `id`, of the expected kind.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T, prototype: T }} kind
 * @returns {T}
 */
function byId(id, kind) {
  const node = document.getElementById(id);
  if (!(node instanceof kind)) throw new Error(`the page has no #${id}`);
  return node;
}

/** The chat page's parts, by role. */
export function findChatUi() {
  return {
    main: byId("main", HTMLElement), loading: byId("loading", HTMLElement), log: byId("log", HTMLElement),
    results: byId("results", HTMLElement), resultsHeading: byId("results-heading", HTMLElement),
    result: {
      headline: byId("result-headline", HTMLElement), urgent: byId("urgent", HTMLElement), top: byId("top-services", HTMLElement),
      loans: byId("loans", HTMLElement), nearMisses: byId("near-misses", HTMLElement), more: byId("more-services", HTMLElement),
    },
    resultActions: byId("result-actions", HTMLElement), choices: byId("choices", HTMLElement), hint: byId("answer-hint", HTMLElement),
    centerCall: byId("center-call", HTMLAnchorElement),
    panel: { panel: byId("urgent-panel", HTMLElement), list: byId("urgent-calls", HTMLElement) },
    top: byId("top", HTMLElement), quickExit: byId("quick-exit", HTMLAnchorElement), composer: byId("composer", HTMLElement),
    progress: byId("progress", HTMLProgressElement), progressText: byId("progress-text", HTMLElement),
    statusText: byId("status-text", HTMLElement), retry: byId("retry", HTMLButtonElement),
    form: byId("answer-form", HTMLFormElement), answer: byId("answer", HTMLInputElement), send: byId("send", HTMLButtonElement),
    units: byId("units", HTMLElement), back: byId("back", HTMLButtonElement), restart: byId("restart", HTMLButtonElement),
    erase: byId("erase", HTMLButtonElement), langSwitch: byId("lang-switch", HTMLButtonElement),
    confirm: byId("confirm", HTMLDialogElement), confirmText: byId("confirm-text", HTMLElement),
  };
}

/** @typedef {ReturnType<typeof findChatUi>} ChatUi */
