//! The shadow-root stylesheet of `<activation-plot>`, as one constructable stylesheet shared by
//! every instance (`adoptedStyleSheets`). A `<style>` element would be blocked by a strict CSP
//! (`style-src 'self'` applies inside shadow roots too); constructed stylesheets are not.
//!
//! Colours match the explorer's (css/base.css) and the chart backgrounds drawn by wasm; light or
//! dark follows `prefers-color-scheme` unless the `theme` attribute says otherwise. Pages may
//! set `--activation-plot-height` (each chart's height) and style `::part(root)`, `::part(controls)`.

const LIGHT = `
  --ap-surface: #ffffff;
  --ap-surface-2: #f7f8fa;
  --ap-border: #dfe3ea;
  --ap-border-strong: #c5ccd8;
  --ap-text: #16191f;
  --ap-muted: #5a6372;
  --ap-faint: #8a93a3;
  --ap-accent: #2563eb;
  --ap-danger: #c02b2b;
  --ap-danger-soft: #fdecec;
  color-scheme: light;
`;

const DARK = `
  --ap-surface: #161b22;
  --ap-surface-2: #1b212b;
  --ap-border: #29313d;
  --ap-border-strong: #3a4452;
  --ap-text: #e7eaf0;
  --ap-muted: #a2abba;
  --ap-faint: #768092;
  --ap-accent: #6ea8fe;
  --ap-danger: #ff8a8a;
  --ap-danger-soft: #3a1d22;
  color-scheme: dark;
`;

export const CSS = `
:host {
  ${LIGHT}
  display: block;
  min-width: 0;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  color: var(--ap-text);
  text-align: start;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) { ${DARK} }
}
:host([theme="dark"]) { ${DARK} }
:host([hidden]) { display: none; }

*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.root {
  display: flex;
  flex-direction: column;
  gap: 8px;
  height: 100%;
  padding: 10px 10px 8px;
  background: var(--ap-surface);
  border: 1px solid var(--ap-border);
  border-radius: 10px;
}

.title {
  display: flex;
  flex-wrap: wrap;
  align-items: baseline;
  gap: 2px 10px;
  margin: 0;
  padding: 0 4px;
  font-size: 13px;
  font-weight: 600;
  color: var(--ap-muted);
}
.torch {
  font: 500 12.5px/1.4 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  color: var(--ap-faint);
  overflow-wrap: anywhere;
}

.charts {
  flex: 1 1 auto;
  display: grid;
  grid-template-columns: minmax(0, 1fr);
  grid-auto-rows: minmax(var(--ap-plot-height, var(--activation-plot-height, 240px)), 1fr);
  gap: 10px;
  min-height: 0;
}
.root.is-wide .charts.has-derivative {
  grid-template-columns: repeat(2, minmax(0, 1fr));
}
.frame {
  position: relative;
  min-width: 0;
  overflow: hidden;
  border-radius: 6px;
}
canvas {
  position: absolute;
  inset: 0;
  width: 100%;
  height: 100%;
  display: block;
}

.controls {
  display: flex;
  flex-wrap: wrap;
  gap: 6px 28px;
  padding: 0 4px;
}
.control {
  flex: 1 1 240px;
  max-width: 420px;
  display: grid;
  grid-template-columns: auto minmax(100px, 1fr) 3.2em;
  align-items: center;
  gap: 10px;
  min-height: 30px;
}
.control-name {
  font: 600 12.5px/1.2 ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
.control input[type="range"] {
  width: 100%;
  min-width: 80px;
  margin: 0;
  accent-color: var(--ap-accent);
}
.control output {
  font-size: 13px;
  font-variant-numeric: tabular-nums;
  text-align: end;
}
.control select {
  grid-column: 2 / 4;
  min-height: 28px;
  padding: 2px 6px;
  font: inherit;
  font-size: 13px;
  color: var(--ap-text);
  background: var(--ap-surface);
  border: 1px solid var(--ap-border-strong);
  border-radius: 6px;
}
.control :focus-visible {
  outline: 2px solid var(--ap-accent);
  outline-offset: 2px;
}
.control-error {
  margin: 0;
  padding: 0 4px;
  color: var(--ap-danger);
  font-size: 12.5px;
}

.problems {
  padding: 8px 12px;
  background: var(--ap-danger-soft);
  border: 1px solid var(--ap-danger);
  border-radius: 6px;
  font-size: 13px;
}
.problems strong {
  display: block;
  font-weight: 600;
}
.problems ul {
  margin: 2px 0 0;
  padding-left: 18px;
  overflow-wrap: anywhere;
}
`;

/** @type {CSSStyleSheet | null} */
let sheet = null;

/** The stylesheet, built on first use and shared by every element. */
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
