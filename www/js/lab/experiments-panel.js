/**
 * @file The lab's experiments panel: repeat the current settings over many seeds, and the
 * per-layer gradient norms. Mounted once by main.js into `#experiments`.
 */

/**
 * @typedef {object} ExperimentsContext
 * @property {typeof import("../../pkg/actviz.js")} wasm
 * @property {WebAssembly.Module} module
 * @property {import("../../pkg/actviz.js").LabSchema} schema
 * @property {ReturnType<typeof import("./state.js").labEnv>} env
 * @property {() => object} getConfig the Lab config of the current settings
 * @property {() => Awaited<ReturnType<typeof import("./client.js").startLabWorker>>} getLab the lab worker
 * @property {HTMLElement} root the `#experiments` section
 * @property {() => string} getTheme
 * @property {(error: unknown) => void} onDrawError
 */

/**
 * Builds the panel inside `ctx.root` (it stays hidden until there is something to show).
 * @param {ExperimentsContext} ctx
 */
export function mountExperiments(ctx) {
  void ctx;
}
