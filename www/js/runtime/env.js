/**
 * @file The page's environment as the charts see it: the colour scheme and the pixel ratio. One
 * pair of media-query listeners serves every page, chart and `<activation-plot>` on the page.
 */

const darkScheme = matchMedia("(prefers-color-scheme: dark)");

/**
 * The colour scheme to draw in, from `prefers-color-scheme`.
 * @returns {"light" | "dark"}
 */
export function currentTheme() {
  return darkScheme.matches ? "dark" : "light";
}

/** @type {Set<() => void>} */
const listeners = new Set();
const notify = () => listeners.forEach((listener) => listener());
let watching = false;

/** Re-arms a one-shot query on the current ratio: it fires when the ratio leaves it (zoom, another screen). */
function watchScale() {
  matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener(
    "change",
    () => {
      watchScale();
      notify();
    },
    { once: true },
  );
}

/**
 * Calls `onChange` whenever the colour scheme or devicePixelRatio changes (redraw then).
 * @param {() => void} onChange
 * @returns {() => void} stops calling it
 */
export function watchEnvironment(onChange) {
  if (!watching) {
    watching = true;
    darkScheme.addEventListener("change", notify);
    watchScale();
  }
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}
