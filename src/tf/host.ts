import * as tf from '@tensorflow/tfjs-core';

/** Backends that keep tensors in host memory, where reading values back costs a copy and no device sync. */
const HOST_BACKENDS = new Set(['cpu', 'wasm']);

/**
 * Whether the active backend keeps its tensors in host memory (cpu, wasm): there, work made of many tiny
 * kernels (a spline, attention over a few positions, the optimiser) is cheaper as plain JavaScript over
 * read-back values than as kernel launches, each of which costs more than its arithmetic.
 *
 * @example
 * ```ts
 * const path = onHostBackend() ? 'JavaScript' : 'kernels';
 * ```
 */
export function onHostBackend(): boolean {
  return HOST_BACKENDS.has(tf.getBackend());
}
