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
