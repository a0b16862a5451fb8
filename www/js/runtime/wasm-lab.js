/**
 * @file The full wasm module, `pkg/actviz_lab.js` + `pkg/actviz_lab_bg.wasm`: everything of the
 * explorer's (./wasm-explorer.js) plus the lab, its experiments and sweep, and the claims. The lab,
 * claims and network pages start with it, `startPage({ module: LAB, ... })`, and their workers
 * import the same glue.
 */

import * as glue from "../../pkg/actviz_lab.js";

/** @type {import("./boot.js").WasmModule<typeof glue>} */
export const LAB = { name: "lab", glue, wasm: "pkg/actviz_lab_bg.wasm" };
