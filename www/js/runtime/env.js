/** @file The page's environment: colour scheme and pixel density, and their changes. */

const darkScheme = matchMedia("(prefers-color-scheme: dark)");

/** @returns {"light" | "dark"} */
export function currentTheme() {
  return darkScheme.matches ? "dark" : "light";
}

/**
 * Calls `onChange` when the colour scheme or devicePixelRatio changes.
 * @param {() => void} onChange
 */
export function watchEnvironment(onChange) {
  darkScheme.addEventListener("change", onChange);
  const watchScale = () => {
    matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener(
      "change",
      () => {
        onChange();
        watchScale();
      },
      { once: true },
    );
  };
  watchScale();
}
