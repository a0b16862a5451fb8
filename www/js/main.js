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

let explorer;
try {
  explorer = await import("./explorer.js");
} catch (e) {
  // One of the page's modules did not load, and notice.js may be that one: then plain text.
  const message = `Could not load the explorer's scripts: ${e instanceof Error ? e.message : e}`;
  try {
    (await import("./notice.js")).showFatal(message);
  } catch {
    const box = Object.assign(document.createElement("p"), { className: "fatal", textContent: message });
    box.dataset.testid = "fatal";
    document.body.prepend(box);
  }
}
explorer?.start(wasmReady);
