import type * as tf from '@tensorflow/tfjs-core';

/**
 * Where a model is saved to or loaded from: a `tf.io` URL (`indexeddb://…`, `http://…`), a file path in Node, or any handler.
 *
 * @example
 * ```ts
 * await model.save('indexeddb://my-model'); // browser
 * await model.save('./models/my-model'); // Node: a folder with model.json and weights.bin
 * ```
 */
export type ModelLocation = string | tf.io.IOHandler;

/**
 * Options of `loadGenerator` and the models' `load`.
 *
 * @example
 * ```ts
 * import { loadGenerator } from 'pointgen';
 * const controller = new AbortController();
 * const model = await loadGenerator('https://example.com/pi/model.json', {
 *   signal: controller.signal,
 *   timeoutMs: 10_000,
 * });
 * ```
 */
export interface LoadOptions {
  /** Aborts the load (an `http(s)://` fetch is cancelled). */
  readonly signal?: AbortSignal;
  /** Gives up after this many milliseconds (default 60 000; `Infinity` waits for ever). */
  readonly timeoutMs?: number;
}
