/**
 * @file The non-blocking notice above a page's content (URL fallbacks, errors). Text only: nothing
 * here is ever parsed as HTML. The fatal error of a page that cannot start is runtime/boot.js's.
 */

import { capList } from "./runtime/messages.js";

/** @returns {HTMLElement | null} */
const root = () => document.querySelector('[data-testid="notice"]');

/**
 * Shows a notice with a title and an optional list of details (at most `MAX_LISTED` of them, the
 * last counting any others), replacing any previous one.
 * Errors get the red style and are counted in `data-errors` (the page tests expect none).
 * @param {string} title
 * @param {string[]} [items]
 * @param {{ error?: boolean, key?: string }} [options] `key` lets `hideNotice(key)` take back
 *   this notice only, e.g. a drawing error once a drawing succeeds
 */
export function showNotice(title, items = [], { error = false, key = "" } = {}) {
  const notice = root();
  if (!notice) return;
  notice.dataset.key = key;
  if (error) notice.dataset.errors = String(Number(notice.dataset.errors ?? 0) + 1);
  notice.querySelector(".notice-title").textContent = title;
  const list = /** @type {HTMLElement} */ (notice.querySelector(".notice-list"));
  list.replaceChildren(
    ...capList(items).map((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }),
  );
  list.hidden = items.length === 0;
  notice.classList.toggle("is-error", error);
  notice.hidden = false;
}

/**
 * Hides the notice; given a key, only if the notice shown is the one with that key.
 * @param {string} [key]
 */
export function hideNotice(key) {
  const notice = root();
  if (notice && (key === undefined || notice.dataset.key === key)) notice.hidden = true;
}

/** Wires the notice's dismiss button. */
export function initNotice() {
  root()?.querySelector(".notice-close")?.addEventListener("click", () => hideNotice());
}
