/**
 * @file Page start-up: compile and initialise the wasm once, hand it to the page, and show a fatal
 * error with the page's own title when that fails. Every page's entry module calls `startPage`.
 *
 * There are two wasm modules (see the Makefile): the explorer's (`EXPLORER`, from
 * ./wasm-explorer.js) and the full one with the lab (`LAB`, from ./wasm-lab.js). A page picks one
 * by importing it, `startPage({ module: LAB, ... })`, so its bundle carries that glue only; its
 * HTML preloads the same module's wasm (tools/build.mjs checks the pair).
 *
 * Asset URLs are resolved against the document (`pageUrl`), never against `import.meta.url` of a
 * module: every page sits at the site root, while a bundler moves modules around.
 */

/**
 * One of the wasm modules: its wasm-bindgen glue (the module namespace) and its wasm file.
 * @template G
 * @typedef {{ name: "explorer" | "lab", glue: G & { default: (options: { module_or_path: WebAssembly.Module }) => Promise<unknown> },
 *   wasm: string }} WasmModule
 *   `wasm` is relative to the site root, e.g. "pkg/actviz_bg.wasm"
 */

/**
 * The URL of a site asset, e.g. `pageUrl("js/lab/worker.js")`.
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
 * @template G, T
 * @param {{ title: string, module: WasmModule<G>,
 *   run: (wasm: G, module: WebAssembly.Module) => T | Promise<T> }} options
 *   `title` says which page could not start; `module` which wasm it needs (`EXPLORER` or `LAB`);
 *   `run` builds the page (its errors are fatal too)
 * @returns {Promise<T | undefined>} what `run` returned, or undefined after a fatal error
 */
export async function startPage({ title, module: which, run }) {
  let wasm;
  let module;
  try {
    ({ wasm, module } = await loadWasm(which));
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

/**
 * Each module being loaded, by name.
 * @type {Map<string, Promise<{ wasm: any, module: WebAssembly.Module }>>}
 */
const loading = new Map();

/**
 * Compiles and initialises a wasm module once per page, however many callers ask.
 * @template G
 * @param {WasmModule<G>} which `EXPLORER` or `LAB`
 * @returns {Promise<{ wasm: G, module: WebAssembly.Module }>}
 */
export function loadWasm(which) {
  if (!loading.has(which.name)) {
    loading.set(which.name, (async () => {
      const module = await WebAssembly.compileStreaming(checked(fetch(pageUrl(which.wasm))));
      await which.glue.default({ module_or_path: module });
      performance.mark("actviz:wasm-ready");
      return { wasm: which.glue, module };
    })());
  }
  return loading.get(which.name);
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
