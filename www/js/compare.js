//! The compare list: up to MAX_COMPARE extra curves, each with its own activation, parameters
//! and colour, drawn in both charts beside the main one.
//!
//! Each curve carries a colour `slot` (1..MAX_COMPARE, 0 is the main curve) that stays with it
//! when others are removed; slots are page-only and not part of the URL.

import { ParamEditor, choiceSelect, fillActivationSelect, wireNumberBox } from "./controls.js";
import { MAX_COMPARE, curveLabel, defaultCurve, formatNumber } from "./state.js";

/** @typedef {import("../pkg/actviz.js").ActivationInfo} ActivationInfo */
/** @typedef {import("../pkg/actviz.js").ActivationParams} ActivationParams */
/** @typedef {import("./state.js").ExplorerState} ExplorerState */
/** @typedef {import("./state.js").Curve & { slot?: number }} CompareCurve a curve with its colour slot */
/** @typedef {Omit<ExplorerState, "compare"> & { compare: CompareCurve[] }} State */

/**
 * What "Add a curve" picks: the best-ranked suggestion (`suggest` of wasm's `activations()`, lower
 * first) not already plotted, else the first activation.
 * @param {ActivationInfo[]} catalogue
 * @param {Set<string>} plotted ids already on the charts
 * @returns {string}
 */
export function nextSuggestion(catalogue, plotted) {
  const ranked = catalogue.filter((a) => a.suggest !== null && !plotted.has(a.id));
  ranked.sort((a, b) => a.suggest - b.suggest);
  return ranked[0]?.id ?? catalogue[0].id;
}

/**
 * Gives curves without a colour slot the lowest free ones.
 * @param {CompareCurve[]} curves
 * @returns {CompareCurve[]}
 */
export function assignSlots(curves) {
  const used = new Set(curves.map((c) => c.slot).filter((s) => s !== undefined));
  return curves.map((curve) => {
    if (curve.slot !== undefined) return curve;
    let slot = 1;
    while (used.has(slot)) slot += 1;
    used.add(slot);
    return { ...curve, slot };
  });
}

/**
 * @param {object} options
 * @param {ActivationInfo[]} options.catalogue wasm's `activations()`
 * @param {(id: string, params: ActivationParams) => unknown} options.validate
 * @param {HTMLElement} options.root the compare card
 * @param {() => State} options.getState the current explorer state
 * @param {(slot: number) => string} options.colorOf the colour of a slot in the current theme
 * @param {(compare: CompareCurve[]) => void} options.onChange called with the new list
 * @returns {{ set(compare: CompareCurve[]): void, recolor(): void }}
 */
export function createCompare({ catalogue, validate, root, getState, colorOf, onChange }) {
  const list = root.querySelector('[data-testid="compare-list"]');
  const add = /** @type {HTMLButtonElement} */ (root.querySelector('[data-testid="compare-add"]'));
  const count = root.querySelector("#compare-count");

  add.addEventListener("click", () => {
    const state = getState();
    if (state.compare.length >= MAX_COMPARE) return;
    const plotted = new Set([state.main.id, ...state.compare.map((c) => c.id)]);
    const id = nextSuggestion(catalogue, plotted);
    const next = assignSlots([...state.compare, defaultCurve(catalogue.find((a) => a.id === id))]);
    set(next);
    onChange(next);
    list.lastElementChild?.querySelector("select")?.focus();
  });

  /**
   * @param {number} index
   * @param {CompareCurve} curve
   */
  function replace(index, curve) {
    const next = getState().compare.map((c, i) => (i === index ? { ...curve, slot: c.slot } : c));
    onChange(next);
    const item = list.children[index];
    if (item) updateItemLabels(item, next[index], index);
  }

  /** @param {number} index */
  function remove(index) {
    const next = getState().compare.filter((_, i) => i !== index);
    set(next);
    onChange(next);
    /** @type {HTMLElement} */
    const focusTarget = list.children[Math.min(index, next.length - 1)]?.querySelector("select") ?? add;
    focusTarget.focus();
  }

  /**
   * @param {CompareCurve} curve
   * @param {number} index
   */
  function item(curve, index) {
    const li = document.createElement("li");
    li.className = "compare-item";
    li.dataset.testid = "compare-item";
    li.dataset.slot = String(curve.slot);

    const row = document.createElement("div");
    row.className = "compare-row";
    const chip = document.createElement("span");
    chip.className = "chip";
    chip.style.background = colorOf(curve.slot);
    const select = document.createElement("select");
    select.className = "select";
    select.dataset.testid = "compare-select";
    fillActivationSelect(select, catalogue, curve.id);
    const removeButton = document.createElement("button");
    removeButton.type = "button";
    removeButton.className = "icon-button";
    removeButton.dataset.testid = "compare-remove";
    removeButton.textContent = "×";
    removeButton.addEventListener("click", () => remove(index));
    row.append(chip, select, removeButton);

    const params = document.createElement("div");
    params.className = "compare-params";
    const error = document.createElement("p");
    error.className = "field-error";
    error.hidden = true;
    const editor = new ParamEditor(validate, error, (valid) => replace(index, valid));
    editor.reset(curve);
    buildParams(params, editor, curve);

    select.addEventListener("change", () => {
      const fresh = defaultCurve(catalogue.find((a) => a.id === select.value));
      editor.reset(fresh);
      buildParams(params, editor, fresh);
      replace(index, fresh);
    });

    li.append(row, params, error);
    updateItemLabels(li, curve, index);
    return li;
  }

  /**
   * Number boxes (arrow keys step them) or selects for a compare curve's parameters.
   * @param {HTMLElement} container
   * @param {ParamEditor} editor
   * @param {CompareCurve} curve
   */
  function buildParams(container, editor, curve) {
    const info = catalogue.find((a) => a.id === curve.id);
    container.replaceChildren(
      ...info.params.map((spec) => {
        const label = document.createElement("label");
        label.className = "mini-param";
        label.title = spec.description;
        const name = document.createElement("span");
        name.textContent = spec.name;
        let control;
        if (spec.kind === "choice") {
          control = choiceSelect(spec, curve.params[spec.name]);
          control.addEventListener("change", () => editor.edit(spec.name, control.value, [control]));
        } else if (spec.kind === "text") {
          // A formula: typed as text, checked by wasm on each input (the error shows below the list).
          control = document.createElement("input");
          Object.assign(control, { type: "text", className: "formula-input", maxLength: spec.maxLength, spellcheck: false });
          control.value = String(curve.params[spec.name]);
          control.addEventListener("input", () => editor.edit(spec.name, control.value, [control]));
        } else {
          control = document.createElement("input");
          control.type = "number";
          control.className = "number";
          control.step = String(spec.step);
          control.value = formatNumber(/** @type {number} */ (curve.params[spec.name]));
          wireNumberBox(control, editor, spec.name, () => {});
        }
        control.dataset.testid = `compare-param-${spec.name}`;
        label.append(name, control);
        return label;
      }),
    );
  }

  /**
   * Accessible names that say which curve a control belongs to.
   * @param {Element} li
   * @param {CompareCurve} curve
   * @param {number} index
   */
  function updateItemLabels(li, curve, index) {
    const info = catalogue.find((a) => a.id === curve.id);
    const name = `curve ${index + 2}`;
    li.querySelector("select").setAttribute("aria-label", `Activation of ${name}`);
    li.querySelector('[data-testid="compare-remove"]').setAttribute(
      "aria-label",
      `Remove ${name}: ${curveLabel(info, curve.params)}`,
    );
  }

  /** @param {CompareCurve[]} compare */
  function set(compare) {
    list.replaceChildren(...compare.map(item));
    add.disabled = compare.length >= MAX_COMPARE;
    count.textContent = `${compare.length} of ${MAX_COMPARE}`;
  }

  function recolor() {
    for (const li of /** @type {HTMLCollectionOf<HTMLElement>} */ (list.children)) {
      /** @type {HTMLElement} */ (li.querySelector(".chip")).style.background = colorOf(Number(li.dataset.slot));
    }
  }

  return { set, recolor };
}
