/**
 * @file The explorer's wasm module, `pkg/actviz.js` + `pkg/actviz_bg.wasm`: the activation API
 * and charts, for the explorer, authors and embed pages (and what `<activation-plot>` loads by
 * itself). Small on purpose: the lab's code is in the other module (./wasm-lab.js).
 */

import * as glue from "../../pkg/actviz.js";

/** @type {import("./boot.js").WasmModule<typeof glue>} */
export const EXPLORER = { name: "explorer", glue, wasm: "pkg/actviz_bg.wasm" };
