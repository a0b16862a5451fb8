/**
 * @file Writing a page's state into its URL, debounced: Chrome throttles (and warns about)
 * history.replaceState calls faster than about ten a second, and a slider drag makes many more.
 */

/**
 * @param {() => string} serialize the state as a query string (`"?a=1"`, or `""` for none)
 * @param {number} [delayMs] write at most this often
 * @returns {{ schedule(): void, flush(): void }} `schedule` writes within `delayMs`; `flush` writes
 *   now if a write is pending
 */
export function createUrlSync(serialize, delayMs = 150) {
  /** @type {ReturnType<typeof setTimeout> | 0} the pending write, 0 for none */
  let timer = 0;
  function write() {
    clearTimeout(timer);
    timer = 0;
    const query = serialize();
    // The hash is the reader's (a section they jumped to): keep it.
    if (query !== location.search) history.replaceState(history.state, "", `${query || location.pathname}${location.hash}`);
  }
  return {
    schedule() {
      if (!timer) timer = setTimeout(write, delayMs);
    },
    flush() {
      if (timer) write();
    },
  };
}
