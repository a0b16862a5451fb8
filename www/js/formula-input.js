/**
 * @file The formula box of the `custom` activation: a text input that redraws while typing, the
 * parser's error beside it with the position marked, and examples to start from.
 *
 * The formula is only ever text here: it goes into `value` and `textContent`, never into HTML, a
 * CSS value or a regular expression. Wasm (the Rust parser, via the editor's `describe`) decides
 * whether it is valid and says what is wrong; the error's trailing "at N" (a character index) is
 * marked in a copy of the text.
 */

/** @typedef {import("../pkg/actviz.js").TextParamSpec} TextParamSpec */
/** @typedef {import("./controls.js").ParamEditor} ParamEditor */

/**
 * The position an error message names ("… at 12"), as a character index, or null.
 * @param {string} message
 * @returns {number | null}
 */
export function errorPosition(message) {
  const match = /\bat (\d+)(?:;|$)/.exec(message);
  return match ? Number(match[1]) : null;
}

/**
 * Shows `message` in `box` with the formula's text under it, the character at `position` (or the
 * end) marked. Characters are code points, as the parser counts them.
 * @param {HTMLElement} box
 * @param {string} message
 * @param {string} text the formula
 */
export function showFormulaError(box, message, text) {
  const line = document.createElement("span");
  line.className = "formula-error-message";
  line.textContent = message;
  const parts = [line];
  const position = errorPosition(message);
  if (position !== null) {
    const chars = Array.from(text);
    const where = document.createElement("code");
    where.className = "formula-error-where";
    const mark = document.createElement("mark");
    mark.textContent = chars[position] ?? " ";
    where.append(chars.slice(0, position).join(""), mark, chars.slice(position + 1).join(""));
    parts.push(where);
  }
  box.replaceChildren(...parts);
  box.hidden = false;
}

/**
 * A row for a text parameter (`custom`'s `formula`).
 * @param {TextParamSpec} spec
 * @param {string} value
 * @param {ParamEditor} editor validates each edit; its errors for this name show in the row
 * @returns {HTMLElement}
 */
export function formulaRow(spec, value, editor) {
  const id = `param-${spec.name}`;
  const row = document.createElement("div");
  row.className = "param formula-param";
  const label = document.createElement("label");
  label.className = "param-name";
  label.htmlFor = id;
  label.textContent = "f(x) =";
  label.title = spec.description;
  const input = document.createElement("input");
  Object.assign(input, { type: "text", id, className: "formula-input", value, maxLength: spec.maxLength, spellcheck: false });
  input.autocomplete = "off";
  input.setAttribute("autocapitalize", "off");
  input.dataset.testid = "formula-input";
  const error = document.createElement("p");
  error.className = "field-error formula-error";
  error.id = `${id}-error`;
  error.dataset.testid = "formula-error";
  error.setAttribute("aria-live", "polite");
  error.hidden = true;
  input.setAttribute("aria-describedby", error.id);
  editor.errorTargets.set(spec.name, { show: (message) => showFormulaError(error, message, input.value), box: error });
  input.addEventListener("input", () => editor.edit(spec.name, input.value, [input]));

  const examples = document.createElement("div");
  examples.className = "formula-examples";
  const title = document.createElement("span");
  title.className = "formula-examples-title";
  title.textContent = "Try:";
  examples.append(title);
  for (const example of spec.examples) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "formula-example";
    button.textContent = example.label;
    button.title = example.formula;
    button.addEventListener("click", () => {
      input.value = example.formula;
      editor.edit(spec.name, example.formula, [input]);
    });
    examples.append(button);
  }
  row.append(label, input, error, examples);
  return row;
}
