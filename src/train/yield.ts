/**
 * Resolves on a later turn of the event loop (a macrotask), so that timers, I/O and `AbortSignal` listeners get
 * to run during a long synchronous computation. `setImmediate` in Node, a `MessageChannel` in browsers.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    const schedule = g.setImmediate;
    return new Promise((resolve) => {
      schedule(resolve);
    });
  }
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
