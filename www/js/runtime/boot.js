/**
 * @file Page start-up: compile and initialise the wasm once, hand it to the page, and show a fatal
 * error with the page's own title when that fails. Every page's entry module calls `startPage`.
 *
 * Asset URLs are resolved against the document (`pageUrl`), never against `import.meta.url` of a
 * module: every page sits at the site root, while a bundler moves modules around.
 */

import * as actviz from "../../pkg/actviz.js";

/**
 * The URL of a site asset, e.g. `pageUrl("pkg/actviz_bg.wasm")`.
 * @param {string} path relative to the site root (where every page is)
 * @returns {URL}
 */
export function pageUrl(path) {
  return new URL(path, document.baseURI);
}

/**
 * The error's message for a reader (an Error's message, anything else as text).
 * @param {unknown} error
 * @returns {string}
 */
export function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Starts compiling the wasm at once (streaming, reusing the page's `<link rel="preload" as="fetch">`),
 * initialises the JS glue with it and calls `run`. A failure shows the fatal error.
 * @template T
 * @param {{ title: string, wasmUrl: URL | string,
 *   run: (wasm: typeof actviz, module: WebAssembly.Module) => T | Promise<T> }} options
 *   `title` says which page could not start; `run` builds the page (its errors are fatal too)
 * @returns {Promise<T | undefined>} what `run` returned, or undefined after a fatal error
 */
export async function startPage({ title, wasmUrl, run }) {
  let wasm;
  let module;
  try {
    ({ wasm, module } = await loadWasm(wasmUrl));
  } catch (error) {
    showFatal(title, `Could not load the WebAssembly module: ${errorText(error)}`);
    return undefined;
  }
  try {
    return await run(wasm, module);
  } catch (error) {
    showFatal(title, errorText(error));
    return undefined;
  }
}

/** @type {Promise<{ wasm: typeof actviz, module: WebAssembly.Module }> | null} */
let loading = null;

/**
 * Compiles and initialises the wasm once per page, however many callers ask.
 * @param {URL | string} wasmUrl
 */
export function loadWasm(wasmUrl) {
  loading ??= (async () => {
    const module = await WebAssembly.compileStreaming(checked(fetch(wasmUrl)));
    await actviz.default({ module_or_path: module });
    performance.mark("actviz:wasm-ready");
    return { wasm: actviz, module };
  })();
  return loading;
}

/**
 * The response, or an error naming the status (compileStreaming's own error only says "bad MIME type").
 * @param {Promise<Response>} response
 */
async function checked(response) {
  const r = await response;
  if (!r.ok) throw new Error(`${r.url} answered ${r.status} ${r.statusText}`.trim());
  return r;
}

/**
 * Shows why the page cannot work in place of its content: the element marked `data-fatal-here`
 * (e.g. the explorer's charts) is replaced, else the box goes first in `<main>` or `<body>`. The
 * status line (`data-testid="status"`), if any, says "Not loaded". Text only, never parsed as HTML.
 * @param {string} title the page's own, e.g. "The explorer could not start."
 * @param {string} message what went wrong
 */
export function showFatal(title, message) {
  const box = document.createElement("div");
  box.className = "fatal";
  box.setAttribute("role", "alert");
  box.dataset.testid = "fatal";
  const heading = document.createElement("strong");
  heading.textContent = title;
  const detail = document.createElement("p");
  detail.textContent = message;
  box.append(heading, detail);
  const slot = document.querySelector("[data-fatal-here]");
  if (slot) slot.replaceWith(box);
  else (document.querySelector("main") ?? document.body).prepend(box);
  const status = document.querySelector('[data-testid="status"]');
  if (status) status.textContent = "Not loaded";
}
