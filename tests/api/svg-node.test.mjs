// renderSvg outside a browser page (node has no `document`, where plotters measures its text)
// refuses cleanly before plotters runs, any number of times, and the module keeps working.

import assert from "node:assert/strict";
import { test } from "node:test";
import { actviz, assertHealthy, thrownBy } from "./load.mjs";

test("renderSvg in node: a clean error 2000 times, then the module works", () => {
  const spec = { curves: [{ id: "tanh" }], xmin: -4, xmax: 4 };
  for (let i = 0; i < 2000; i++) {
    assert.equal(
      thrownBy(() => actviz.renderSvg(spec, 800, 300)),
      "renderSvg needs a browser page: plotters measures its text through document (and document.body)",
    );
  }
  assertHealthy(assert);
});

test("canvas exports in node name what is missing", () => {
  assert.equal(
    thrownBy(() => actviz.plotActivation({}, { kind: "function", curves: [{ id: "relu" }], xmin: -1, xmax: 1 })),
    "plotActivation needs a browser page: there is no HTMLCanvasElement here",
  );
});
