// @ts-check
// The quick exit: one tap and the conversation is gone from the screen and from this phone's
// storage, and the page is replaced by a neutral site, so the back button does not return here.
import { savedSession } from "./chat-api.js";

/**
 * Where the quick exit goes: the page strings' `exit.url` when it is an https address, else the
 * exit link's own href (the HTML's default, which works without the server).
 * @param {import("../shared/format-message.js").Strings} strings
 * @param {HTMLAnchorElement} link
 */
export function exitDestination(strings, link) {
  const asked = strings["exit.url"] ?? "";
  return /^https:\/\/[^\s]+$/.test(asked) ? asked : link.href;
}

/**
 * Leaves at once: forgets the saved session id (and writes none again), clears what is shown,
 * empties the page and replaces it in the history with `destination`. The conversation stays on
 * the server, unreachable without the id, until it expires: erasing it there would also erase the
 * intake a booked counsellor reads, and a tap by mistake could not be undone.
 * @param {{ destination: string, clear: () => void }} how
 */
export function leaveQuickly({ destination, clear }) {
  savedSession.forget();
  clear();
  document.title = "";
  document.body.replaceChildren();
  location.replace(destination);
}
