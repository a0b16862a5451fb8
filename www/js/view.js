//! The view controls: x range (two number boxes, zoom in / out, reset) and the y range of f(x)
//! (automatic, or fixed to two number boxes) and of f′(x) (two number boxes, both empty for automatic).

import { DEFAULT_X_RANGE, checkRange, formatNumber, parseNumber, zoomRange } from "./state.js";

/** @typedef {import("./state.js").ExplorerState} ExplorerState */

/**
 * @param {object} options
 * @param {HTMLElement} options.root the view card
 * @param {() => ExplorerState} options.getState the current explorer state
 * @param {() => number[] | null} options.getAutoYRange y range wasm used for f(x), if drawn
 * @param {(change: Partial<ExplorerState>) => void} options.onChange called with `{xmin, xmax}` or `{ymin, ymax}`
 * @returns {{ set(state: ExplorerState): void, showAutoYRange(range: number[] | null): void }}
 */
export function createViewControls({ root, getState, getAutoYRange, onChange }) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`[data-testid="${id}"]`));
  const input = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ ($(id));
  const xmin = input("xmin");
  const xmax = input("xmax");
  const ymin = input("ymin");
  const ymax = input("ymax");
  const yAuto = input("y-auto");
  const yFixed = input("y-fixed");
  const dymin = input("dymin");
  const dymax = input("dymax");
  const error = $("view-error");

  /**
   * @param {string} message
   * @param {HTMLInputElement[]} boxes marked invalid
   */
  function showError(message, boxes) {
    error.textContent = message;
    error.hidden = false;
    for (const box of boxes) box.setAttribute("aria-invalid", "true");
  }

  function clearError() {
    error.hidden = true;
    for (const box of [xmin, xmax, ymin, ymax, dymin, dymax]) box.removeAttribute("aria-invalid");
  }

  /**
   * Reads two boxes; commits their range or shows why not.
   * @param {HTMLInputElement} loBox
   * @param {HTMLInputElement} hiBox
   * @param {[string, string]} keys the state keys of the range
   * @param {string} label names the range in the error
   */
  function commit(loBox, hiBox, keys, label) {
    const lo = parseNumber(loBox.value);
    const hi = parseNumber(hiBox.value);
    const problem = checkRange(lo, hi);
    if (problem) {
      showError(`${label}: ${problem}.`, [loBox, hiBox]);
      return;
    }
    clearError();
    onChange({ [keys[0]]: lo, [keys[1]]: hi });
  }

  for (const box of [xmin, xmax]) box.addEventListener("change", () => commit(xmin, xmax, ["xmin", "xmax"], "x range"));
  for (const box of [ymin, ymax]) box.addEventListener("change", () => commit(ymin, ymax, ["ymin", "ymax"], "y range"));

  for (const box of [dymin, dymax]) {
    box.addEventListener("change", () => {
      // Both empty: automatic again. Otherwise both must form a range (positive on a log axis).
      if (dymin.value.trim() === "" && dymax.value.trim() === "") {
        clearError();
        onChange({ dymin: null, dymax: null });
        return;
      }
      const lo = parseNumber(dymin.value);
      if (getState().dlog && lo !== undefined && Number.isFinite(lo) && lo <= 0) {
        showError("f′ y range: on the log scale the minimum must be above 0.", [dymin]);
        return;
      }
      commit(dymin, dymax, ["dymin", "dymax"], "f′ y range");
    });
  }

  $("zoom-in").addEventListener("click", () => {
    const { xmin: lo, xmax: hi } = getState();
    const [nlo, nhi] = zoomRange(lo, hi, 0.5);
    clearError();
    onChange({ xmin: nlo, xmax: nhi });
  });
  $("zoom-out").addEventListener("click", () => {
    const { xmin: lo, xmax: hi } = getState();
    const [nlo, nhi] = zoomRange(lo, hi, 2);
    clearError();
    onChange({ xmin: nlo, xmax: nhi });
  });
  $("zoom-reset").addEventListener("click", () => {
    clearError();
    onChange({ xmin: DEFAULT_X_RANGE[0], xmax: DEFAULT_X_RANGE[1] });
  });

  yAuto.addEventListener("change", () => {
    clearError();
    onChange({ ymin: null, ymax: null });
  });
  yFixed.addEventListener("change", () => {
    // Start from what auto showed, rounded to something a person would type.
    const auto = getAutoYRange() ?? [-1, 1];
    let lo = Number(auto[0].toPrecision(3));
    let hi = Number(auto[1].toPrecision(3));
    if (checkRange(lo, hi)) [lo, hi] = [-1, 1];
    clearError();
    onChange({ ymin: lo, ymax: hi });
  });

  /** @param {ExplorerState} state */
  function set(state) {
    if (document.activeElement !== xmin) xmin.value = formatNumber(state.xmin);
    if (document.activeElement !== xmax) xmax.value = formatNumber(state.xmax);
    const fixed = state.ymin !== null && state.ymax !== null;
    /** @type {[HTMLInputElement, number | null | undefined][]} */
    const dBoxes = [[dymin, state.dymin], [dymax, state.dymax]];
    for (const [box, value] of dBoxes) {
      if (document.activeElement !== box) box.value = value == null ? "" : formatNumber(value);
    }
    yAuto.checked = !fixed;
    yFixed.checked = fixed;
    ymin.disabled = !fixed;
    ymax.disabled = !fixed;
    if (fixed) {
      if (document.activeElement !== ymin) ymin.value = formatNumber(state.ymin);
      if (document.activeElement !== ymax) ymax.value = formatNumber(state.ymax);
    }
  }

  /**
   * While y is automatic, the disabled boxes show the range wasm picked.
   * @param {number[] | null} range
   */
  function showAutoYRange(range) {
    if (!yAuto.checked || !range) return;
    ymin.value = formatNumber(Number(range[0].toPrecision(3)));
    ymax.value = formatNumber(Number(range[1].toPrecision(3)));
  }

  return { set, showAutoYRange };
}
