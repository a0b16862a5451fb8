/** @file The page's state in its URL, written with history.replaceState at a bounded rate. */

/**
 * @param {() => string} serialize the query for the state now ("?a=1&b=2")
 * @param {number} [delayMs] Chrome throttles (and warns about) faster replaceState calls
 */
export function createUrlSync(serialize, delayMs = 150) {
  let timer = 0;
  function flush() {
    if (timer) clearTimeout(timer);
    timer = 0;
    const query = serialize();
    if (query !== location.search) history.replaceState(history.state, "", `${query}${location.hash}`);
  }
  return {
    flush,
    schedule() {
      if (!timer) timer = setTimeout(flush, delayMs);
    },
  };
}
