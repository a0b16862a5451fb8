//! The lab's settings: every element with `data-field="<url key>"` (selects, sliders and the
//! number boxes beside them), the preset picker and the "new seed" button. Sliders and boxes of
//! one field stay in sync; the learning-rate slider is logarithmic. An invalid number in a box
//! is shown as an error next to it and is not applied; leaving the box puts the value back.

import { FIELDS, checkField, formatNumber, lrToSlider, parseNumber, sliderToLr } from "./state.js";

const FIELD_BY_KEY = Object.fromEntries(FIELDS.map((f) => [f.key, f]));

/**
 * @param {object} options
 * @param {ParentNode} options.root holds the settings cards
 * @param {() => object} options.getState the lab state in use
 * @param {(change: object) => void} options.onChange called with `{ key: value }` per valid edit
 * @param {(presetId: string) => void} options.onPreset called when a preset is picked
 * @returns {{ set(state: object, modified: boolean): void, enable(): void }}
 */
export function createSettings({ root, getState, onChange, onPreset }) {
  const controls = [...root.querySelectorAll("[data-field]")];
  const preset = root.querySelector('[data-testid="lab-preset"]');
  const modifiedTag = root.querySelector('[data-testid="lab-modified"]');
  const momentumNote = root.querySelector('[data-testid="momentum-note"]');

  const kindOf = (control) => {
    if (control.tagName === "SELECT") return "select";
    return control.type === "range" ? "range" : "number";
  };
  const siblings = (control) => controls.filter((c) => c !== control && c.dataset.field === control.dataset.field);
  const errorOf = (control) => control.closest(".card")?.querySelector(".field-error");

  function showError(control, message) {
    control.setAttribute("aria-invalid", "true");
    const error = errorOf(control);
    if (!error) return;
    error.textContent = message;
    error.hidden = false;
    error.dataset.field = control.dataset.field;
  }

  function clearError(control) {
    for (const c of [control, ...siblings(control)]) c.removeAttribute("aria-invalid");
    const error = errorOf(control);
    if (error && error.dataset.field === control.dataset.field) error.hidden = true;
  }

  /** Writes `value` of `key` into one control. */
  function show(control, key, value) {
    const kind = kindOf(control);
    if (kind === "range") control.value = String(key === "lr" ? lrToSlider(value) : value);
    else if (kind === "number") control.value = formatNumber(value);
    else control.value = value;
  }

  for (const control of controls) {
    const key = control.dataset.field;
    const field = FIELD_BY_KEY[key];
    const kind = kindOf(control);
    if (kind === "select") {
      control.addEventListener("change", () => onChange({ [key]: control.value }));
    } else if (kind === "range") {
      control.addEventListener("input", () => {
        const value = key === "lr" ? sliderToLr(control.value) : Number(control.value);
        for (const other of siblings(control)) show(other, key, value);
        clearError(control);
        onChange({ [key]: value });
      });
    } else {
      control.addEventListener("input", () => {
        const { value, error } = checkField(field, control.value);
        if (error) {
          // An unparsable entry reads as "" from a number box (validity.badInput).
          const got = control.value ? `, got "${control.value}"` : "";
          showError(control, `${field.name} ${error}${got}`);
          return;
        }
        clearError(control);
        for (const other of siblings(control)) show(other, key, value);
        onChange({ [key]: value });
      });
      control.addEventListener("change", () => {
        if (checkField(field, control.value).error) {
          show(control, key, getState()[key]);
          clearError(control);
        }
      });
    }
  }

  preset.addEventListener("change", () => onPreset(preset.value));

  root.querySelector('[data-testid="lab-new-seed"]').addEventListener("click", () => {
    // A fresh seed on request only; every run stays reproducible from its URL.
    const seed = crypto.getRandomValues(new Uint32Array(1))[0];
    onChange({ seed });
  });

  /** Shows `state` in every control (a box being typed in keeps its text if it means the same). */
  function set(state, modified) {
    for (const control of controls) {
      const key = control.dataset.field;
      const value = state[key];
      if (control === document.activeElement && kindOf(control) === "number" && parseNumber(control.value) === value) {
        continue;
      }
      show(control, key, value);
    }
    const sgd = state.optimizer === "sgd";
    for (const control of controls.filter((c) => c.dataset.field === "momentum")) control.disabled = !sgd;
    momentumNote.textContent = sgd ? "" : "(SGD only)";
    preset.value = state.preset;
    modifiedTag.hidden = !modified;
  }

  function enable() {
    preset.disabled = false;
  }

  return { set, enable };
}
