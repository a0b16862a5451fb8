// Unit tests, in plain node, of the caps on what hostile input can make the pages do: message
// lists (www/js/runtime/messages.js), the link parser (state.js), the component's `controls`
// (activation-plot/attributes.js), canvas sizes (runtime/canvas.js) and the frame queue that
// spreads many charts' drawings over frames (runtime/frames.js).

import assert from "node:assert/strict";
import { test } from "node:test";
import { readAttributes } from "../../www/js/activation-plot/attributes.js";
import { MAX_CANVAS_PIXELS, canvasScale } from "../../www/js/runtime/canvas.js";
import { createFrameQueue } from "../../www/js/runtime/frames.js";
import { MAX_LISTED, MAX_MESSAGE, MessageList, capList, quote } from "../../www/js/runtime/messages.js";
import { MAX_COMPARE, MAX_PARTS, parseState, splitEntries } from "../../www/js/state.js";
import { CATALOGUE, validate } from "./fixtures/catalogue.mjs";

test("message lists keep MAX_LISTED items, the last counting the others", () => {
  assert.deepEqual(capList(["a", "b"]), ["a", "b"]);
  const many = Array.from({ length: 25 }, (_, i) => `m${i}`);
  const capped = capList(many);
  assert.equal(capped.length, MAX_LISTED);
  assert.equal(capped.at(-1), `… and ${25 - (MAX_LISTED - 1)} more`);
  assert.equal(capList(["x".repeat(5000)])[0].length, MAX_MESSAGE);
  assert.ok(quote("y".repeat(100)).length <= 40);
  assert.equal(quote("short"), "short");

  const list = new MessageList();
  for (let i = 0; i < 1_000_000; i += 1) list.push(`m${i}`, "m0");
  assert.equal(list.count, 1_000_000);
  assert.deepEqual(list.list(), [...many.slice(0, MAX_LISTED - 1), `… and ${1_000_000 - (MAX_LISTED - 1)} more`]);
  const exact = new MessageList();
  exact.push(...many.slice(0, MAX_LISTED));
  assert.deepEqual(exact.list(), many.slice(0, MAX_LISTED), "exactly MAX_LISTED: all shown");
});

test("compare with 100,000 colons or 1 MB of them: a few messages, read in bounded work", () => {
  for (const compare of [`elu${":".repeat(100_000)}`, ":".repeat(1_000_000), `elu:${"alpha=2:".repeat(50_000)}`]) {
    const { state, ignored } = parseState(`?compare=${compare}`, CATALOGUE, validate);
    assert.ok(ignored.length >= 1 && ignored.length <= MAX_LISTED, `${ignored.length} messages`);
    assert.ok(ignored.every((m) => m.length <= MAX_MESSAGE));
    assert.ok(state.compare.length <= 1);
  }
  const { ignored } = parseState(`?compare=elu${":".repeat(100_000)}`, CATALOGUE, validate);
  assert.ok(ignored.includes(`compare: at most ${MAX_PARTS} parameters per curve are read, ignored ${100_000 - MAX_PARTS} more (in elu${":".repeat(34)}…)`), ignored.join("\n"));
  assert.equal(ignored.length, 2, "the empty parts are said once");
});

test("compare with 100,000 curves: MAX_COMPARE kept, the rest counted in one message", () => {
  const { state, ignored } = parseState(`?compare=${"relu,".repeat(100_000)}`, CATALOGUE, validate);
  assert.equal(state.compare.length, MAX_COMPARE);
  assert.deepEqual(ignored, [`compare: at most ${MAX_COMPARE} curves, ignored relu, relu, relu… (${100_000 - MAX_COMPARE} in all)`]);
  const broken = parseState(`?compare=${"bogus,".repeat(100)}`, CATALOGUE, validate);
  assert.equal(broken.state.compare.length, 0);
  assert.deepEqual(broken.ignored, [
    'compare: unknown activation "bogus"',
    `compare: at most ${MAX_PARTS} entries are read, ignored bogus, bogus, bogus… (${100 - MAX_PARTS} in all)`,
  ]);
  const distinct = parseState(`?compare=${Array.from({ length: 100 }, (_, i) => `f${i}`).join(",")}`, CATALOGUE, validate);
  assert.equal(distinct.ignored.length, MAX_LISTED, "different unknown ids: capped");
  assert.match(distinct.ignored.at(-1), /^… and 8 more$/);
  assert.deepEqual(splitEntries(" a, ,b,,c,d ", 2), { entries: ["a", "b"], more: ["c", "d"], moreCount: 2 });
});

test("a link with 100,000 parameters: MAX_PARTS read, the rest counted", () => {
  const { state, ignored } = parseState(`?fn=elu&${"x=1&".repeat(100_000)}alpha=2`, CATALOGUE, validate);
  assert.equal(ignored[0], `fn: at most ${MAX_PARTS} parameters are read, ignored ${100_001 - MAX_PARTS} more`);
  assert.deepEqual(ignored.slice(1), ['fn: elu has no parameter "x" (its parameters: alpha)'], "said once");
  assert.equal(state.main.params.alpha, 1, "a parameter past the cap is not read");
  const unknown = parseState(`?fn=nope&${"x=1&".repeat(1000)}`, CATALOGUE, validate);
  assert.ok(unknown.ignored.length <= MAX_LISTED && unknown.ignored.every((m) => m.length <= MAX_MESSAGE));
});

test('controls="x,x,…" with 50,000 entries: unique names, a few quoted, the rest counted', () => {
  const read = (controls, fn = "elu") => readAttributes([["fn", fn], ["controls", controls]], CATALOGUE, validate);
  const same = read(Array(50_000).fill("x").join(","));
  assert.deepEqual(same.controls, []);
  assert.deepEqual(same.problems, ['controls: elu has no parameter "x" (its parameters: alpha)']);
  const distinct = read(Array.from({ length: 50_000 }, (_, i) => `n${i}`).join(","));
  assert.equal(distinct.problems.length, 4);
  assert.equal(distinct.problems.at(-1), "controls: ignored 49997 more names that are not parameters of elu");
  const repeated = read(Array(50_000).fill("alpha").join(","));
  assert.deepEqual(repeated.controls, ["alpha"], "at most the activation's parameters");
  assert.deepEqual(repeated.problems, []);
});

test("canvas scale: at most MAX_CANVAS_PIXELS and the side limit, else the pixel ratio", () => {
  assert.equal(canvasScale(640, 400, 2), 2);
  const huge = canvasScale(7962, 7905, 2);
  assert.ok(Math.floor(7962 * huge) * Math.floor(7905 * huge) <= MAX_CANVAS_PIXELS);
  assert.ok(huge > 0.5 && huge < 0.52, `scale ${huge}`);
  assert.equal(canvasScale(20_000, 10, 1), 16_384 / 20_000, "the side limit");
  assert.equal(canvasScale(100, 100, 3, { maxScale: 1.5 }), 1.5);
});

/** A frame queue on a fake clock: each job "takes" `cost` ms; frames run when `flush` is called. */
function fakeQueue(budgetMs = 12) {
  let clock = 0;
  const frames = [];
  const queue = createFrameQueue({ budgetMs, now: () => clock, requestFrame: (cb) => frames.push(cb), onError: () => {} });
  const job = (name, cost, log, visible = true) => ({
    run() {
      clock += cost;
      log.push(name);
    },
    visible: () => visible,
  });
  const flush = () => {
    const ran = frames.splice(0);
    ran.forEach((cb) => cb());
    return ran.length;
  };
  return { queue, job, flush };
}

test("frame queue: requests coalesce, each frame stays within its budget, all jobs run", () => {
  const { queue, job, flush } = fakeQueue();
  const log = [];
  const jobs = Array.from({ length: 200 }, (_, i) => job(`j${i}`, 5, log));
  for (const j of jobs) queue.request(j);
  for (const j of jobs) queue.request(j); // coalesced
  const perFrame = [];
  while (flush()) {
    perFrame.push(log.length - perFrame.reduce((a, b) => a + b, 0));
  }
  assert.equal(log.length, 200, "each job ran once");
  assert.ok(perFrame.every((n) => n <= 3), `at most 3 jobs of 5 ms in a 12 ms budget: ${perFrame}`);
  assert.equal(queue.pending, 0);
});

test("frame queue: a slow job still runs (one per frame), on-screen jobs first, a throw stops nothing", () => {
  const { queue, job, flush } = fakeQueue();
  const log = [];
  queue.request(job("slow", 100, log));
  queue.request(job("next", 1, log));
  flush();
  assert.deepEqual(log, ["slow"]);
  flush();
  assert.deepEqual(log, ["slow", "next"]);

  const order = [];
  queue.request(job("off", 1, order, false));
  queue.request({ run: () => { throw new Error("boom"); } });
  queue.request(job("on", 1, order, true));
  const cancelled = job("cancelled", 1, order);
  queue.request(cancelled);
  queue.cancel(cancelled);
  flush();
  assert.deepEqual(order, ["on", "off"]);
});
