// Redraw latency of f and f′ of Leaky ReLU on two 800×500 CSS px canvases at devicePixelRatio 2,
// for actviz (plotActivation, the explorer's own call) and three references drawing the same two
// charts (axes, ticks, grid, one curve each): a hand-written Canvas2D chart, uPlot and Chart.js.
//
// Each contender has its own `<input type=range>` whose `input` listener redraws both of its
// charts synchronously (the explorer coalesces input events per animation frame; the wait for that
// frame is measured separately on the real page by run.mjs). One sample is the time from
// dispatching `input` to the end of a 1-pixel `getImageData` on each canvas, after one microtask
// turn (uPlot commits its redraw in a microtask). `window.bench.run()` is what run.mjs calls.

import init, { plotActivation } from "/pkg/actviz.js";
import uPlot from "/bench/node_modules/uplot/dist/uPlot.esm.js";

const SCALE = window.devicePixelRatio;
const CSS_WIDTH = 800;
const CSS_HEIGHT = 500;
const X_RANGE = [-5, 5];
/** Samples per curve for the references (actviz samples one point per device pixel of width). */
const SAMPLES = 1000;
const BLUE = "#2563eb";
/** The compared curves of the 4-comparison run, in the explorer's palette order. */
const COMPARED = [
  { id: "relu", color: "#e8590c", label: "ReLU" },
  { id: "elu", color: "#0c9a6e", label: "ELU" },
  { id: "gelu", color: "#c2255c", label: "GELU" },
  { id: "silu", color: "#7048e8", label: "SiLU" },
];

const xs = Float64Array.from({ length: SAMPLES }, (_, i) => X_RANGE[0] + ((X_RANGE[1] - X_RANGE[0]) * i) / (SAMPLES - 1));
const leaky = (slope) => Float64Array.from(xs, (x) => (x > 0 ? x : slope * x));
const leakyDerivative = (slope) => Float64Array.from(xs, (x) => (x > 0 ? 1 : slope));

/** A row of the page: a labelled slider and two chart boxes. */
function row(name) {
  const section = document.createElement("section");
  section.className = "row";
  const title = document.createElement("h2");
  title.textContent = name;
  const slider = document.createElement("input");
  Object.assign(slider, { type: "range", min: "0", max: "1", step: "0.01", value: "0.01" });
  slider.setAttribute("aria-label", `${name}: negative_slope`);
  const charts = document.createElement("div");
  charts.className = "charts";
  const boxes = [0, 1].map(() => {
    const box = document.createElement("div");
    box.className = "chart";
    charts.append(box);
    return box;
  });
  section.append(title, slider, charts);
  document.querySelector("#rows").append(section);
  return { slider, boxes };
}

/** A canvas filling `box`, its pixel size CSS size × devicePixelRatio (as the explorer sizes it). */
function canvasIn(box, pixelRatio = true) {
  const canvas = document.createElement("canvas");
  canvas.width = pixelRatio ? Math.round(CSS_WIDTH * SCALE) : CSS_WIDTH;
  canvas.height = pixelRatio ? Math.round(CSS_HEIGHT * SCALE) : CSS_HEIGHT;
  box.append(canvas);
  return canvas;
}

// ---------------------------------------------------------------- actviz

function actvizContender(name, compared) {
  const { slider, boxes } = row(name);
  const canvases = boxes.map((box) => canvasIn(box));
  const views = [null, null];
  const draw = () => {
    const slope = Number(slider.value);
    const curves = [
      { id: "leaky_relu", params: { negative_slope: slope }, color: BLUE, label: `Leaky ReLU (${slope})` },
      ...compared,
    ];
    ["function", "derivative"].forEach((kind, i) => {
      const view = plotActivation(canvases[i], { kind, curves, xmin: X_RANGE[0], xmax: X_RANGE[1], theme: "light", scale: SCALE });
      views[i]?.free();
      views[i] = view;
    });
  };
  slider.addEventListener("input", draw);
  return { name, slider, contexts: canvases.map((c) => c.getContext("2d")) };
}

// ---------------------------------------------------------------- hand-written Canvas2D

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 × 10^k). */
function ticks(lo, hi, count) {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

const tickLabel = (v) => String(Math.round(v * 1e6) / 1e6);

/** Fitted y range with 8% headroom, as actviz's auto range. */
function yRange(ys) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  }
  const span = hi - lo;
  return span < 1e-9 ? [lo - 1, hi + 1] : [lo - 0.08 * span, hi + 0.08 * span];
}

/** Axes, grid, tick marks and labels, axis descriptions, zero lines and one curve. */
function drawBaseline(ctx, ys, symbol) {
  const s = SCALE;
  const { width, height } = ctx.canvas;
  const [left, right, top, bottom] = [60 * s, width - 10 * s, 10 * s, height - 46 * s];
  const [xmin, xmax] = X_RANGE;
  const [ymin, ymax] = yRange(ys);
  const px = (x) => left + ((x - xmin) / (xmax - xmin)) * (right - left);
  const py = (y) => bottom - ((y - ymin) / (ymax - ymin)) * (bottom - top);
  const crisp = (v) => Math.round(v) + 0.5;
  const xt = ticks(xmin, xmax, 9);
  const yt = ticks(ymin, ymax, 7);

  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  ctx.lineWidth = s;
  ctx.beginPath();
  for (const t of xt) {
    ctx.moveTo(crisp(px(t)), top);
    ctx.lineTo(crisp(px(t)), bottom);
  }
  for (const t of yt) {
    ctx.moveTo(left, crisp(py(t)));
    ctx.lineTo(right, crisp(py(t)));
  }
  ctx.strokeStyle = "#e8ebf0";
  ctx.stroke();

  ctx.beginPath();
  ctx.moveTo(crisp(left), top);
  ctx.lineTo(crisp(left), crisp(bottom));
  ctx.lineTo(right, crisp(bottom));
  for (const t of xt) {
    ctx.moveTo(crisp(px(t)), bottom);
    ctx.lineTo(crisp(px(t)), bottom + 5 * s);
  }
  for (const t of yt) {
    ctx.moveTo(left, crisp(py(t)));
    ctx.lineTo(left - 5 * s, crisp(py(t)));
  }
  ctx.strokeStyle = "#9ca3af";
  ctx.stroke();

  ctx.fillStyle = "#374151";
  ctx.font = `${12 * s}px sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const t of xt) ctx.fillText(tickLabel(t), px(t), bottom + 8 * s);
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const t of yt) ctx.fillText(tickLabel(t), left - 8 * s, py(t));
  ctx.font = `${13 * s}px sans-serif`;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.fillText("x", (left + right) / 2, height - 2 * s);
  ctx.save();
  ctx.translate(14 * s, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "middle";
  ctx.fillText(symbol, 0, 0);
  ctx.restore();

  ctx.beginPath();
  if (ymin < 0 && ymax > 0) {
    ctx.moveTo(left, crisp(py(0)));
    ctx.lineTo(right, crisp(py(0)));
  }
  ctx.moveTo(crisp(px(0)), top);
  ctx.lineTo(crisp(px(0)), bottom);
  ctx.strokeStyle = "#6b7280";
  ctx.stroke();

  ctx.beginPath();
  ctx.moveTo(px(xs[0]), py(ys[0]));
  for (let i = 1; i < xs.length; i++) ctx.lineTo(px(xs[i]), py(ys[i]));
  ctx.lineWidth = 2.25 * s;
  ctx.lineJoin = "round";
  ctx.strokeStyle = BLUE;
  ctx.stroke();
}

function canvas2dContender() {
  const { slider, boxes } = row("Canvas2D (hand-written)");
  const contexts = boxes.map((box) => canvasIn(box).getContext("2d"));
  const draw = () => {
    const slope = Number(slider.value);
    drawBaseline(contexts[0], leaky(slope), "f(x)");
    drawBaseline(contexts[1], leakyDerivative(slope), "f′(x)");
  };
  slider.addEventListener("input", draw);
  return { name: "canvas2d", slider, contexts };
}

// ---------------------------------------------------------------- uPlot 1.6

function uplotContender() {
  const { slider, boxes } = row("uPlot 1.6");
  const plots = ["f(x)", "f′(x)"].map((symbol, i) =>
    new uPlot(
      {
        width: CSS_WIDTH,
        height: CSS_HEIGHT,
        pxRatio: SCALE,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [{ label: "x" }, { label: symbol }],
        series: [{}, { stroke: BLUE, width: 2.25, points: { show: false } }],
      },
      [Array.from(xs), Array.from(i === 0 ? leaky(0.01) : leakyDerivative(0.01))],
      boxes[i],
    ),
  );
  const draw = () => {
    const slope = Number(slider.value);
    plots[0].setData([xs, leaky(slope)]);
    plots[1].setData([xs, leakyDerivative(slope)]);
  };
  slider.addEventListener("input", draw);
  return { name: "uplot", slider, contexts: plots.map((p) => p.ctx) };
}

// ---------------------------------------------------------------- Chart.js 4

function chartjsContender() {
  const { slider, boxes } = row(`Chart.js ${window.Chart.version}`);
  const points = (ys) => Array.from(xs, (x, i) => ({ x, y: ys[i] }));
  const charts = ["f(x)", "f′(x)"].map((symbol, i) => {
    const canvas = canvasIn(boxes[i], false);
    return new window.Chart(canvas, {
      type: "line",
      data: {
        datasets: [
          {
            data: points(i === 0 ? leaky(0.01) : leakyDerivative(0.01)),
            borderColor: BLUE,
            borderWidth: 2.25,
            pointRadius: 0,
          },
        ],
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: false,
        devicePixelRatio: SCALE,
        events: [],
        scales: {
          x: { type: "linear", min: X_RANGE[0], max: X_RANGE[1], title: { display: true, text: "x" } },
          y: { type: "linear", title: { display: true, text: symbol } },
        },
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
      },
    });
  });
  const draw = () => {
    const slope = Number(slider.value);
    charts[0].data.datasets[0].data = points(leaky(slope));
    charts[1].data.datasets[0].data = points(leakyDerivative(slope));
    charts[0].update("none");
    charts[1].update("none");
  };
  slider.addEventListener("input", draw);
  return { name: "chartjs", slider, contexts: charts.map((c) => c.ctx) };
}

// ---------------------------------------------------------------- measurement

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Slider values: 0.01 to 1 and round again, so every input changes the drawing. */
const valueAt = (i) => (((i % 100) + 1) / 100).toFixed(2);

/** One input: set the value, dispatch `input`, wait one microtask turn, read a pixel of each canvas. */
async function oneInput(contender, value) {
  contender.slider.value = value;
  const start = performance.now();
  contender.slider.dispatchEvent(new Event("input", { bubbles: true }));
  await Promise.resolve();
  for (const ctx of contender.contexts) ctx.getImageData(ctx.canvas.width >> 1, ctx.canvas.height >> 1, 1, 1);
  return performance.now() - start;
}

/** A checksum of every pixel of both canvases. */
function checksum(contender) {
  let sum = 0;
  for (const ctx of contender.contexts) {
    const { data } = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height);
    for (let i = 0; i < data.length; i += 7) sum = (sum * 31 + data[i]) >>> 0;
  }
  return sum;
}

/**
 * Checks that when the timing stops the drawing is complete: the pixels right after an input
 * equal those a few frames later, and differ from another value's.
 */
async function verify(contender) {
  await oneInput(contender, "0.50");
  const early = checksum(contender);
  await nextFrame();
  await nextFrame();
  const late = checksum(contender);
  await oneInput(contender, "0.20");
  const other = checksum(contender);
  return { complete: early === late, changes: early !== other };
}

let contenders;

async function setUp() {
  await init();
  contenders = [
    actvizContender("actviz", []),
    canvas2dContender(),
    uplotContender(),
    chartjsContender(),
    actvizContender("actviz_compare4", COMPARED),
  ];
  document.querySelector("#status").textContent = "ready";
}

/**
 * `inputs` timed inputs per contender, after `warmup` untimed ones, interleaved in rounds of
 * `round` so that load changes on the machine hit every contender alike.
 */
async function run({ inputs = 200, warmup = 20, round = 25 } = {}) {
  const times = Object.fromEntries(contenders.map((c) => [c.name, []]));
  const checks = {};
  for (const contender of contenders) {
    checks[contender.name] = await verify(contender);
    for (let i = 0; i < warmup; i++) {
      await nextFrame();
      await oneInput(contender, valueAt(i));
    }
  }
  for (let done = 0; done < inputs; done += round) {
    for (const contender of contenders) {
      for (let i = done; i < Math.min(done + round, inputs); i++) {
        await nextFrame();
        times[contender.name].push(await oneInput(contender, valueAt(i)));
      }
    }
  }
  return {
    times,
    checks,
    crossOriginIsolated: window.crossOriginIsolated,
    devicePixelRatio: window.devicePixelRatio,
    canvas: { css: [CSS_WIDTH, CSS_HEIGHT], pixels: [contenders[0].contexts[0].canvas.width, contenders[0].contexts[0].canvas.height] },
    chartjsVersion: window.Chart.version,
  };
}

window.bench = { ready: setUp(), run };
