/**
 * @file Entry point of the explorer page. The wasm starts compiling at once (runtime/boot.js), in
 * parallel with the page's own modules (explorer.js and what it imports), rather than after them:
 * on a first visit that is the critical path to the first chart.
 */

import { errorText, startPage } from "./runtime/boot.js";
import { EXPLORER } from "./runtime/wasm-explorer.js";

const explorer = import("./explorer.js");
// Reported by `run` below, once the wasm is ready too.
explorer.catch(() => {});

startPage({
  title: "The explorer could not start.",
  module: EXPLORER,
  run: async (wasm) => {
    let page;
    try {
      page = await explorer;
    } catch (error) {
      throw new Error(`Could not load the explorer's scripts: ${errorText(error)}`);
    }
    try {
      page.run(wasm);
    } catch (error) {
      throw new Error(`The explorer failed to start: ${errorText(error)}`);
    }
  },
});
