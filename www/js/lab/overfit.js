/**
 * @file The lab's overfitting note: when a network's test loss climbs back up from its lowest while
 * its training loss keeps falling, the train−test gap is widening, and the note under the accuracy
 * chart says so with the run's own numbers.
 */

/**
 * The test loss must stay this much above its lowest (relative) at each of the last
 * [`OVERFIT_POINTS`] history points to count: mini-batch noise alone moves it less.
 */
export const OVERFIT_RISE = 0.25;
/** History points (recorded checks) the rise must hold for. */
export const OVERFIT_POINTS = 3;

/**
 * The sentence for one network, or "" when its history shows no widening gap.
 * @param {string} name e.g. "Leaky ReLU (0.01)"
 * @param {Float64Array | number[]} steps
 * @param {Record<string, Float64Array | number[]>} net the network's history columns
 */
export function overfitSentence(name, steps, net) {
  const { trainLoss, testLoss, trainAccuracy, testAccuracy } = net;
  const last = steps.length - 1;
  if (last < 2) return "";
  let best = -1;
  for (let i = 0; i <= last; i += 1) {
    if (Number.isFinite(testLoss[i]) && (best < 0 || testLoss[i] < testLoss[best])) best = i;
  }
  if (best < 0 || best === last) return "";
  const [low, now] = [testLoss[best], testLoss[last]];
  const trainFell = Number.isFinite(trainLoss[last]) && trainLoss[last] <= trainLoss[best];
  let held = last - best >= OVERFIT_POINTS;
  for (let i = last - OVERFIT_POINTS + 1; held && i <= last; i += 1) held = testLoss[i] > low * (1 + OVERFIT_RISE);
  if (!(held && trainFell)) return "";
  const gap = 100 * (trainAccuracy[last] - testAccuracy[last]);
  const points = Math.round(gap);
  const gapText = Number.isFinite(gap)
    ? `; train accuracy is now ${points} point${Math.abs(points) === 1 ? "" : "s"} above test`
    : "";
  return (
    `${name} is overfitting: its test loss rose from ${low.toPrecision(2)} (step ${steps[best]}) ` +
    `to ${now.toPrecision(2)} while its training loss fell to ${trainLoss[last].toPrecision(2)}${gapText}.`
  );
}

/**
 * Both networks' sentences, joined ("" when neither overfits).
 * @param {{ steps: Float64Array, relu: Record<string, Float64Array>, other: Record<string, Float64Array> }} history
 * @param {[string, string]} names
 */
export function overfitNote(history, [relu, other]) {
  return [overfitSentence(relu, history.steps, history.relu), overfitSentence(other, history.steps, history.other)]
    .filter(Boolean)
    .join(" ");
}
