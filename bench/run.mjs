// `make bench`: measures the release site (dist/, built by `make build`) against its references
// in one headless Chromium session and writes bench/results.json and the latest table in
// bench/results.md (the table the README shows; the history below it is kept). It builds nothing itself.
//
//   node bench/run.mjs [--only redraw,explorer,mlp,sweep,weight,start,network] [--seconds 2] [--inputs 200]
//                      [--starts 9] [--pkg DIR]
//
// `--only` runs some parts, `--pkg` serves another build's pkg/ directory instead of dist/pkg (to
// compare a change against a saved build; page weight included); both write
// bench/results.partial.json and leave bench/results.json and results.md alone.
//
// What it serves, with the page tests' server (tests/page/harness.mjs): dist/ at /, bench/pages/
// at /bench/pages/ and bench/node_modules/ at /bench/node_modules/, every response with COOP/COEP
// headers (cross-origin isolation), or Chromium coarsens performance.now() to 100 µs; all but the
// start-up part, which loads pages as a site serves them, without those headers. The native
// figures come from `cargo bench --bench mlp -- --json bench/native.json`, which `make bench`
// runs first.

import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { DIST, launchBrowser, startServer } from "../tests/page/harness.mjs";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, "..");
const MOUNTS = {
  "/bench/pages/": path.join(BENCH, "pages"),
  "/bench/node_modules/": path.join(BENCH, "node_modules"),
};
/** Cross-origin isolation: full-resolution performance.now() and SharedArrayBuffer. */
const ISOLATION_HEADERS = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
  "cross-origin-resource-policy": "same-origin",
};
/** The issue's targets, checked against this run's numbers. */
const TARGETS = {
  redrawVsCanvas2d: 1.2,
  compare4VsTwoCurves: 2,
  w1VsTfjsWasm: 20,
  w2VsTfjsWasm: 6,
  w3VsTfjsWasm: 8,
  sweepMs: 2000,
  pageGzipBytes: 150 * 1024,
  firstChartMs: 200,
  explorerRequests: 5,
  firstChartVsFloor: 2,
};
/** Where the latest table goes in bench/results.md; the rest of that file (the history) is kept. */
const TABLE_START = "<!-- latest make bench: written by bench/run.mjs -->";
const TABLE_END = "<!-- end of the latest make bench -->";

const args = parseArgs(process.argv.slice(2));

function parseArgs(argv) {
  const options = { only: null, seconds: 2, inputs: 200, starts: 9, pkg: null };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--only") options.only = new Set(value.split(","));
    else if (argv[i] === "--seconds") options.seconds = Number(value);
    else if (argv[i] === "--inputs") options.inputs = Number(value);
    else if (argv[i] === "--starts") options.starts = Number(value);
    else if (argv[i] === "--pkg") options.pkg = path.resolve(value);
    else throw new Error(`unknown argument ${argv[i]}`);
    i++;
  }
  return options;
}

const wanted = (part) => !args.only || args.only.has(part);
if (args.pkg) MOUNTS["/pkg/"] = args.pkg;
const PKG = args.pkg ?? path.join(DIST, "pkg");

async function main() {
  for (const file of ["actviz.js", "actviz_bg.wasm", "actviz_lab.js", "actviz_lab_bg.wasm"]) {
    if (!existsSync(path.join(PKG, file))) throw new Error(`${path.join(PKG, file)} is missing: run \`make build\` first`);
  }
  if (!existsSync(path.join(BENCH, "node_modules", "uplot"))) {
    throw new Error("bench/node_modules is missing: run `npm ci --prefix bench`");
  }
  console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const server = await startServer(MOUNTS, { headers: ISOLATION_HEADERS });
  const browser = await launchBrowser();
  const results = {
    date: new Date().toISOString(),
    browser: `Chromium ${browser.version()} (headless, --disable-gpu)`,
    cpu: cpuName(),
    cores: os.cpus().length,
    load_average_before: os.loadavg()[0],
  };
  try {
    if (wanted("redraw")) Object.assign(results, await redraw(browser, server.origin));
    if (wanted("explorer")) Object.assign(results, await explorer(browser, server.origin));
    if (wanted("mlp") || wanted("sweep")) Object.assign(results, await mlp(browser, server.origin));
    if (wanted("weight")) Object.assign(results, pageWeight());
    if (wanted("network")) Object.assign(results, await networkPage(browser, server.origin));
    if (wanted("start")) {
      // Served as a site serves it (and as `make serve` does): without the isolation headers,
      // which cost every page a dedicated process and ~70-120 ms of start-up here, floor included.
      const plain = await startServer(MOUNTS);
      try {
        Object.assign(results, await firstChart(browser, plain.origin));
      } finally {
        await plain.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const native = path.join(BENCH, "native.json");
  if (existsSync(native)) {
    results.native = JSON.parse(readFileSync(native, "utf8"));
    results.native.written = statSync(native).mtime.toISOString();
  }
  results.load_average_after = os.loadavg()[0];
  results.ratios = ratios(results);
  results.targets = targets(results);
  const partial = Boolean(args.only || args.pkg);
  const jsonPath = path.join(BENCH, partial ? "results.partial.json" : "results.json");
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  const table = markdown(results);
  if (!partial) writeLatestTable(table);
  console.log(`\n${table}`);
  console.log(`wrote ${path.relative(ROOT, jsonPath)}${partial ? "" : " and bench/results.md"}`);
}

// ---------------------------------------------------------------- browser

async function newPage(browser, { viewport = { width: 1700, height: 1200 } } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 2, colorScheme: "light" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} for ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { page, context, errors };
}

function cpuName() {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    return line ? line.split(":")[1].trim() : os.cpus()[0].model;
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
}

// ---------------------------------------------------------------- network.html

/**
 * network.html: the Fashion-MNIST asset's size, and the time from navigation to the first trained
 * epoch shown (`net-epoch` reads 1 or more), pressing Start as soon as it is enabled; median of 3.
 */
async function networkPage(browser, origin) {
  const times = [];
  for (let run = 0; run < 3; run++) {
    const { page, context, errors } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${origin}/network.html`);
      await page.waitForFunction(() => !document.querySelector('[data-testid="net-start"]')?.disabled, null, { timeout: 60_000 });
      const clicked = await page.evaluate(() => performance.now());
      await page.getByTestId("net-start").click();
      await page.waitForFunction(() => Number.parseInt(document.querySelector('[data-testid="net-epoch"]').textContent, 10) >= 1, null, { timeout: 120_000 });
      times.push({ first_epoch_ms: await page.evaluate(() => performance.now()), start_enabled_ms: clicked });
      if (errors.length) throw new Error(`network page: ${errors.join("; ")}`);
    } finally {
      await context.close();
    }
  }
  const asset = statSync(path.join(DIST, "assets/fashion-mnist-16.bin.gz")).size;
  const median = (key) => quantile(times.map((t) => t[key]), 0.5);
  return {
    network_asset_bytes: asset,
    network_first_epoch_ms: round(median("first_epoch_ms"), 0),
    network_details: { runs: times, note: "navigation → Start enabled (asset fetched, gunzipped, Lab built in the worker) → first epoch of 10,000 images shown" },
  };
}

// ---------------------------------------------------------------- statistics

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const summary = (times) => ({
  median: round(quantile(times, 0.5), 3),
  p95: round(quantile(times, 0.95), 3),
  n: times.length,
});

const round = (value, digits) => (value == null || Number.isNaN(value) ? null : Number(value.toFixed(digits)));

// ---------------------------------------------------------------- 1. redraw latency

async function redraw(browser, origin) {
  console.log("redraw latency …");
  const { page, context, errors } = await newPage(browser);
  await page.goto(`${origin}/bench/pages/redraw.html`);
  await page.evaluate(() => window.bench.ready);
  const run = await page.evaluate((inputs) => window.bench.run({ inputs }), args.inputs);
  await context.close();
  if (errors.length) throw new Error(`redraw page: ${errors.join("; ")}`);
  if (!run.crossOriginIsolated) throw new Error("redraw page is not cross-origin isolated");
  for (const [name, check] of Object.entries(run.checks)) {
    if (!check.complete || !check.changes) throw new Error(`${name}: drawing not complete when timing stops (${JSON.stringify(check)})`);
  }
  const s = Object.fromEntries(Object.entries(run.times).map(([name, times]) => [name, summary(times)]));
  return {
    redraw_ms: s.actviz,
    redraw_compare4_ms: s.actviz_compare4,
    redraw_peers_ms: { canvas2d: s.canvas2d, uplot: s.uplot, chartjs: s.chartjs },
    redraw_setup: {
      page: "bench/pages/redraw.html, plotActivation called directly (the explorer's own call)",
      canvas_css_px: run.canvas.css,
      canvas_device_px: run.canvas.pixels,
      device_pixel_ratio: run.devicePixelRatio,
      actviz_samples_per_curve:
        "one per device pixel of canvas width (1600), split at kinks; only the samples needed to stay within 0.1 px of the curve are drawn",
      reference_samples_per_curve: 1000,
      compare4_curves: "leaky_relu + relu, elu, gelu, silu (5 curves per chart, with legend)",
      versions: { uplot: packageVersion("uplot"), chartjs: run.chartjsVersion },
    },
  };
}

function packageVersion(name) {
  return JSON.parse(readFileSync(path.join(BENCH, "node_modules", name, "package.json"), "utf8")).version;
}

// ---------------------------------------------------------------- the real explorer page

/**
 * The same slider on the real explorer (www/index.html): input → the page's own redraw in the
 * next animation frame → 1-pixel getImageData of each chart. Includes the wait for that frame.
 */
async function explorer(browser, origin) {
  console.log("explorer page slider …");
  // At 1680 px the explorer is at its widest; 750 px of height caps the charts at 500 CSS px.
  const { page, context, errors } = await newPage(browser, { viewport: { width: 1680, height: 750 } });
  await page.goto(`${origin}/index.html?fn=leaky_relu`);
  await page.waitForFunction(() => document.querySelector('[data-testid="derivative-plot"]')?.dataset.plotArea);
  const result = await page.evaluate(async (inputs) => {
    const slider = document.querySelector('[data-testid="param-negative_slope"]');
    const canvases = ["function-plot", "derivative-plot"].map((id) => document.querySelector(`[data-testid="${id}"]`));
    const contexts = canvases.map((c) => c.getContext("2d"));
    const status = document.querySelector('[data-testid="status"]');
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const total = [];
    const drawn = [];
    for (let i = 0; i < inputs + 20; i++) {
      slider.value = (((i % 100) + 1) / 100).toFixed(2);
      await nextFrame();
      const start = performance.now();
      slider.dispatchEvent(new Event("input", { bubbles: true }));
      // Our frame callback is queued after the page's, so it runs right after the redraw.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      for (const ctx of contexts) ctx.getImageData(ctx.canvas.width >> 1, ctx.canvas.height >> 1, 1, 1);
      const elapsed = performance.now() - start;
      const match = /drawn in ([\d.]+) ms/.exec(status.textContent);
      if (i >= 20) {
        total.push(elapsed);
        if (match) drawn.push(Number(match[1]));
      }
    }
    const rect = canvases[0].getBoundingClientRect();
    return { total, drawn, css: [rect.width, rect.height], pixels: [canvases[0].width, canvases[0].height] };
  }, args.inputs);
  await context.close();
  if (errors.length) throw new Error(`explorer page: ${errors.join("; ")}`);
  return {
    explorer_input_to_pixels_ms: {
      ...summary(result.total),
      page_draw_ms: summary(result.drawn),
      chart_css_px: result.css.map((v) => round(v, 1)),
      chart_device_px: result.pixels,
      note: "www/index.html at 1680×750 CSS px, DPR 2; includes the wait for the animation frame the page draws in",
    },
  };
}

// ---------------------------------------------------------------- 2, 3. MLP throughput and sweep

async function mlp(browser, origin) {
  const { page, context, errors } = await newPage(browser);
  await page.goto(`${origin}/bench/pages/mlp.html`);
  await page.evaluate(() => window.bench.ready);
  const out = {};
  try {
    if (wanted("mlp")) {
      out.mlp = {};
      out.mlp_details = {};
      const options = { seconds: args.seconds };
      for (const workload of ["W1", "W2", "W3"]) {
        console.log(`MLP ${workload} …`);
        const ours = await page.evaluate(([w, o]) => window.bench.actviz(w, o), [workload, options]);
        if (ours.diverged.length) throw new Error(`actviz ${workload} diverged at step ${ours.diverged}`);
        const points = workload === "W3" ? 10_000 : 512;
        if (ours.trainPoints !== points) throw new Error(`actviz ${workload}: ${ours.trainPoints} training points, not ${points}`);
        const wasm = await page.evaluate(([w, o]) => window.bench.tfjs("wasm", w, o), [workload, options]);
        const cpu = await page.evaluate(([w, o]) => window.bench.tfjs("cpu", w, o), [workload, options]);
        out.mlp[workload] = {
          actviz: Math.round(ours.examplesPerSecond),
          tfjs_wasm: Math.round(wasm.examplesPerSecond),
          tfjs_cpu: Math.round(cpu.examplesPerSecond),
        };
        out.mlp_details[workload] = { actviz: ours, tfjs_wasm: wasm, tfjs_cpu: cpu };
        if (ours.epochMs != null) out.mlp[workload].twin_epoch_ms = Math.round(ours.epochMs);
      }
      out.mlp_details.method =
        "examples/s per network; actviz through new Lab(...)/lab.step(n), which trains the ReLU twin and the LeakyReLU network on each batch, so examples = 2 × batch × steps; TF.js: optimizer.minimize over tf.variable weights";
      out.mlp_details.page = await page.evaluate(() => window.bench.info());
    }
    if (wanted("sweep")) {
      console.log("born-dead sweep …");
      const sweep = await page.evaluate(() => window.bench.sweep(3));
      out.sweep_ms = round(sweep.ms, 1);
      out.sweep_details = sweep;
    }
  } finally {
    await context.close();
  }
  if (errors.length) throw new Error(`mlp page: ${errors.join("; ")}`);
  return out;
}

// ---------------------------------------------------------------- 4. page weight and start

// Two wasm modules: the explorer's (actviz.js, the budget's) and the full one with the lab
// (actviz_lab.js), which only the lab, claims and network pages load.
function pageWeight() {
  const weigh = (/** @type {string[]} */ files) => Object.fromEntries(
    files.map((file) => {
      const body = readFileSync(path.join(PKG, path.basename(file)));
      return [file, { bytes: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotliCompressSync(body).length }];
    }),
  );
  const sizes = weigh(["pkg/actviz_bg.wasm", "pkg/actviz.js"]);
  const lab = weigh(["pkg/actviz_lab_bg.wasm", "pkg/actviz_lab.js"]);
  // Everything the explorer's first visit transfers: the page and each file its head links
  // (stylesheets, icon, module script, module and wasm preloads, which cover the module graph).
  const html = readFileSync(path.join(DIST, "index.html"));
  const linked = [...html.toString().matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
  const explorer = ["index.html", ...new Set(linked)].map((file) => {
    const body = file.startsWith("pkg/") ? readFileSync(path.join(PKG, path.basename(file))) : readFileSync(path.join(DIST, file));
    return gzipSync(body, { level: 9 }).length;
  });
  return {
    page_gzip_bytes: Object.values(sizes).reduce((sum, s) => sum + s.gzip, 0),
    page_weight: { ...sizes, note: "gzip: node's zlib at level 9 (GNU gzip -9 makes the wasm ~2.5 KB smaller); brotli: node's default (quality 11)" },
    explorer_page_gzip_bytes: explorer.reduce((sum, bytes) => sum + bytes, 0),
    explorer_page_files: explorer.length,
    lab_module_gzip_bytes: Object.values(lab).reduce((sum, s) => sum + s.gzip, 0),
    lab_module_weight: lab,
  };
}

/**
 * Navigation to the first chart drawn on the explorer, in fresh contexts (a new renderer process,
 * nothing cached): the page's `actviz:first-draw` performance mark, set right after both charts
 * are drawn. Interleaved with the same measurement of a floor page (one module script drawing a
 * Canvas2D chart: browser start-up, not actviz), and followed by warm reloads of the explorer in
 * one context.
 */
async function firstChart(browser, origin) {
  console.log("first chart …");
  const runs = { explorer: [], floor: [], warm: [] };
  /** @type {number[]} */
  const requestCounts = [];
  const phases = [];
  const load = async (page, url) => {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName("actviz:first-draw").length, null, { timeout: 20_000 });
    return page.evaluate(() => {
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      const nav = performance.getEntriesByType("navigation")[0];
      return {
        firstDraw: mark("actviz:first-draw"),
        wasmReady: mark("actviz:wasm-ready"),
        responseEnd: nav.responseEnd,
        domInteractive: nav.domInteractive,
        firstPaint: performance.getEntriesByName("first-paint")[0]?.startTime ?? null,
      };
    });
  };
  for (let i = 0; i < args.starts; i++) {
    for (const [name, url] of [["explorer", "/index.html"], ["floor", "/bench/pages/start-floor.html"]]) {
      const { page, context, errors } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
      let requests = 0;
      page.on("request", () => requests++);
      const timing = await load(page, `${origin}${url}`);
      if (name === "explorer") requestCounts.push(requests);
      await context.close();
      if (errors.length) throw new Error(`${url}: ${errors.join("; ")}`);
      runs[name].push(timing.firstDraw);
      if (name === "explorer") phases.push(timing);
    }
  }
  const { page, context } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
  await load(page, `${origin}/index.html`);
  for (let i = 0; i < args.starts; i++) runs.warm.push((await load(page, `${origin}/index.html`)).firstDraw);
  await context.close();
  const phase = (key) => round(quantile(phases.map((p) => p[key]).filter((v) => v != null), 0.5), 1);
  return {
    first_chart_ms: round(quantile(runs.explorer, 0.5), 1),
    first_chart_floor_ms: round(quantile(runs.floor, 0.5), 1),
    explorer_requests: Math.max(...requestCounts),
    first_chart_details: {
      explorer_fresh_context_ms: summary(runs.explorer),
      floor_fresh_context_ms: summary(runs.floor),
      explorer_warm_reload_ms: summary(runs.warm),
      explorer_phases_median_ms: {
        response_end: phase("responseEnd"),
        first_paint: phase("firstPaint"),
        dom_interactive: phase("domInteractive"),
        wasm_ready: phase("wasmReady"),
        first_draw: phase("firstDraw"),
      },
      runs: args.starts,
      note:
        "performance mark actviz:first-draw (set by www/js/explorer.js after both charts are drawn), relative to navigation start; " +
        "1280×800 CSS px, DPR 2, served without COOP/COEP headers. Fresh context = new renderer process, nothing cached; floor = bench/pages/start-floor.html " +
        "(a module script drawing one Canvas2D chart, no wasm) in the same conditions; warm = reloads in one context.",
    },
  };
}

// ---------------------------------------------------------------- ratios, targets, table

function ratios(r) {
  const out = {};
  const divide = (a, b) => (a != null && b ? round(a / b, 2) : null);
  if (r.redraw_ms) {
    out.redraw_vs_canvas2d = divide(r.redraw_ms.median, r.redraw_peers_ms.canvas2d.median);
    out.redraw_vs_uplot = divide(r.redraw_ms.median, r.redraw_peers_ms.uplot.median);
    out.redraw_vs_chartjs = divide(r.redraw_ms.median, r.redraw_peers_ms.chartjs.median);
    out.compare4_vs_two_curves = divide(r.redraw_compare4_ms.median, r.redraw_ms.median);
  }
  if (r.mlp) {
    for (const w of ["W1", "W2", "W3"].filter((w) => r.mlp[w])) {
      out[`${w}_vs_tfjs_wasm`] = divide(r.mlp[w].actviz, r.mlp[w].tfjs_wasm);
      out[`${w}_vs_tfjs_cpu`] = divide(r.mlp[w].actviz, r.mlp[w].tfjs_cpu);
    }
  }
  if (r.first_chart_ms != null) out.first_chart_vs_floor = divide(r.first_chart_ms, r.first_chart_floor_ms);
  return out;
}

function targets(r) {
  const q = r.ratios;
  const check = (value, ok) => (value == null ? null : ok(value));
  return {
    redraw_le_1_2x_canvas2d: check(q.redraw_vs_canvas2d, (v) => v <= TARGETS.redrawVsCanvas2d),
    redraw_below_uplot_and_chartjs: check(q.redraw_vs_uplot, () => q.redraw_vs_uplot < 1 && q.redraw_vs_chartjs < 1),
    compare4_le_2x: check(q.compare4_vs_two_curves, (v) => v <= TARGETS.compare4VsTwoCurves),
    W1_ge_20x_tfjs_wasm: check(q.W1_vs_tfjs_wasm, (v) => v >= TARGETS.w1VsTfjsWasm),
    W2_ge_6x_tfjs_wasm: check(q.W2_vs_tfjs_wasm, (v) => v >= TARGETS.w2VsTfjsWasm),
    W3_ge_8x_tfjs_wasm: check(q.W3_vs_tfjs_wasm, (v) => v >= TARGETS.w3VsTfjsWasm),
    sweep_lt_2s: check(r.sweep_ms, (v) => v < TARGETS.sweepMs),
    page_le_150kb_gzip: check(r.page_gzip_bytes, (v) => v <= TARGETS.pageGzipBytes),
    first_chart_le_200ms: check(r.first_chart_ms, (v) => v <= TARGETS.firstChartMs),
    first_chart_le_2x_floor: check(q.first_chart_vs_floor, (v) => v <= TARGETS.firstChartVsFloor),
    explorer_le_5_requests: check(r.explorer_requests, (v) => v <= TARGETS.explorerRequests),
  };
}

function markdown(r) {
  const t = r.targets;
  const mark = (ok) => (ok == null ? "–" : ok ? "✅ pass" : "❌ fail");
  const ms = (s) => (s ? `${s.median.toFixed(2)} ms (p95 ${s.p95.toFixed(2)})` : "–");
  const rate = (v) => (v == null ? "–" : `${Math.round(v).toLocaleString("en-US")}/s`);
  const x = (v) => (v == null ? "–" : `${v}×`);
  const rows = [];
  if (r.redraw_ms) {
    const p = r.redraw_peers_ms;
    rows.push(
      ["Redraw f + f′ of Leaky ReLU: actviz", ms(r.redraw_ms), "", ""],
      ["… hand-written Canvas2D (1000 samples)", ms(p.canvas2d), `actviz ${x(r.ratios.redraw_vs_canvas2d)}`, `≤ 1.2× ${mark(t.redraw_le_1_2x_canvas2d)}`],
      [`… uPlot ${r.redraw_setup.versions.uplot}`, ms(p.uplot), `actviz ${x(r.ratios.redraw_vs_uplot)}`, `< 1× ${mark(t.redraw_below_uplot_and_chartjs)}`],
      [`… Chart.js ${r.redraw_setup.versions.chartjs}`, ms(p.chartjs), `actviz ${x(r.ratios.redraw_vs_chartjs)}`, `< 1× ${mark(t.redraw_below_uplot_and_chartjs)}`],
      ["Redraw with 4 compared curves (5 per chart): actviz", ms(r.redraw_compare4_ms), `${x(r.ratios.compare4_vs_two_curves)} the 1-curve redraw`, `≤ 2× ${mark(t.compare4_le_2x)}`],
    );
  }
  if (r.explorer_input_to_pixels_ms) {
    const e = r.explorer_input_to_pixels_ms;
    rows.push([
      `Explorer page, slider input → pixels (charts ${e.chart_css_px.join("×")} CSS px)`,
      ms(e),
      `of which drawing ${e.page_draw_ms.median.toFixed(2)} ms; the rest is the wait for the next frame`,
      "",
    ]);
  }
  if (r.mlp) {
    const names = {
      W1: ["W1 2→16→16→16→1, batch 32", `≥ 20× ${mark(t.W1_ge_20x_tfjs_wasm)}`],
      W2: ["W2 2→128→128→128→1, batch 512", `≥ 6× ${mark(t.W2_ge_6x_tfjs_wasm)}`],
      W3: ["W3 the article's 256→128→64→10, batch 64", `≥ 8× ${mark(t.W3_ge_8x_tfjs_wasm)}`],
    };
    for (const w of ["W1", "W2", "W3"].filter((w) => r.mlp[w])) {
      const m = r.mlp[w];
      const [name, target] = names[w];
      const epoch = m.twin_epoch_ms == null ? "" : `one epoch of 10,000 rows, both networks: ${m.twin_epoch_ms} ms`;
      rows.push(
        [`Train ${name}: actviz (wasm)`, rate(m.actviz), epoch, ""],
        ["… TF.js 4.22 wasm", rate(m.tfjs_wasm), `actviz ${x(r.ratios[`${w}_vs_tfjs_wasm`])}`, target],
        ["… TF.js 4.22 cpu", rate(m.tfjs_cpu), `actviz ${x(r.ratios[`${w}_vs_tfjs_cpu`])}`, ""],
      );
      if (r.native?.[w]) rows.push(["… actviz native (x86-64, same code)", rate(r.native[w].single), "", ""]);
    }
  }
  if (r.network_first_epoch_ms != null) {
    const start = quantile(r.network_details.runs.map((t) => t.start_enabled_ms), 0.5);
    rows.push([
      "network.html: open → first trained epoch (both networks, 10,000 images)",
      `${r.network_first_epoch_ms} ms`,
      `Start enabled after ${Math.round(start)} ms; asset ${(r.network_asset_bytes / 1e6).toFixed(2)} MB (gzip)`,
      "",
    ]);
  }
  if (r.sweep_ms != null) rows.push(["Born-dead sweep, defaults (depth 10, widths 2–10, 1000 trials)", `${r.sweep_ms} ms`, "", `< 2 s ${mark(t.sweep_lt_2s)}`]);
  if (r.page_gzip_bytes != null) {
    const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
    const w = r.page_weight;
    rows.push([
      "Page weight: the explorer's module, actviz_bg.wasm + actviz.js, gzip level 9",
      kb(r.page_gzip_bytes),
      `wasm ${kb(w["pkg/actviz_bg.wasm"].gzip)} (${kb(w["pkg/actviz_bg.wasm"].bytes)} raw), JS ${kb(w["pkg/actviz.js"].gzip)}; brotli ${kb(w["pkg/actviz_bg.wasm"].brotli + w["pkg/actviz.js"].brotli)}`,
      `≤ 150 KiB ${mark(t.page_le_150kb_gzip)}`,
    ]);
    if (r.explorer_page_gzip_bytes != null) {
      rows.push([
        `… the whole explorer page: HTML, CSS, every JS module, wasm, icon (${r.explorer_page_files} files)`,
        kb(r.explorer_page_gzip_bytes),
        "",
        "",
      ]);
    }
    if (r.lab_module_gzip_bytes != null) {
      const l = r.lab_module_weight;
      rows.push([
        "The full module (lab, claims, network pages only): actviz_lab_bg.wasm + actviz_lab.js, gzip level 9",
        kb(r.lab_module_gzip_bytes),
        `wasm ${kb(l["pkg/actviz_lab_bg.wasm"].gzip)} (${kb(l["pkg/actviz_lab_bg.wasm"].bytes)} raw), JS ${kb(l["pkg/actviz_lab.js"].gzip)}; brotli ${kb(l["pkg/actviz_lab_bg.wasm"].brotli + l["pkg/actviz_lab.js"].brotli)}`,
        "",
      ]);
    }
  }
  if (r.first_chart_ms != null) {
    const d = r.first_chart_details;
    rows.push([
      "Navigation → first chart drawn (explorer, localhost, fresh browser context)",
      `${r.first_chart_ms} ms`,
      `floor (a JS Canvas2D chart, no wasm) ${d.floor_fresh_context_ms.median.toFixed(0)} ms; warm reload ${d.explorer_warm_reload_ms.median.toFixed(0)} ms; wasm ready at ${d.explorer_phases_median_ms.wasm_ready} ms`,
      `≤ 200 ms ${mark(t.first_chart_le_200ms)}`,
    ]);
    rows.push([
      "… against the floor page, same run",
      `${r.ratios.first_chart_vs_floor}×`,
      `floor ${r.first_chart_floor_ms} ms (median)`,
      `≤ 2× ${mark(t.first_chart_le_2x_floor)}`,
    ]);
    rows.push([
      "Requests of the explorer's first visit (fresh context, to the first chart)",
      `${r.explorer_requests}`,
      "document, script, stylesheet, wasm, icon",
      `≤ 5 ${mark(t.explorer_le_5_requests)}`,
    ]);
  }
  const lines = [
    "| Measure | Result | Compared | Target |",
    "|---|---|---|---|",
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
    "",
    `${r.browser}; ${r.cpu}, ${r.cores} cores; ${r.date.slice(0, 10)}. Charts 800×500 CSS px at devicePixelRatio 2; ` +
      "redraw = slider `input` event → both charts drawn → 1-pixel `getImageData` on each, median of 200 inputs; " +
      "training = examples/s per network (forward + backward + SGD update) on 512 two-moons points (W3: 10,000 rows of 256 numbers, 10 classes, log_softmax + NLL). " +
      "From `make bench` (bench/results.json has every figure).",
    "",
  ];
  return lines.join("\n");
}

/**
 * Puts the latest table into bench/results.md between its markers, keeping the history around it
 * (a file without the markers gets them, the table first).
 * @param {string} table
 */
function writeLatestTable(table) {
  const file = path.join(BENCH, "results.md");
  const old = existsSync(file) ? readFileSync(file, "utf8") : "";
  const block = `${TABLE_START}\n${table}${TABLE_END}`;
  const start = old.indexOf(TABLE_START);
  const end = old.indexOf(TABLE_END);
  const next = start >= 0 && end > start ? old.slice(0, start) + block + old.slice(end + TABLE_END.length) : `${block}\n${old}`;
  writeFileSync(file, next);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
