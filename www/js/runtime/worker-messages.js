/**
 * @file The one message protocol between a page and its Web Workers (the lab's and the network
 * page's): the page sends `{ type, id, ...payload }` and the worker answers `{ type: "reply", id,
 * result }` or `{ type: "reply", id, error }`; any other message the worker posts is an event,
 * handled by its `type`. Typed arrays in a message are transferred, not copied.
 */

/**
 * Requests to `worker` as promises, and its events to `events[type]`. When the worker fails or
 * sends a message that cannot be read, every request still waiting is rejected, naming `name`.
 * @param {Worker} worker
 * @param {string} name e.g. "the lab's worker", for the error messages
 * @param {Record<string, (message: any) => void>} events handlers by message type
 * @returns {(type: string, payload?: object) => Promise<any>} sends a request
 */
export function workerRequests(worker, name, events) {
  let nextId = 0;
  /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
  const pending = new Map();
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === "reply") {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    } else {
      events[message.type]?.(message);
    }
  };
  const failAll = (/** @type {string} */ why) => {
    for (const waiting of pending.values()) waiting.reject(new Error(why));
    pending.clear();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(`${name} failed: ${event.message || "it could not load"}`);
  };
  worker.onmessageerror = () => failAll(`${name} sent a message that could not be read`);

  return (type, payload = {}) => {
    const id = (nextId += 1);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ type, id, ...payload });
    });
  };
}

/**
 * The ArrayBuffers inside a message (typed arrays of statistics, history, images), to transfer
 * rather than copy: each was made for this message alone. A view on wasm's own `memory` is left
 * out (transferring it would detach the module's memory).
 * @param {unknown} value
 * @param {WebAssembly.Memory | null} memory
 * @param {Set<ArrayBuffer>} [found]
 * @returns {ArrayBuffer[]}
 */
export function buffersOf(value, memory, found = new Set()) {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.buffer !== memory?.buffer) found.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const item of value) buffersOf(item, memory, found);
  } else if (value && typeof value === "object") {
    for (const item of Object.values(value)) buffersOf(item, memory, found);
  }
  return [...found];
}
