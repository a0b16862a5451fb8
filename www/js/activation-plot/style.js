/**
 * @file The shadow-root stylesheet of `<activation-plot>`, as one constructable stylesheet shared
 * by every instance (`adoptedStyleSheets`). A `<style>` element would be blocked by a strict CSP
 * (`style-src 'self'` applies inside shadow roots too); constructed stylesheets are not.
 *
 * Chart colours come from wasm's `theme()` (as do the pages' custom properties); light or dark
 * follows `prefers-color-scheme` unless the `theme` attribute says otherwise. Pages may set
 * `--activation-plot-height` (each chart's height when the element's is auto) and style
 * `::part(root)`, `::part(controls)`.
 */

/**
 * The custom properties of one scheme, all from the Rust theme (wasm's `theme()`, the pages'
 * colours too), so the element's card matches the chart wasm draws on it and its text keeps the
 * theme's contrast; before the wasm is there (it failed to load) the system colours stand in.
 * @param {ThemeColors | null} theme
 * @param {"light" | "dark"} scheme
 */
function schemeVariables(theme, scheme) {
  const page = theme?.page;
  return `
  --ap-surface: ${theme?.background ?? "Canvas"};
  --ap-surface-2: ${page?.["surface-2"] ?? "Canvas"};
  --ap-border: ${page?.border ?? "GrayText"};
  --ap-border-strong: ${page?.["border-strong"] ?? "GrayText"};
  --ap-text: ${theme?.text ?? "CanvasText"};
  --ap-muted: ${theme?.muted ?? "GrayText"};
  --ap-faint: ${page?.faint ?? "GrayText"};
  --ap-accent: ${theme?.palette[0] ?? "AccentColor"};
  --ap-danger: ${page?.danger ?? "CanvasText"};
  --ap-danger-soft: ${page?.["danger-soft"] ?? "Canvas"};
  color-scheme: ${scheme};
`;
}

/**
 * @typedef {{ palette: string[], background: string, text: string, muted: string,
 *   page: Record<string, string> }} ThemeColors the part of wasm's `theme()[scheme]` used here
 */

/**
 * The element's stylesheet text.
 * @param {{ light: ThemeColors, dark: ThemeColors } | null} theme wasm's `theme()`, or null
 * @returns {string}
 */
export function css(theme) {
  const LIGHT = schemeVariables(theme?.light ?? null, "light");
  const DARK = schemeVariables(theme?.dark ?? null, "dark");
  return `
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

.root > * {
  flex: none;
}
/* The charts take the height left by the title and controls: all of a CSS-sized element's rest
   (they shrink, never overlap what follows), or, when the element's height is auto, one sizer
   height per row. Rows are minmax(0, 1fr): no chart is ever taller than its share. */
.root > .charts {
  flex: 1 1 auto;
  display: grid;
  grid-template-columns: minmax(0, 1fr);
  grid-auto-rows: minmax(0, 1fr);
  gap: 10px;
  min-height: 0;
}
.sizer {
  height: var(--ap-plot-height, var(--activation-plot-height, 240px));
}
.root.is-wide .charts.has-derivative {
  grid-template-columns: repeat(2, minmax(0, 1fr));
}
.frame {
  position: relative;
  min-width: 0;
  min-height: 0;
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
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation-duration: 0s !important; transition-duration: 0s !important; }
}
`;
}

/** @type {CSSStyleSheet | null} */
let sheet = null;

/**
 * The stylesheet, built on first use and shared by every element.
 * @param {{ light: ThemeColors, dark: ThemeColors } | null} theme wasm's `theme()` (null: it failed to load)
 */
export function styleSheet(theme) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css(theme));
  }
  return sheet;
}
