// @ts-check
// Keeps the sticky parts of the page (the header with the quick exit and the urgent panel at the
// top, the answer bar at the bottom) from covering what they should not: focused and
// scrolled-to elements stay clear of them, and a part that would take too much of a small screen
// (very large text, many urgent numbers) joins the page instead of staying stuck. Also measures
// what a resident sees without scrolling, for the first question and for the result.

/** @typedef {{ top: HTMLElement, panel: HTMLElement, composer: HTMLElement }} StickyParts */

/**
 * @param {StickyParts} parts
 */
export function trackStickyParts({ top, panel, composer }) {
  const root = document.documentElement;
  const update = () => {
    const screen = window.innerHeight;
    const composerStatic = composer.offsetHeight > screen * 0.4;
    composer.classList.toggle("composer-static", composerStatic);
    const topHeight = top.offsetHeight;
    const panelHeight = panel.hidden ? 0 : panel.offsetHeight;
    // The header (with the quick exit) always stays; the panel stays with it unless together
    // they would take most of the screen, and then it waits at the top of the page.
    const panelStatic = topHeight + panelHeight > screen * 0.45;
    panel.classList.toggle("urgent-panel-static", panelStatic);
    root.style.setProperty("--top-height", `${topHeight}px`);
    root.style.scrollPaddingTop = `${topHeight + (panelStatic ? 0 : panelHeight) + 8}px`;
    root.style.scrollPaddingBottom = composerStatic ? "" : `${composer.offsetHeight + 8}px`;
  };
  const observer = new ResizeObserver(update);
  for (const part of [top, panel, composer]) observer.observe(part);
  window.addEventListener("resize", update);
  update();
}

/**
 * The band of the window not covered by the sticky parts, in viewport pixels; a part given as
 * null is not counted.
 * @param {{ top: HTMLElement, panel: HTMLElement | null, composer: HTMLElement }} parts
 * @returns {{ top: number, bottom: number }}
 */
export function visibleBand({ top, panel, composer }) {
  const covered = (/** @type {HTMLElement | null} */ part) => part !== null && !part.hidden && getComputedStyle(part).position === "sticky";
  const topEdge = Math.max(covered(top) ? top.getBoundingClientRect().bottom : 0, panel && covered(panel) ? panel.getBoundingClientRect().bottom : 0, 0);
  const bottomEdge = covered(composer) ? Math.min(composer.getBoundingClientRect().top, window.innerHeight) : window.innerHeight;
  return { top: topEdge, bottom: bottomEdge };
}

/**
 * Makes sure the answer buttons of a question are on screen without the resident scrolling: when
 * they are below the answer bar (large text, a long welcome), the question is brought to the top,
 * and if the buttons still do not fit, their end is brought into view.
 * @param {StickyParts} parts
 * @param {{ question: HTMLElement | null | undefined, answers: HTMLElement }} what
 */
export function revealAnswers(parts, { question, answers }) {
  if (answers.hidden) return;
  const fits = () => answers.getBoundingClientRect().bottom <= visibleBand(parts).bottom + 1;
  if (fits()) return;
  question?.scrollIntoView({ block: "start" });
  if (!fits()) answers.scrollIntoView({ block: "end" });
}
