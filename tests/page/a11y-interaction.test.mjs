// Keyboard and screen-reader behaviour: Tab reaches every control of the explorer in page order
// with a visible focus ring, a focused chart's arrow keys move the hover readout, the charts'
// text alternatives state what is drawn (computed from the data, kept current after a change, in
// the explorer and in <activation-plot>), and a reduced-motion preference leaves nothing animated.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, chartsReady, openPage, suite } from "./harness.mjs";

let env;
before(async () => {
  env = await suite();
});
after(() => env?.close());

/** What has focus: its testid (or tag and label), and whether a focus ring shows on it. */
const focused = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    // A segmented control's radio is visually hidden: its ring is on the label text beside it.
    const ringOn = el.matches(".segmented input") ? el.nextElementSibling : el;
    const style = getComputedStyle(ringOn);
    const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    const name = el.dataset.testid ?? `${el.tagName.toLowerCase()}:${el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 30)}`;
    const top = Math.round(el.getBoundingClientRect().top + scrollY);
    return { name, ring, visible: el.matches(":focus-visible"), top };
  });

/** Every control a keyboard should reach, in document order (one stop per radio group). */
const tabStops = (page) =>
  page.evaluate(() => {
    const groups = new Set();
    return [...document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")]
      .filter((el) => {
        if (el.disabled || el.tabIndex < 0 || el.closest("[hidden], [inert]")) return false;
        if (el.type === "radio") {
          if (groups.has(el.name)) return false;
          groups.add(el.name);
        }
        const rect = el.getBoundingClientRect();
        return rect.width > 0 || rect.height > 0 || el.matches(".skip-link, .segmented input");
      })
      .map((el) => el.dataset.testid ?? `${el.tagName.toLowerCase()}:${el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 30)}`);
  });

const readoutX = (page) => page.getByTestId("readout-x").evaluate((el) => Number(el.dataset.value));
const readoutF = (page) => page.locator('[data-testid="readout-row"] [data-testid="readout-fx"]').first().evaluate((el) => Number(el.dataset.value));

test("Tab walks the explorer in page order with a visible focus, and a focused chart's arrow keys move the readout", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu&compare=relu");
  const expected = await tabStops(page);
  const seen = [];
  for (let i = 0; i < expected.length; i += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    assert.ok(now, `Tab ${i + 1} focused something`);
    assert.ok(now.visible && now.ring, `${now.name} shows a focus ring`);
    seen.push(now.name);
  }
  assert.deepEqual(seen, expected, "every control, once, in page order");
  for (const stop of ["activation-select", "param-negative_slope", "zoom-in", "compare-add", "depth-layers", "function-overlay", "derivative-overlay", "torch-copy"]) {
    assert.ok(seen.includes(stop), `${stop} is reachable`);
  }

  // Back to the f(x) chart by keyboard: the crosshair starts at x = 0 and the keys move it.
  while ((await focused(page))?.name !== "function-overlay") await page.keyboard.press("Shift+Tab");
  assert.equal(await readoutX(page), 0);
  await page.keyboard.press("ArrowLeft");
  assert.ok(Math.abs((await readoutX(page)) - -0.1) < 1e-12, "one step is 1% of [-5, 5]");
  assert.ok(Math.abs((await readoutF(page)) - -0.001) < 1e-12, "f(-0.1) of Leaky ReLU 0.01");
  await page.keyboard.press("Shift+ArrowRight");
  assert.ok(Math.abs((await readoutX(page)) - 0.9) < 1e-12, "Shift moves ten steps");
  await page.keyboard.press("Home");
  assert.equal(await readoutX(page), -5);
  assert.ok(Math.abs((await readoutF(page)) - -0.05) < 1e-12);
  await page.keyboard.press("End");
  assert.equal(await readoutX(page), 5);
  assert.equal(await readoutF(page), 5);
  assert.equal(await page.getByTestId("hover-readout").getAttribute("aria-live"), "polite", "keyboard moves are announced");
  await assertClean(page, problems);
  await context.close();
});

test("on a phone, Tab goes down the one column: focus never jumps back up the page", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=elu&compare=relu", { viewport: { width: 390, height: 844 } });
  const count = (await tabStops(page)).length;
  const tops = [];
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    assert.ok(now.visible && now.ring, `${now.name} shows a focus ring`);
    tops.push([now.name, now.top]);
  }
  for (let i = 1; i < tops.length; i += 1) {
    assert.ok(tops[i][1] >= tops[i - 1][1] - 4, `${tops[i][0]} (y ${tops[i][1]}) comes after ${tops[i - 1][0]} (y ${tops[i - 1][1]})`);
  }
  await assertClean(page, problems);
  await context.close();
});

/** Waits until a chart's text alternative matches its latest drawing, and returns it. */
async function summary(locator) {
  await locator.evaluate(
    (canvas) =>
      new Promise((resolve) => {
        const done = () => canvas.dataset.summary === "current" && resolve(undefined);
        if (!done()) new MutationObserver(done).observe(canvas, { attributes: true });
      }),
  );
  return locator.getAttribute("aria-label");
}

test("the explorer's charts say what they show, from the data, and follow a change", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "?fn=leaky_relu&negative_slope=0.01&xmin=-5&xmax=5");
  assert.equal(await summary(page.getByTestId("function-plot")), "Leaky ReLU, negative_slope 0.01: f(x) from -0.05 to 5 on [-5, 5]");
  assert.equal(await summary(page.getByTestId("derivative-plot")), "Leaky ReLU, negative_slope 0.01: f′(x) from 0.01 to 1 on [-5, 5]");
  // The focusable chart layer is described by that summary, then by the readout.
  const described = (await page.getByTestId("function-overlay").getAttribute("aria-describedby")).split(" ");
  assert.deepEqual(
    await Promise.all(described.map((id) => page.locator(`#${id}`).getAttribute("data-testid"))),
    ["function-plot", "hover-readout"],
  );

  // The slider's largest value, then a comparison and a new range: the label follows each.
  const slider = page.getByTestId("param-negative_slope");
  await slider.focus();
  await page.keyboard.press("End");
  const slope = Number(await slider.inputValue());
  assert.ok(slope > 0.01, `the slider moved (${slope})`);
  const fmin = Number((-5 * slope).toPrecision(3));
  assert.equal(await summary(page.getByTestId("function-plot")), `Leaky ReLU, negative_slope ${slope}: f(x) from ${fmin} to 5 on [-5, 5]`);

  await page.goto(`${env.origin}/?fn=sigmoid&compare=tanh&xmin=-2&xmax=3`);
  await chartsReady(page);
  const [s, t] = [(x) => 1 / (1 + Math.exp(-x)), Math.tanh].map((f) => [f(-2), f(3)].map((v) => Number(v.toPrecision(3))));
  assert.equal(
    await summary(page.getByTestId("function-plot")),
    `Sigmoid: f(x) from ${s[0]} to ${s[1]}; Tanh: f(x) from ${t[0]} to ${t[1]} on [-2, 3]`,
  );
  await assertClean(page, problems);
  await context.close();
});

test("<activation-plot> charts carry the same text alternative, updated when an attribute changes", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "fixtures/three-plots.html", { waitForCharts: false });
  const elu = page.locator("activation-plot#elu");
  const canvas = elu.getByTestId("function-plot");
  await canvas.waitFor();
  const min = (alpha) => Number((alpha * (Math.exp(-5) - 1)).toPrecision(3));
  assert.equal(await summary(canvas), `ELU, alpha 0.5: f(x) from ${min(0.5)} to 5 on [-5, 5]`);
  await elu.evaluate((el) => el.setAttribute("alpha", "2"));
  await page.waitForFunction(() => document.querySelector("#elu").getAttribute("alpha") === "2");
  await page.waitForFunction(() => document.querySelector("#elu").shadowRoot.querySelector('[data-testid="function-plot"]').getAttribute("aria-label").includes("alpha 2"));
  assert.equal(await summary(canvas), `ELU, alpha 2: f(x) from ${min(2)} to 5 on [-5, 5]`);
  const relu = page.locator("activation-plot#relu").getByTestId("derivative-plot");
  assert.equal(await summary(relu), "ReLU: f′(x) from 0 to 1 on [-5, 5]");
  await assertClean(page, problems);
  await context.close();
});

test("with prefers-reduced-motion nothing on any page is animated or transitioned, even styles added later", async () => {
  const { page, context, problems } = await openPage(env.browser, env.origin, "", { reducedMotion: "reduce" });
  for (const url of ["index.html", "lab.html", "claims.html", "authors.html", "embed.html?lab=1"]) {
    await page.goto(`${env.origin}/${url}`);
    await page.waitForLoadState("load");
    const moving = await page.evaluate(() => {
      // A stylesheet that animates everything, as a later change might: the preference must win.
      const roots = [document, ...[...document.querySelectorAll("activation-plot")].map((el) => el.shadowRoot).filter(Boolean)];
      for (const root of roots) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync("@keyframes spin { to { rotate: 1turn; } } * { transition: opacity 2s; animation: spin 2s infinite; }");
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      }
      const seconds = (list) => list.split(",").some((d) => parseFloat(d) > 0);
      return roots
        .flatMap((root) => [...root.querySelectorAll("*")])
        .filter((el) => {
          const style = getComputedStyle(el);
          return seconds(style.transitionDuration) || (style.animationName !== "none" && seconds(style.animationDuration));
        })
        .map((el) => el.className || el.tagName);
    });
    assert.deepEqual(moving.slice(0, 5), [], `${url}: no transition or animation (${moving.length} elements)`);
  }
  await assertClean(page, problems);
  await context.close();
});
