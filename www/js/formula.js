//! The formula panel: f and f' of the main curve with its current parameter values (MathML from
//! wasm's `describe`), what each parameter does, and the PyTorch snippet with a copy button.

import { formatNumber } from "./state.js";

/** @typedef {import("../pkg/actviz.js").ActivationInfo} ActivationInfo */
/** @typedef {import("./state.js").Curve} Curve */

/**
 * @param {object} options
 * @param {Pick<typeof import("../pkg/actviz.js"), "describe">} options.wasm the actviz module (`describe`)
 * @param {ActivationInfo[]} options.catalogue wasm's `activations()`
 * @param {HTMLElement} options.root the panel
 * @returns {{ update(curve: Curve): void }}
 */
export function createFormulaPanel({ wasm, catalogue, root }) {
  const name = root.querySelector("#formula-name");
  const formula = root.querySelector('[data-testid="formula"]');
  const derivative = root.querySelector('[data-testid="derivative-formula"]');
  const notes = root.querySelector('[data-testid="param-notes"]');
  const snippet = root.querySelector('[data-testid="torch-snippet"]');
  const copy = root.querySelector('[data-testid="torch-copy"]');
  let shownKey = "";
  /** @type {ReturnType<typeof setTimeout> | 0} */
  let copyTimer = 0;

  copy.addEventListener("click", async () => {
    const text = snippet.textContent;
    try {
      await navigator.clipboard.writeText(text);
      flash("Copied");
    } catch {
      // No clipboard permission (or an insecure context): select the text for Ctrl+C instead.
      const range = document.createRange();
      range.selectNodeContents(snippet);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      flash("Press Ctrl+C");
    }
  });

  /** @param {string} text shown on the copy button for a moment */
  function flash(text) {
    copy.textContent = text;
    clearTimeout(copyTimer);
    copyTimer = setTimeout(() => {
      copy.textContent = "Copy";
    }, 1600);
  }

  return {
    update(curve) {
      const key = JSON.stringify([curve.id, curve.params]);
      if (key === shownKey) return;
      const info = catalogue.find((a) => a.id === curve.id);
      const described = wasm.describe(curve.id, curve.params);
      shownKey = key;
      name.textContent = described.label;
      // MathML built in Rust from constants and formatted numbers only (never from URL text).
      formula.innerHTML = described.formula;
      derivative.innerHTML = described.derivativeFormula;
      snippet.textContent = described.torch;
      notes.replaceChildren(
        ...info.params.flatMap((p) => {
          const term = document.createElement("dt");
          const value = curve.params[p.name];
          term.textContent = `${p.name} = ${typeof value === "number" ? formatNumber(value) : `"${value}"`}`;
          const text = document.createElement("dd");
          text.textContent = p.description;
          return [term, text];
        }),
      );
    },
  };
}
