// @ts-check
// Keeps the sticky parts of the page (the header with the quick exit and the urgent panel at the
// top, the answer bar at the bottom) from covering what they should not: focused and
// scrolled-to elements stay clear of them, and a part that would take too much of a small screen
// (very large text, many urgent numbers) joins the page instead of staying stuck.

/**
 * @param {{ top: HTMLElement, panel: HTMLElement, composer: HTMLElement }} parts
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
