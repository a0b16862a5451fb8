/**
 * @file Page start-up: compile the wasm once (the page's preload is reused), initialise the JS
 * module, run the page, and show a readable fatal error when any of it fails.
 */

import init, * as actviz from "../../pkg/actviz.js";

/**
 * A URL of the site: every page sits at the site root (www/ and dist/ alike), so assets are
 * resolved against the document, never against a module that a bundle moves.
 * @param {string} path
 */
export const pageUrl = (path) => new URL(path, document.baseURI);

/**
 * @param {{ title: string, wasmUrl: URL | string, run: (wasm: typeof actviz, module: WebAssembly.Module) => unknown }} options
 */
export async function startPage({ title, wasmUrl, run }) {
  let module;
  try {
    module = await WebAssembly.compileStreaming(fetch(wasmUrl));
    await init({ module_or_path: module });
    performance.mark("actviz:wasm-ready");
  } catch (e) {
    showFatal(title, `Could not load the WebAssembly module: ${messageOf(e)}`);
    return;
  }
  try {
    await run(actviz, module);
  } catch (e) {
    showFatal(title, messageOf(e));
  }
}

/** @param {unknown} e */
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

/**
 * Replaces the page's stage (`[data-fatal-target]`, else the top of the body) with a readable error.
 * @param {string} title
 * @param {string} message
 */
export function showFatal(title, message) {
  const box = document.createElement("div");
  box.className = "fatal";
  box.setAttribute("role", "alert");
  box.dataset.testid = "fatal";
  const strong = document.createElement("strong");
  strong.textContent = title;
  const detail = document.createElement("p");
  detail.textContent = message;
  box.append(strong, detail);
  const stage = document.querySelector("[data-fatal-target]");
  if (stage) stage.replaceChildren(box);
  else document.body.prepend(box);
}
