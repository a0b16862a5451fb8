/**
 * @file How much the lab's worker trains between two looks at its messages: a slice of k steps,
 * with k adapted so a slice takes about STEP_BUDGET_MS. Long enough that the overhead of
 * yielding is small, short enough that a pause or a new setting is handled at once (on the
 * largest network a single step is longer, and then a slice is one step). Pure, for node tests.
 */

/** Milliseconds of training per slice. */
export const STEP_BUDGET_MS = 12;
/** Largest k (wasm accepts at most 100 000 steps per call). */
const MAX_STEPS_PER_SLICE = 100_000;

/**
 * Next steps-per-slice k from the current one and the last slice's training: `used` steps took
 * `ms`. The new k fills STEP_BUDGET_MS at that pace, moving at most ×2 or ÷2 per slice (timer
 * noise), never below 1.
 * @param {number} k
 * @param {number} ms
 * @param {number} [used]
 */
export function nextStepsPerSlice(k, ms, used = k) {
  const target = ms > 0.05 ? Math.floor((used * STEP_BUDGET_MS) / ms) : k * 2;
  return Math.max(1, Math.min(MAX_STEPS_PER_SLICE, k * 2, Math.max(Math.floor(k / 2), target)));
}
