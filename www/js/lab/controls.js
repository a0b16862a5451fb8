//! The lab's settings: every element with `data-field="<url key>"` (selects, sliders and the
//! number boxes beside them), the preset picker and the "new seed" button. Sliders and boxes of
//! one field stay in sync; the learning-rate slider is logarithmic. An invalid number in a box
//! is shown as an error next to it and is not applied; leaving the box puts the value back.
//! The page's HTML holds only the controls' places: their labels, limits, steps and choices, and
//! the presets, are filled in from wasm's `labSchema()`.

import { checkField, fromLogSlider, logSlider, parseNumber, toLogSlider, valueText } from "./state.js";

/**
 * @param {object} options
 * @param {ParentNode} options.root holds the settings cards
 * @param {import("./state.js").Field[]} options.fields the settings (`labEnv(...).fields`)
 * @param {Array<{ id: string, label: string }>} options.presets the presets, in menu order
 * @param {() => import("./state.js").LabState} options.getState the lab state in use
 * @param {(change: Record<string, number | string>) => void} options.onChange called with `{ key: value }` per valid edit
 * @param {(presetId: string) => void} options.onPreset called when a preset is picked
 * @returns {{ set(state: import("./state.js").LabState, modified: boolean): void, enable(): void }}
 */
export function createSettings({ root, fields, presets, getState, onChange, onPreset }) {
  const fieldByKey = Object.fromEntries(fields.map((f) => [f.key, f]));
  /** @type {Array<HTMLInputElement | HTMLSelectElement>} */
  const controls = [.../** @type {NodeListOf<HTMLInputElement | HTMLSelectElement>} */ (root.querySelectorAll("[data-field]"))];
  const preset = /** @type {HTMLSelectElement} */ (root.querySelector('[data-testid="lab-preset"]'));
  preset.replaceChildren(...presets.map((p) => new Option(p.label, p.id)));
  for (const control of controls) describeControl(control, fieldByKey[control.dataset.field ?? ""]);
  const modifiedTag = /** @type {HTMLElement} */ (root.querySelector('[data-testid="lab-modified"]'));

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
    const field = fieldByKey[key];
    if (kind === "range") control.value = String(field.scale === "log" ? toLogSlider(value, field) : value);
    else if (kind === "number") control.value = valueText(value);
    else control.value = value;
  }

  for (const control of controls) {
    const key = control.dataset.field;
    const field = fieldByKey[key];
    const kind = kindOf(control);
    if (kind === "select") {
      control.addEventListener("change", () => onChange({ [key]: control.value }));
    } else if (kind === "range") {
      control.addEventListener("input", () => {
        const value = field.scale === "log" ? fromLogSlider(control.value) : Number(control.value);
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
    for (const field of fields) {
      if (!field.onlyWith) continue;
      const on = state[field.onlyWith.key] === field.onlyWith.value;
      for (const control of controls.filter((c) => c.dataset.field === field.key)) control.disabled = !on;
      const note = root.querySelector(`[data-note-for="${field.key}"]`);
      if (note) note.textContent = on ? "" : `(${choiceLabel(fieldByKey[field.onlyWith.key], field.onlyWith.value)} only)`;
    }
    preset.value = state.preset;
    modifiedTag.hidden = !modified;
  }

  function enable() {
    preset.disabled = false;
  }

  return { set, enable };
}

/**
 * The label of one choice of a field ("SGD" for `optimizer: sgd`).
 * @param {any} field
 * @param {string} id
 */
function choiceLabel(field, id) {
  return field.choiceLabels?.[field.choices?.indexOf(id) ?? -1] ?? id;
}

/**
 * Fills one control's limits, step, choices and label from its field.
 * @param {HTMLInputElement | HTMLSelectElement} control
 * @param {any} field
 */
function describeControl(control, field) {
  if (!field) throw new Error(`no setting named ${JSON.stringify(control.dataset.field)} in labSchema()`);
  if (control instanceof HTMLSelectElement) {
    control.replaceChildren(...field.choices.map((/** @type {string} */ id, /** @type {number} */ i) => new Option(field.choiceLabels[i], id)));
  } else if (control.type === "range") {
    const range = field.scale === "log" ? logSlider(field) : { min: field.sliderMin ?? field.min, max: field.sliderMax ?? field.max, step: field.step };
    Object.assign(control, { min: String(range.min), max: String(range.max), step: String(range.step) });
  } else {
    Object.assign(control, { min: String(field.min), max: String(field.max), step: field.scale === "log" ? "any" : String(field.step) });
  }
  const label = control.id ? /** @type {HTMLLabelElement | null} */ (document.querySelector(`label[for="${control.id}"]`)) : null;
  if (label) {
    const text = [...label.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    if (text) text.textContent = `${field.label} `;
    else label.prepend(`${field.label} `);
  } else if (control.getAttribute("aria-label")) {
    control.setAttribute("aria-label", `${field.label} value`);
  }
  if (field.description && label) label.title = field.description;
}
