/**
 * `<activation-plot>`: a live chart of an activation function (and optionally its derivative).
 * Importing `actviz/activation-plot.js` defines the element.
 *
 * ```html
 * <activation-plot fn="leaky_relu" negative-slope="0.1" derivative controls="negative_slope"></activation-plot>
 * ```
 *
 * Attributes (all reactive): `fn`; each parameter in kebab-case (`negative-slope`, `alpha`,
 * `min-val`, `approximate`, ...); `compare` (`"relu,elu:alpha=0.5"`); `derivative` (boolean);
 * `controls` (`"negative_slope,alpha"` or `"all"`); `xmin`/`xmax`; `ymin`/`ymax`; `height` (CSS
 * pixels per chart); `theme` (`"light" | "dark" | "auto"`). Invalid values are listed inside the
 * element (role="alert") and the defaults drawn.
 */

import type * as actviz from "./actviz.js";
import type { ActivationParams } from "./actviz.js";

/** One curve: an activation id and its parameters, keyed by PyTorch name. */
export interface ActivationCurve {
  id: string;
  params: ActivationParams;
}

/** What an element draws, after its attributes were read and validated. */
export interface ActivationPlotState {
  main: ActivationCurve;
  compare: ActivationCurve[];
  xmin: number;
  xmax: number;
  /** Both set for a fixed y range of f(x), both null for an automatic one. */
  ymin: number | null;
  ymax: number | null;
}

export interface ActivationPlotEventMap extends HTMLElementEventMap {
  /** Fired after each drawing; `ms` is how long it took. */
  draw: CustomEvent<{ ms: number }>;
}

export declare class ActivationPlot extends HTMLElement {
  /** The attributes whose changes redraw the element. */
  static readonly observedAttributes: string[];
  /** What is drawn, or null before the WebAssembly module has loaded. */
  readonly state: ActivationPlotState | null;
  /** Readable messages about invalid attributes (empty when all are valid). */
  readonly problems: string[];
  /** How many times the element has drawn its charts. */
  readonly drawCount: number;
  /** Redraws in the next animation frame (done automatically on changes, resizes and scheme switches). */
  requestDraw(): void;

  addEventListener<K extends keyof ActivationPlotEventMap>(
    type: K,
    listener: (this: ActivationPlot, event: ActivationPlotEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ActivationPlotEventMap>(
    type: K,
    listener: (this: ActivationPlot, event: ActivationPlotEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/**
 * The actviz JS API, initialised once per page and shared with every `<activation-plot>`
 * (the same module as `import * as actviz from "actviz"` after `await init()`).
 */
export declare function loadActviz(): Promise<typeof actviz>;

declare global {
  interface HTMLElementTagNameMap {
    "activation-plot": ActivationPlot;
  }
}
