//! Entry point of the explorer page. It starts fetching and compiling the WebAssembly at once, in
//! parallel with the page's own modules (explorer.js and what it imports), rather than after them:
//! on a first visit that is the critical path to the first chart.

const wasmReady = import("../pkg/actviz.js").then(async (wasm) => {
  await wasm.default();
  performance.mark("actviz:wasm-ready");
  return wasm;
});
// Handled by explorer.js, which shows the error on the page.
wasmReady.catch(() => {});

const { start } = await import("./explorer.js");
start(wasmReady);
