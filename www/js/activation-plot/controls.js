//! The parameter controls of `<activation-plot>`: a slider with its value for each numeric
//! parameter named in `controls`, a select for a choice parameter (gelu's `approximate`).
//! The element reflects what they pick into its attributes; these functions only build and sync.

import { formatNumber } from "../state.js";

/** @typedef {import("../../pkg/actviz.js").ParamSpec} ParamSpec */

/**
 * Fills `container` with one control per name.
 * @param {HTMLElement} container
 * @param {import("../../pkg/actviz.js").ActivationInfo} info the activation's catalogue entry
 * @param {string[]} names parameter names (PyTorch's), all of `info`
 * @param {import("../../pkg/actviz.js").ActivationParams} params current values, keyed by name
 * @param {(name: string, value: number | string) => void} onInput called as a control moves
 */
export function buildControls(container, info, names, params, onInput) {
  container.hidden = names.length === 0;
  container.replaceChildren(
    ...names.map((name) => {
      const spec = /** @type {ParamSpec} */ (info.params.find((p) => p.name === name));
      const label = document.createElement("label");
      label.className = "control";
      label.title = spec.description;
      const text = document.createElement("span");
      text.className = "control-name";
      text.textContent = name;
      /** @type {HTMLSelectElement | HTMLInputElement} */
      let input;
      if (spec.kind === "choice") {
        input = document.createElement("select");
        input.append(...spec.choices.map((c) => new Option(c, c)));
        input.addEventListener("change", () => onInput(name, input.value));
        label.append(text, input);
      } else if (spec.kind === "text") {
        // A formula, as text (the element's `formula` attribute follows each valid edit).
        input = document.createElement("input");
        Object.assign(input, { type: "text", maxLength: spec.maxLength, spellcheck: false });
        input.addEventListener("input", () => onInput(name, input.value));
        label.append(text, input);
      } else {
        input = document.createElement("input");
        input.type = "range";
        // The slider spans the catalogue's range and the attribute's value, whatever it is.
        const value = /** @type {number} */ (params[name]);
        Object.assign(input, { min: Math.min(spec.min, value), max: Math.max(spec.max, value), step: spec.step });
        input.addEventListener("input", () => onInput(name, Number(input.value)));
        label.append(text, input, document.createElement("output"));
      }
      input.dataset.testid = `control-${name}`;
      input.dataset.param = name;
      return label;
    }),
  );
  syncControls(container, params);
}

/**
 * Moves the controls in `container` to `params` (leaving one alone that already shows its value).
 * @param {HTMLElement} container
 * @param {import("../../pkg/actviz.js").ActivationParams} params
 */
export function syncControls(container, params) {
  for (const input of /** @type {NodeListOf<HTMLInputElement | HTMLSelectElement>} */ (container.querySelectorAll("[data-param]"))) {
    const value = params[/** @type {string} */ (input.dataset.param)];
    const text = typeof value === "number" ? formatNumber(value) : String(value);
    if (input.value !== text && Number(input.value) !== value) input.value = text;
    const output = /** @type {HTMLElement} */ (input.parentElement).querySelector("output");
    if (output) output.textContent = text;
  }
}
