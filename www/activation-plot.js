//! `<activation-plot>`: a live chart of one activation function (and optionally its derivative)
//! for tutorials, after one `<script type="module" src=".../activation-plot.js">`.
//!
//!   <activation-plot fn="leaky_relu" negative-slope="0.1" derivative controls="negative_slope">
//!   </activation-plot>
//!
//! Attributes (all reactive; see js/activation-plot/attributes.js): `fn`, each parameter in
//! kebab-case, `compare` (as in the explorer's URL), `derivative`, `controls`, `xmin`/`xmax`,
//! `ymin`/`ymax`, `height`, `theme`. Invalid ones are listed in the element (role=alert), with the
//! defaults drawn instead; nothing is thrown or logged. The element lays out inside whatever size
//! the page's CSS gives it (controls below, charts in the rest); without one, each chart is
//! `height` (or `--activation-plot-height`, else 240) CSS pixels tall.
//!
//! Every element on a page shares one wasm instance, initialised once. The wasm is found by the
//! glue module beside it (wasm-bindgen's own `new URL("actviz_bg.wasm", import.meta.url)`, which
//! bundlers follow), so a CDN path or the npm package works as is.

import * as actviz from "./pkg/actviz.js";
import { ActivationPlot, provideActviz } from "./js/activation-plot/element.js";

export { ActivationPlot };

/**
 * The actviz module, initialised (once per page, however many elements ask). Resolves to the
 * module namespace: the same JS API as `import * from "actviz"` after `await init()`.
 * @returns {Promise<typeof actviz>}
 */
export async function loadActviz() {
  await provideActviz(async () => {
    await actviz.default();
    return actviz;
  });
  return actviz;
}

// Defines the element once the catalogue is loaded; failures are shown inside each element.
loadActviz().catch(() => {});
