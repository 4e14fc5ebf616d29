// @ts-check
// What the page shows while it waits: the HTML's own "불러오는 중" until the first turn is drawn
// (it needs no script to show), and "보내는 중" while an answer is on its way, with every answer
// button, the input and the send button held (aria-disabled, read-only) so a second tap sends
// nothing. Buttons are not `disabled`, so the one just tapped keeps the focus.

/**
 * @typedef {{ main: HTMLElement, form: HTMLFormElement, answer: HTMLInputElement, send: HTMLButtonElement,
 *   choices: HTMLElement, back: HTMLButtonElement, statusText: HTMLElement }} BusyParts
 */

/**
 * Marks the page busy (or not); with `sendingText`, also says so and holds the answer controls.
 * @param {BusyParts} parts
 * @param {boolean} busy
 * @param {string} [sendingText]
 */
export function showBusy(parts, busy, sendingText) {
  parts.main.setAttribute("aria-busy", String(busy));
  parts.form.setAttribute("aria-busy", String(busy));
  const sending = busy && sendingText !== undefined;
  document.body.classList.toggle("is-sending", sending);
  parts.answer.readOnly = sending;
  for (const button of [parts.send, parts.back, ...parts.choices.querySelectorAll("button")]) hold(button, sending);
  // The status line says "보내는 중" only while that is true: a message written meanwhile (a
  // retry notice) stays.
  if (sending) {
    parts.statusText.textContent = sendingText;
    parts.statusText.dataset.sending = "true";
  } else if (parts.statusText.dataset.sending === "true") {
    parts.statusText.textContent = "";
    parts.statusText.dataset.sending = "false";
  }
}

/**
 * Holds a button (aria-disabled) or gives it back the state it had before.
 * @param {HTMLElement} button
 * @param {boolean} held
 */
function hold(button, held) {
  const before = button.dataset.heldFrom;
  if (held && before === undefined) {
    button.dataset.heldFrom = button.getAttribute("aria-disabled") ?? "";
    button.setAttribute("aria-disabled", "true");
  } else if (!held && before !== undefined) {
    delete button.dataset.heldFrom;
    if (before === "") button.removeAttribute("aria-disabled");
    else button.setAttribute("aria-disabled", before);
  }
}

/**
 * Hides the HTML's loading placeholder once there is something to show instead.
 * @param {HTMLElement} loading
 */
export function endLoading(loading) {
  loading.hidden = true;
}
