/**
 * @file The lab's "Your CSV file…" control, in the Data card: a file input whose file the lab's
 * worker parses (`parseCsv`, which names the line of any problem) and keeps as the data of every
 * new lab until a built-in dataset is picked again. The file never enters the URL: the page
 * says that a link opens the built-in dataset. Data with 2 features keeps the decision-boundary
 * pictures; other data hides them, with a note, and shows the metrics only.
 */

import { setText } from "./neurons.js";
import { formatInteger } from "./state.js";

/**
 * @typedef {import("./client.js").CsvSummary} CsvSummary
 *
 * @param {object} options
 * @param {HTMLElement} options.root the lab root (`data-testid="lab"`), which gets `lab-no-boundary`,
 *   holding the boundary note (`lab-boundary-note`)
 * @param {HTMLElement} options.card the Data card, holding the `lab-csv*` elements
 * @param {HTMLSelectElement} options.datasetSelect the dataset menu: it shows the file while one is in use
 * @param {import("../../pkg/actviz_lab.js").CsvLimits} options.limits `csvLimits()`, also shown in the help line
 * @param {(text: string) => Promise<CsvSummary>} options.load parses the text in the worker (rejects with the parser's message)
 * @param {() => Promise<boolean>} options.rebuild builds a new lab on the current data (false: refused)
 * @returns {{ readonly active: boolean, readonly data: import("../../pkg/actviz_lab.js").CsvData | null, clear(): void, sync(): void }}
 */
export function createCsvUpload({ root, card, datasetSelect, limits, load, rebuild }) {
  const q = (/** @type {string} */ testid) => /** @type {HTMLElement} */ (card.querySelector(`[data-testid="${testid}"]`));
  const input = /** @type {HTMLInputElement} */ (q("lab-csv"));
  const status = q("lab-csv-status");
  const error = q("lab-csv-error");
  const clearButton = /** @type {HTMLButtonElement} */ (q("lab-csv-clear"));
  const boundaryNote = /** @type {HTMLElement} */ (root.querySelector('[data-testid="lab-boundary-note"]'));
  const fileOption = new Option("", "csv");
  const help = card.querySelector("#lab-csv-help");
  if (help) {
    help.append(` At most ${formatInteger(limits.maxRows)} rows, ${formatInteger(limits.maxFeatures)} features, ` +
      `${limits.maxClasses} classes and ${limits.maxBytes / 1048576} MiB.`);
  }
  /** @type {{ name: string, summary: CsvSummary } | null} the file in use */
  let current = null;

  function showError(/** @type {string} */ message) {
    setText(error, message);
    error.hidden = false;
  }

  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    error.hidden = true;
    if (file.size > limits.maxBytes) {
      showError(`${file.name}: the file must be at most ${limits.maxBytes / 1048576} MiB, got ${(file.size / 1048576).toFixed(1)} MiB`);
      return;
    }
    input.disabled = true;
    try {
      const summary = await load(await file.text());
      current = { name: file.name, summary };
      sync();
      if (!(await rebuild())) {
        // The worker now holds this file, so the one before it is gone too: back to built-in data.
        clear();
        await rebuild();
        showError(`${file.name} cannot be trained with these settings (see the notice above); the built-in dataset is used.`);
      }
    } catch (e) {
      showError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      input.disabled = false;
      // The same file picked again (edited) is a new change.
      input.value = "";
    }
  });

  clearButton.addEventListener("click", () => {
    clear();
    rebuild();
  });

  /** Back to the built-in dataset (the caller rebuilds). */
  function clear() {
    current = null;
    error.hidden = true;
    sync();
  }

  /** Shows the state: the menu's file entry, the summary, the boundary pictures or their note. */
  function sync() {
    const using = current;
    const noBoundary = !!using && using.summary.features !== 2;
    root.classList.toggle("lab-no-boundary", noBoundary);
    boundaryNote.hidden = !noBoundary;
    clearButton.hidden = !using;
    // Noise and size shape the built-in sets only.
    for (const control of card.querySelectorAll('[data-field="noise"], [data-field="points"]')) {
      /** @type {HTMLInputElement} */ (control).disabled = !!using;
    }
    status.hidden = !using;
    if (!using) {
      fileOption.remove();
      return;
    }
    const { features, classes, train, test } = using.summary;
    fileOption.text = `File: ${using.name}`;
    if (fileOption.parentElement !== datasetSelect) datasetSelect.append(fileOption);
    datasetSelect.value = "csv";
    const names = classes.length > 6 ? `${classes.slice(0, 6).join(", ")}, …` : classes.join(", ");
    setText(status, `${using.name}: ${train + test} rows (${train} to train, ${test} to test), ${features} features, ` +
      `${classes.length} classes (${names}). The numbers are used as they are, not rescaled.`);
    setText(boundaryNote, `No decision-boundary picture: it needs exactly 2 features, and ${using.name} has ${features}. ` +
      `Loss, accuracy and the neuron statistics use all ${features}.`);
  }

  return {
    get active() {
      return current !== null;
    },
    /** The file's rows as a Lab's `data`, or null when no file is in use. */
    get data() {
      return current?.summary.data ?? null;
    },
    clear,
    sync,
  };
}
