/**
 * @file Bounds on what a page or `<activation-plot>` says about invalid input. A link or an
 * attribute can hold a million mistakes (`compare=::::…`); the reader gets the first few, one
 * line counting the rest, and every quoted piece of their text cut short. Pure: node tests it.
 */

/** Most items a notice or problem list shows, the "… and N more" line included. */
export const MAX_LISTED = 10;
/** Most characters of the reader's own text quoted in one message. */
export const MAX_QUOTED = 40;
/** Most characters of one listed message (a message quoting several pieces stays readable). */
export const MAX_MESSAGE = 300;

/**
 * The reader's text as quoted in a message, cut to `MAX_QUOTED` characters.
 * @param {unknown} text
 * @returns {string}
 */
export function quote(text) {
  const s = String(text);
  return s.length > MAX_QUOTED ? `${s.slice(0, MAX_QUOTED - 3)}…` : s;
}

/**
 * At most `max` items: the first `max - 1` and a line counting the others, each item cut to
 * `MAX_MESSAGE` characters.
 * @param {readonly string[]} items
 * @param {number} [max]
 * @returns {string[]}
 */
export function capList(items, max = MAX_LISTED) {
  const cut = (/** @type {string} */ s) => (s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s);
  if (items.length <= max) return items.map(cut);
  return [...items.slice(0, max - 1).map(cut), `… and ${items.length - (max - 1)} more`];
}

/**
 * Collects messages, keeping only the first `MAX_LISTED` and counting the others, so parsing a
 * hostile input costs no more memory than a readable one. A message already kept is not
 * repeated (nor counted again).
 */
export class MessageList {
  /** @type {string[]} */
  #kept = [];
  #dropped = 0;

  /**
   * @param {...string} messages
   */
  push(...messages) {
    for (const message of messages) {
      if (this.#kept.includes(message)) continue;
      if (this.#kept.length < MAX_LISTED) this.#kept.push(message);
      else this.#dropped += 1;
    }
  }

  /** How many different messages were pushed in all (at least; repeats past the first few count too). */
  get count() {
    return this.#kept.length + this.#dropped;
  }

  /**
   * The messages to show: all of them when few, else the first and a line counting the others.
   * @returns {string[]}
   */
  list() {
    if (!this.#dropped) return capList(this.#kept);
    const shown = this.#kept.slice(0, MAX_LISTED - 1);
    return capList([...shown, `… and ${this.count - shown.length} more`]);
  }
}
