// The page tests that matter most, again in Firefox (firefox-esr through geckodriver): the
// explorer draws, its slider redraws the right part of the chart, and the lab trains.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { requireBuild, startServer } from "./harness.mjs";
import { launchFirefox } from "./webdriver.mjs";

let server;
let firefox;

before(async () => {
  requireBuild();
  server = await startServer();
  firefox = await launchFirefox();
});

after(async () => {
  await firefox?.close();
  await server?.close();
});

/**
 * Script that counts the pixels of `canvas` (a JS expression) inside `region` (an expression for
 * [x0, y0, x1, y1] in canvas pixels; `c` is the canvas there) that differ from its top-left
 * pixel, and hashes them.
 */
const regionStats = (canvas, region = "[0, 0, c.width, c.height]") => `
  const c = ${canvas};
  const [x0, y0, x1, y1] = ${region};
  const copy = document.createElement("canvas");
  copy.width = c.width; copy.height = c.height;
  const ctx = copy.getContext("2d");
  ctx.drawImage(c, 0, 0);
  const data = ctx.getImageData(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0)).data;
  const bg = ctx.getImageData(0, 0, 1, 1).data;
  let ink = 0, hash = 2166136261;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== bg[0] || data[i + 1] !== bg[1] || data[i + 2] !== bg[2]) ink += 1;
    for (let k = 0; k < 4; k += 1) hash = Math.imul(hash ^ data[i + k], 16777619) >>> 0;
  }
  return { ink, hash };
`;
const FUNCTION_PLOT = `document.querySelector('[data-testid="function-plot"]')`;

test("Firefox: the explorer draws both charts from wasm with no error shown", async () => {
  await firefox.goto(`${server.origin}/index.html?fn=leaky_relu&negative_slope=0.2&ymin=-2&ymax=4`);
  await firefox.waitFor(
    `return document.querySelector('[data-testid="function-plot"]')?.dataset.plotArea &&
            document.querySelector('[data-testid="derivative-plot"]')?.dataset.plotArea`,
    "both charts",
  );
  for (const id of ["function-plot", "derivative-plot"]) {
    const stats = await firefox.run(regionStats(`document.querySelector('[data-testid="${id}"]')`));
    assert.ok(stats.ink > 2000, `${id} has ink: ${stats.ink}`);
  }
  const fatal = await firefox.run(`const f = document.querySelector('[data-testid="fatal"]'); return f ? !f.hidden && f.textContent : false;`);
  assert.equal(fatal, false);
});

test("Firefox: the negative_slope slider redraws f left of the y axis only", async () => {
  // Left or right of the y axis, inside the plot area (from the canvas's data attributes).
  const side = (which) =>
    regionStats(
      FUNCTION_PLOT,
      `(() => {
        const [l, t, r, b] = c.dataset.plotArea.split(",").map(Number);
        const [xmin, xmax] = c.dataset.xRange.split(",").map(Number);
        const zero = Math.round(l + ((0 - xmin) / (xmax - xmin)) * (r - l));
        return ${which === "left" ? "[Math.round(l) + 2, Math.round(t), zero - 4, Math.round(b)]" : "[zero + 4, Math.round(t), Math.round(r) - 2, Math.round(b)]"};
      })()`,
    );
  const before = { left: await firefox.run(side("left")), right: await firefox.run(side("right")) };
  await firefox.run(`
    const slider = document.querySelector('[data-testid="param-negative_slope"]');
    slider.value = "0.6";
    slider.dispatchEvent(new Event("input", { bubbles: true }));`);
  await firefox.waitFor(`return document.querySelector('[data-testid="param-negative_slope-value"]').value === "0.6"`, "number box follows");
  // The page coalesces input events per animation frame: give it a few.
  await new Promise((r) => setTimeout(r, 300));
  const afterMove = { left: await firefox.run(side("left")), right: await firefox.run(side("right")) };
  assert.notEqual(afterMove.left.hash, before.left.hash, "left of the y axis changed");
  assert.equal(afterMove.right.hash, before.right.hash, "right of the y axis unchanged");
});

test("Firefox: the lab trains both networks and counts dead neurons", async () => {
  await firefox.goto(`${server.origin}/lab.html`);
  await firefox.waitFor(`return document.querySelector('[data-testid="lab"]')?.dataset.ready`, "the lab");
  await firefox.run(`document.querySelector('[data-testid="lab-start"]').click();`);
  await firefox.waitFor(
    `return Number(document.querySelector('[data-testid="lab-step-count"]').textContent.replace(/\\D/g, "")) >= 200`,
    "200 training steps",
    30_000,
  );
  await firefox.run(`document.querySelector('[data-testid="lab-start"]').click();`);
  for (const net of ["relu", "other"]) {
    const text = await firefox.run(`return document.querySelector('[data-testid="dead-count-${net}"]').textContent.trim()`);
    assert.match(text, /^\d+/, `${net}: ${text}`);
  }
  const page = await firefox.run(`return document.body.innerText`);
  assert.doesNotMatch(page, /NaN/);
  const boundary = await firefox.run(regionStats(`document.querySelector('[data-testid="boundary-relu"]')`));
  assert.ok(boundary.ink > 500, `decision boundary drawn: ${boundary.ink}`);
});

// Crafted links: each loads, says what it refused, draws the defaults and keeps answering. Each
// gets a Firefox of its own, so a frozen page fails its own test only.
const CRAFTED = [
  ["index.html?fn=leaky_relu&negative_slope=1e308", `return performance.getEntriesByName("actviz:first-draw").length > 0`, /negative_slope/],
  ["index.html?fn=leaky_relu&negative_slope=-1e308", `return performance.getEntriesByName("actviz:first-draw").length > 0`, /negative_slope/],
  ["index.html?compare=elu:alpha=1.7e308", `return performance.getEntriesByName("actviz:first-draw").length > 0`, /alpha/],
  ["embed.html?fn=elu&alpha=1.7e308", `return document.querySelector('[data-testid="plot"]')?.drawCount > 0`, /alpha/],
  ["fixtures/crafted.html", `return document.getElementById("huge")?.drawCount > 0`, /alpha/],
];

for (const [query, drawn, refused] of CRAFTED) {
  test(`Firefox: ${query} draws the defaults, says why and stays responsive`, async () => {
    const fresh = await launchFirefox();
    try {
      await fresh.goto(`${server.origin}/${query}`);
      await fresh.waitFor(drawn, "the first drawing", 10_000);
      assert.equal(await fresh.run("return 1"), 1, "the page answers");
      const said = await fresh.run(`
        const plot = document.getElementById("huge");
        if (plot) return plot.problems.join("\\n");
        return [...document.querySelectorAll('[data-testid="notice"] li')].map((li) => li.textContent).join("\\n");`);
      assert.match(said, refused);
    } finally {
      await fresh.close();
    }
  });
}
