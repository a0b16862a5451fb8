//! "Through n layers": the product of |f′| over n layers, per drawn curve, from wasm's
//! `depthProducts`. With a fixed z it is |f′(z)|ⁿ; with z ~ N(0, 1) in every layer it is
//! (E[f′(z)²])^(n/2), the factor by which backpropagation scales a gradient's size on average.

/**
 * @param {object} options
 * @param {Pick<typeof import("../pkg/actviz.js"), "depthProducts" | "maxDepth">} options.wasm
 * @param {HTMLElement} options.root the `.panel-depth` card
 * @param {() => { id: string, params: import("../pkg/actviz.js").ActivationParams, color: string, label: string }[]} options.getCurves
 * @param {(partial: { depth?: number, dz?: number | null }) => void} options.onChange
 * @returns {{ set(state: { depth?: number, dz?: number | null }): void, update(): void }}
 */
export function createDepthPanel({ wasm, root, getCurves, onChange }) {
  const q = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`[data-testid="${id}"]`));
  const slider = /** @type {HTMLInputElement} */ (q("depth-layers"));
  const select = /** @type {HTMLSelectElement} */ (q("depth-z"));
  const value = q("depth-value");
  const what = q("depth-what");
  const list = q("depth-list");
  slider.max = String(wasm.maxDepth());
  let layers = 10;
  /** @type {number | null} */
  let z = null;

  slider.addEventListener("input", () => {
    layers = Number(slider.value);
    onChange({ depth: layers });
    update();
  });
  select.addEventListener("change", () => {
    z = select.value === "" ? null : Number(select.value);
    onChange({ dz: z });
    update();
  });

  function update() {
    value.textContent = String(layers);
    what.textContent =
      z === null
        ? `Backpropagation multiplies a gradient by f′(z) once per layer. For z ~ N(0, 1), its typical size after ${layers} layers is √E[f′(z)²] to the power ${layers}:`
        : `Backpropagation multiplies a gradient by f′(z) once per layer. At z = ${short(z)} in every layer, it is |f′(${short(z)})|^${layers} after ${layers} layers:`;
    const items = getCurves().map((curve) => {
      const li = document.createElement("li");
      li.dataset.testid = "depth-row";
      const chip = document.createElement("span");
      chip.className = "chip";
      chip.style.background = curve.color;
      try {
        const products = wasm.depthProducts(curve.id, curve.params, { layers, z });
        const total = products[layers - 1];
        li.dataset.value = String(total);
        // products[0] is one layer's factor: |f′(z)|, or √E[f′(z)²].
        li.append(chip, `${curve.label}: ${short(products[0])}^${layers} = ${sci(total)}`);
      } catch (e) {
        li.append(chip, `${curve.label}: ${e instanceof Error ? e.message : String(e)}`);
      }
      return li;
    });
    list.replaceChildren(...items);
  }

  return {
    /** Shows the state's depth and z (a z not among the choices is added to them). */
    set(state) {
      const max = wasm.maxDepth();
      layers = Math.min(max, state.depth ?? 10);
      z = state.dz ?? null;
      slider.value = String(layers);
      const key = z === null ? "" : String(z);
      if (![...select.options].some((o) => o.value === key)) select.add(new Option(`z = ${short(z ?? 0)}`, key));
      select.value = key;
      update();
    },
    /** Recomputes the numbers for the current curves. */
    update,
  };
}

/** Up to 4 significant digits, a real minus sign. */
function short(value) {
  return String(Number(value.toPrecision(4))).replace(/^-/, "−");
}

/** A product for people: plain in [1e-3, 1e4), else an exponent (9.5e-7). */
function sci(value) {
  if (value === 0) return "0";
  const text = value >= 1e-3 && value < 1e4 ? String(Number(value.toPrecision(3))) : value.toExponential(1).replace("e+", "e");
  return text.replace(/^-/, "−");
}
