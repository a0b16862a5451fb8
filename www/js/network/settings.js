/**
 * @file The network page's settings form: the hidden widths box and every `data-field` control,
 * their labels, limits and choices filled in from the fields (wasm's `labSchema()`, and the
 * page's epochs). An invalid value is shown as an error and not applied.
 */

import { checkField, valueText } from "../lab/state.js";
import { checkWidths } from "./state.js";

/**
 * @param {object} options
 * @param {HTMLElement} options.root the settings card
 * @param {import("./state.js").NetworkEnv} options.env
 * @param {(change: Record<string, any>) => void} options.onChange called with `{ key: value }` per valid edit
 * @returns {{ set(state: import("./state.js").NetworkState): void, enable(on: boolean): void }}
 */
export function createNetworkSettings({ root, env, onChange }) {
  const error = /** @type {HTMLElement} */ (root.querySelector('[data-testid="settings-error"]'));
  const widths = /** @type {HTMLInputElement} */ (root.querySelector('[data-testid="net-widths"]'));
  const momentum = /** @type {HTMLElement} */ (root.querySelector('[data-testid="net-momentum-field"]'));
  const controls = /** @type {Array<HTMLInputElement | HTMLSelectElement>} */ ([...root.querySelectorAll("[data-field]")]);
  const fieldOf = (/** @type {HTMLElement} */ control) => env.fields.find((f) => f.key === control.dataset.field);

  widths.title = `1 to ${env.layers.max} layers of ${env.width.min} to ${env.width.max} neurons`;
  for (const control of controls) {
    const field = /** @type {any} */ (fieldOf(control));
    const label = root.querySelector(`label[for="${control.id}"]`);
    if (label) label.prepend(`${field.label ?? field.name} `);
    if (control instanceof HTMLSelectElement) {
      control.replaceChildren(...field.choices.map((/** @type {string} */ id, /** @type {number} */ i) => new Option(field.choiceLabels?.[i] ?? id, id)));
    } else {
      control.min = String(field.min);
      control.max = String(field.max);
      control.step = field.int ? "1" : "any";
    }
    if (field.description) control.title = field.description;
  }

  /** @param {string} message */
  function fail(message) {
    error.textContent = message;
    error.hidden = false;
  }

  widths.addEventListener("change", () => {
    const { value, error: problem } = checkWidths(widths.value, env);
    if (!value) return fail(`Hidden widths ${problem ?? ""}`.trim());
    error.hidden = true;
    widths.removeAttribute("aria-invalid");
    onChange({ widths: value });
  });
  for (const control of controls) {
    control.addEventListener("change", () => {
      const field = /** @type {any} */ (fieldOf(control));
      const { value, error: problem } = checkField(field, control.value.trim());
      if (problem) {
        control.setAttribute("aria-invalid", "true");
        return fail(`${field.label ?? field.name} ${problem}`);
      }
      control.removeAttribute("aria-invalid");
      error.hidden = true;
      onChange({ [field.key]: value });
    });
  }

  return {
    set(state) {
      widths.value = state.widths.join(", ");
      for (const control of controls) control.value = valueText(/** @type {any} */ (state)[control.dataset.field ?? ""]);
      momentum.hidden = state.optimizer !== "sgd";
    },
    enable(on) {
      widths.disabled = !on;
      for (const control of controls) control.disabled = !on;
    },
  };
}
