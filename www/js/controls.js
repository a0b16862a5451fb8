//! The activation picker and the controls of its parameters: a slider with a number box for each
//! numeric parameter, a select for each choice parameter. Also the grouped activation <select>
//! and parameter editing that the compare list reuses.
//!
//! The controls keep a draft of the parameters; a draft is handed on only once wasm accepts it
//! (`validate` = `describe`), otherwise its error is shown next to the controls and the charts
//! keep the last valid curve.

import { formulaRow } from "./formula-input.js";
import { defaultCurve, formatNumber, messageOf, parseNumber } from "./state.js";

/** @typedef {import("../pkg/actviz.js").ActivationInfo} ActivationInfo */
/** @typedef {import("../pkg/actviz.js").ActivationParams} ActivationParams */
/** @typedef {import("../pkg/actviz.js").NumberParamSpec} NumberParamSpec */
/** @typedef {import("../pkg/actviz.js").ChoiceParamSpec} ChoiceParamSpec */
/** @typedef {import("../pkg/actviz.js").TextParamSpec} TextParamSpec */
/** @typedef {import("./state.js").Curve} Curve */

/**
 * Fills a <select> with one option per activation (value = id), in labelled groups: each entry's
 * `group` (from wasm's `activations()`), groups and the options inside them in catalogue order.
 * @param {HTMLSelectElement} select
 * @param {ActivationInfo[]} catalogue wasm's `activations()`
 * @param {string} selectedId
 */
export function fillActivationSelect(select, catalogue, selectedId) {
  /** @type {Map<string, HTMLOptGroupElement>} */
  const groups = new Map();
  for (const a of catalogue) {
    let group = groups.get(a.group);
    if (!group) {
      group = document.createElement("optgroup");
      group.label = a.group;
      groups.set(a.group, group);
    }
    group.append(new Option(a.label, a.id));
  }
  select.replaceChildren(...groups.values());
  select.value = selectedId;
}

/**
 * Text for a parameter value in an input.
 * @param {number | string} value
 */
function valueText(value) {
  return typeof value === "number" ? formatNumber(value) : String(value);
}

/**
 * Edits the parameters of one curve: keeps a draft, validates it with wasm, reports valid
 * drafts and shows the error of invalid ones.
 */
export class ParamEditor {
  /**
   * @param {(id: string, params: ActivationParams) => unknown} validate throws an Error when invalid
   * @param {HTMLElement} errorEl where the error message goes
   * @param {(curve: Curve) => void} onValid called with a copy of each valid draft
   */
  constructor(validate, errorEl, onValid) {
    this.validate = validate;
    this.errorEl = errorEl;
    this.onValid = onValid;
    /** @type {Curve | null} the parameters being edited, valid or not */
    this.draft = null;
    /** @type {Set<Element>} */
    this.invalidControls = new Set();
    /**
     * Where a parameter's errors go instead of `errorEl` (the formula's, beside its box).
     * @type {Map<string, { show(message: string): void, box: HTMLElement }>}
     */
    this.errorTargets = new Map();
  }

  /**
   * Starts editing `curve` (a copy of it), clearing any error.
   * @param {Curve} curve
   */
  reset(curve) {
    this.draft = { id: curve.id, params: { ...curve.params } };
    this.clearError();
  }

  /**
   * Sets one parameter of the draft; `controls` are marked invalid if the draft is.
   * @param {string} name
   * @param {number | string} value
   * @param {Element[]} controls
   */
  edit(name, value, controls) {
    this.draft.params[name] = value;
    try {
      this.validate(this.draft.id, this.draft.params);
    } catch (e) {
      this.showError(messageOf(e), controls, name);
      return;
    }
    this.clearError();
    this.onValid({ id: this.draft.id, params: { ...this.draft.params } });
  }

  /**
   * Shows `message` (beside parameter `name`'s own box if it has one) and marks `controls` invalid.
   * @param {string} message
   * @param {Element[]} controls
   * @param {string} [name]
   */
  showError(message, controls, name) {
    const target = name === undefined ? undefined : this.errorTargets.get(name);
    if (target) target.show(message);
    else {
      this.errorEl.textContent = message;
      this.errorEl.hidden = false;
    }
    for (const control of controls) {
      control.setAttribute("aria-invalid", "true");
      this.invalidControls.add(control);
    }
  }

  /** Hides the error and unmarks every control marked invalid. */
  clearError() {
    this.errorEl.hidden = true;
    this.errorEl.textContent = "";
    for (const { box } of this.errorTargets.values()) {
      box.hidden = true;
      box.replaceChildren();
    }
    for (const control of this.invalidControls) control.removeAttribute("aria-invalid");
    this.invalidControls.clear();
  }
}

/**
 * A number box that accepts what `parseNumber` accepts: typing an invalid value shows `error`,
 * leaving the box (change) puts the last valid value back.
 * @param {HTMLInputElement} box
 * @param {ParamEditor} editor
 * @param {string} name the parameter
 * @param {(value: number) => void} onNumber called with each valid number typed
 * @param {Element[]} [extraControls] marked invalid with the box
 */
export function wireNumberBox(box, editor, name, onNumber, extraControls = []) {
  box.addEventListener("input", () => {
    const value = parseNumber(box.value);
    if (value === undefined) {
      // An unparsable entry reads as "" from a number box (validity.badInput).
      const got = box.value ? `, got "${box.value}"` : "";
      editor.showError(`${name} must be a finite number${got}`, [box]);
      return;
    }
    onNumber(value);
    editor.edit(name, value, [box, ...extraControls]);
  });
  box.addEventListener("change", () => {
    if (parseNumber(box.value) === undefined) {
      box.value = valueText(editor.draft.params[name]);
      editor.clearError();
    }
  });
}

/**
 * A <select> of a choice parameter.
 * @param {ChoiceParamSpec} spec
 * @param {number | string} value
 */
export function choiceSelect(spec, value) {
  const select = document.createElement("select");
  select.className = "select";
  select.append(...spec.choices.map((c) => new Option(c, c)));
  select.value = /** @type {string} */ (value);
  return select;
}

/**
 * The main activation's picker, summary and parameter controls.
 * @param {object} options
 * @param {ActivationInfo[]} options.catalogue wasm's `activations()`
 * @param {(id: string, params: ActivationParams) => unknown} options.validate
 * @param {HTMLElement} options.root the activation card
 * @param {(curve: Curve) => void} options.onChange called with each valid change
 * @returns {{ set(curve: Curve): void }}
 */
export function createActivationControls({ catalogue, validate, root, onChange }) {
  const select = /** @type {HTMLSelectElement} */ (root.querySelector('[data-testid="activation-select"]'));
  const summary = root.querySelector('[data-testid="activation-summary"]');
  const paramsRoot = root.querySelector('[data-testid="params"]');
  const error = document.createElement("p");
  error.className = "field-error";
  error.dataset.testid = "params-error";
  error.setAttribute("aria-live", "polite");
  const editor = new ParamEditor(validate, error, onChange);

  fillActivationSelect(select, catalogue, catalogue[0].id);
  select.disabled = false;
  select.addEventListener("change", () => {
    const info = catalogue.find((a) => a.id === select.value);
    const curve = defaultCurve(info);
    build(curve);
    onChange(curve);
  });

  /** @param {Curve} curve */
  function build(curve) {
    const info = catalogue.find((a) => a.id === curve.id);
    select.value = curve.id;
    summary.textContent = info.summary;
    editor.errorTargets.clear();
    editor.reset(curve);
    /** @type {HTMLElement[]} */
    const rows = info.params.map((spec) => {
      const value = curve.params[spec.name];
      if (spec.kind === "choice") return choiceRow(spec, value);
      if (spec.kind === "text") return formulaRow(spec, String(value), editor);
      return numberRow(spec, value);
    });
    if (!rows.length) {
      const none = document.createElement("p");
      none.className = "no-params";
      none.textContent = "No parameters.";
      rows.push(none);
    }
    paramsRoot.replaceChildren(...rows, error);
  }

  /**
   * @param {NumberParamSpec} spec
   * @param {number | string} value
   */
  function numberRow(spec, value) {
    const id = `param-${spec.name}`;
    const row = document.createElement("div");
    row.className = "param";
    const head = document.createElement("div");
    head.className = "param-head";
    const label = document.createElement("label");
    label.className = "param-name";
    label.htmlFor = id;
    label.textContent = spec.name;
    label.title = spec.description;
    const box = document.createElement("input");
    box.type = "number";
    box.className = "number param-number";
    box.id = `${id}-value`;
    box.dataset.testid = `${id}-value`;
    box.step = String(spec.step);
    box.value = valueText(value);
    box.setAttribute("aria-label", `${spec.name} value`);
    head.append(label, box);
    const slider = document.createElement("input");
    slider.type = "range";
    slider.id = id;
    slider.dataset.testid = id;
    slider.min = String(spec.min);
    slider.max = String(spec.max);
    slider.step = String(spec.step);
    slider.value = valueText(value);
    slider.title = spec.description;
    slider.addEventListener("input", () => {
      box.value = slider.value;
      editor.edit(spec.name, Number(slider.value), [slider, box]);
    });
    wireNumberBox(box, editor, spec.name, (v) => {
      slider.value = String(v);
    }, [slider]);
    row.append(head, slider);
    return row;
  }

  /**
   * @param {ChoiceParamSpec} spec
   * @param {number | string} value
   */
  function choiceRow(spec, value) {
    const id = `param-${spec.name}`;
    const row = document.createElement("div");
    row.className = "param";
    const label = document.createElement("label");
    label.className = "param-name";
    label.htmlFor = id;
    label.textContent = spec.name;
    label.title = spec.description;
    const choice = choiceSelect(spec, value);
    choice.id = id;
    choice.dataset.testid = id;
    choice.addEventListener("change", () => editor.edit(spec.name, choice.value, [choice]));
    row.append(label, choice);
    return row;
  }

  return { set: build };
}
