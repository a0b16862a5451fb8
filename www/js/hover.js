//! Hover layer: a crosshair at the pointer's x on both charts, a marker on every curve, and the
//! readout of x, f(x), f'(x) per curve. Drawn on transparent overlay canvases, so the wasm charts
//! are never redrawn on hover. Mouse, touch and pen via pointer events; keyboard via arrow keys
//! on a focused chart.
//!
//! Values come from wasm's `evaluate`/`derivative` at the data x, which the chart's PlotView maps
//! from the pointer pixel (plotters' own coordinate transform).

/**
 * @param {object} options
 * @param {Pick<typeof import("../pkg/actviz.js"), "evaluate" | "derivative">} options.wasm the actviz module (`evaluate`, `derivative`)
 * @param {ReturnType<typeof import("./charts.js").createCharts>} options.charts
 * @param {HTMLElement} options.readout the readout element
 * @param {() => object[]} options.getCurves the drawn curves: `{ id, params, color, label }`
 * @param {() => number[]} options.getXRange `[xmin, xmax]` of the charts
 * @returns {{ refresh(): void }}
 */
export function createHover({ wasm, charts, readout, getCurves, getXRange }) {
  /** Data x of the crosshair, or null before any hover. */
  let x = null;
  /** The readout's first content (the hint), shown again when the crosshair leaves the range. */
  const hint = readout.firstElementChild ?? document.createTextNode("");
  /** Whether the crosshair is drawn (the readout keeps the last values when it is not). */
  let visible = false;

  for (const chart of charts.charts) {
    const overlay = chart.overlay;
    const track = (event) => {
      const picked = dataX(chart, event);
      if (picked === undefined) return;
      // Announcing every pointer move would flood a screen reader; keyboard moves are announced.
      readout.setAttribute("aria-live", "off");
      x = picked;
      visible = true;
      update();
    };
    overlay.addEventListener("pointermove", track);
    overlay.addEventListener("pointerdown", track);
    overlay.addEventListener("pointerleave", (event) => {
      // A finger lifts off where the user wants to read: keep the crosshair for touch.
      if (event.pointerType === "mouse" && document.activeElement !== overlay) hide();
    });
    overlay.addEventListener("focus", () => {
      if (x === null || !inRange(x)) {
        const [lo, hi] = getXRange();
        x = lo <= 0 && 0 <= hi ? 0 : (lo + hi) / 2;
      }
      visible = true;
      update();
    });
    overlay.addEventListener("blur", hide);
    overlay.addEventListener("keydown", (event) => {
      const [lo, hi] = getXRange();
      const step = ((hi - lo) / 100) * (event.shiftKey ? 10 : 1);
      const moves = {
        ArrowLeft: () => x - step,
        ArrowRight: () => x + step,
        ArrowDown: () => x - step,
        ArrowUp: () => x + step,
        Home: () => lo,
        End: () => hi,
      };
      if (!moves[event.key]) return;
      event.preventDefault();
      readout.setAttribute("aria-live", "polite");
      x = Math.min(hi, Math.max(lo, moves[event.key]()));
      visible = true;
      update();
    });
  }

  function inRange(value) {
    const [lo, hi] = getXRange();
    return value >= lo && value <= hi;
  }

  function hide() {
    visible = false;
    paint(null);
    readout.classList.add("is-stale");
  }

  /** The data x under a pointer event, or undefined outside the plot area horizontally. */
  function dataX(chart, event) {
    const view = chart.view;
    if (!view) return undefined;
    const rect = chart.overlay.getBoundingClientRect();
    const px = ((event.clientX - rect.left) * chart.overlay.width) / rect.width;
    const [left, top, right, bottom] = view.plotArea;
    if (px < left || px > right) return undefined;
    // Only x matters: read it at the plot's middle height so the axis labels area works too.
    const data = view.toData(Math.min(px, right - 0.5), (top + bottom) / 2);
    return data ? data[0] : undefined;
  }

  /** f and f' of every curve at x. */
  function values(curves) {
    const xs = Float64Array.of(x);
    return curves.map((curve) => ({
      curve,
      f: wasm.evaluate(curve.id, curve.params, xs)[0],
      df: wasm.derivative(curve.id, curve.params, xs)[0],
    }));
  }

  function update() {
    if (x === null) return;
    const rows = values(getCurves());
    paint(visible ? rows : null);
    renderReadout(rows);
  }

  /** Clears both overlays and, given rows, draws the crosshair and markers. */
  function paint(rows) {
    const style = getComputedStyle(document.documentElement);
    const lineColor = style.getPropertyValue("--crosshair").trim() || "#888";
    const ring = style.getPropertyValue("--surface").trim() || "#fff";
    const scale = window.devicePixelRatio || 1;
    for (const chart of charts.charts) {
      const ctx = chart.overlay.getContext("2d");
      ctx.clearRect(0, 0, chart.overlay.width, chart.overlay.height);
      const view = chart.view;
      if (!rows || !view || !inRange(x)) continue;
      const [left, top, right, bottom] = view.plotArea;
      const [ylo, yhi] = view.yRange;
      const px = Math.round(view.toPixel(x, ylo)[0]) + 0.5;
      if (px < left || px > right) continue;
      ctx.save();
      ctx.strokeStyle = lineColor;
      ctx.lineWidth = Math.max(1, Math.round(scale));
      ctx.setLineDash([4 * scale, 3 * scale]);
      ctx.beginPath();
      ctx.moveTo(px, top);
      ctx.lineTo(px, bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      for (const row of rows) {
        const y = chart.kind === "function" ? row.f : row.df;
        if (!Number.isFinite(y) || y < ylo || y > yhi) continue;
        const [mx, my] = view.toPixel(x, y);
        ctx.beginPath();
        ctx.arc(mx, my, 4.5 * scale, 0, 2 * Math.PI);
        ctx.fillStyle = row.curve.color;
        ctx.strokeStyle = ring;
        ctx.lineWidth = 2 * scale;
        ctx.fill();
        ctx.stroke();
      }
      ctx.restore();
    }
  }

  function renderReadout(rows) {
    const [lo, hi] = getXRange();
    const decimals = Math.min(8, Math.max(0, Math.ceil(-Math.log10((hi - lo) / 1000))));
    const xBlock = document.createElement("div");
    xBlock.className = "readout-x";
    const xLabel = document.createElement("span");
    xLabel.className = "readout-x-label";
    xLabel.textContent = "x";
    const xValue = document.createElement("strong");
    xValue.dataset.testid = "readout-x";
    xValue.dataset.value = String(x);
    xValue.textContent = display(Number(x.toFixed(decimals)), decimals);
    xBlock.append(xLabel, xValue);

    const table = document.createElement("table");
    table.className = "readout-table";
    const head = table.createTHead().insertRow();
    for (const text of ["Curve", "f(x)", "f′(x)"]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = text;
      head.append(th);
    }
    const body = table.createTBody();
    for (const { curve, f, df } of rows) {
      const tr = body.insertRow();
      tr.dataset.testid = "readout-row";
      const name = tr.insertCell();
      const chip = document.createElement("span");
      chip.className = "chip";
      chip.style.background = curve.color;
      name.append(chip, curve.label);
      for (const [value, testid] of [[f, "readout-fx"], [df, "readout-dfx"]]) {
        const cell = tr.insertCell();
        cell.dataset.testid = testid;
        cell.dataset.value = String(value);
        cell.textContent = display(value);
      }
    }
    readout.replaceChildren(xBlock, table);
    readout.classList.toggle("is-stale", !visible);
  }

  return {
    /** Repaints after the charts were redrawn (new views, curves or range). */
    refresh() {
      if (x === null) return;
      if (!inRange(x)) {
        // Zoomed away from the crosshair: its x is no longer on the charts, so neither is its readout.
        x = null;
        visible = false;
        paint(null);
        readout.replaceChildren(hint);
        readout.classList.remove("is-stale");
        return;
      }
      update();
    },
  };
}

/** A value for people: fixed decimals in the usual range, exponent outside; a real minus sign. */
function display(value, decimals) {
  let text;
  if (Number.isNaN(value)) text = "NaN";
  else if (!Number.isFinite(value)) text = value > 0 ? "∞" : "-∞";
  else if (value === 0) text = decimals === undefined ? "0" : (0).toFixed(decimals);
  else if (decimals !== undefined) text = value.toFixed(decimals);
  else if (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-4) text = value.toExponential(3);
  else text = value.toFixed(4);
  return text.replace(/^-/, "−");
}
