import * as tf from '@tensorflow/tfjs-core';
import { gradConfigs } from './grad/index.js';

/**
 * The kernels whose gradient {@link ensureGradients} guarantees, in the names tfjs gives them
 * (`'BatchMatMul'`, `'Softmax'`, `'GatherV2'`...).
 *
 * @example
 * ```ts
 * import { gradientKernels } from 'pointgen';
 * gradientKernels.includes('Softmax'); // true
 * ```
 */
export const gradientKernels: readonly string[] = gradConfigs.map((c) => c.kernelName);

/**
 * Kernels whose gradient in tfjs 4.22 (the one `@tensorflow/tfjs` and `@tensorflow/tfjs-layers` register when
 * they load) is wrong or fails somewhere: GatherV2's needs a kernel the wasm backend lacks and breaks with batch
 * dimensions, Maximum, Minimum, SquaredDifference and BatchMatMul's are not summed back over broadcast axes, and
 * Cumsum's comes back transposed off the last axis (test/tf/gradients-vs-tfjs.test.ts asserts each failure).
 * {@link ensureGradients} puts pointgen's in their place; where tfjs's work, both give the same values.
 *
 * @example
 * ```ts
 * import { replacedGradientKernels } from 'pointgen';
 * replacedGradientKernels.includes('GatherV2'); // true
 * ```
 */
export const replacedGradientKernels: readonly string[] = [
  'GatherV2',
  'Maximum',
  'Minimum',
  'SquaredDifference',
  'BatchMatMul',
  'Cumsum',
];

const REPLACED = new Set(replacedGradientKernels);

/**
 * Makes sure every kernel in {@link gradientKernels} has a working gradient, so that `tf.grads`,
 * `tf.variableGrads` and optimizers work when only `@tensorflow/tfjs-core` and a backend are loaded (tfjs-core
 * registers no gradients by itself), and also when `@tensorflow/tfjs` or `@tensorflow/tfjs-layers` has
 * registered tfjs's own.
 *
 * Missing gradients are registered. One already in the registry (tfjs's, or your own) is kept, except for the
 * few kernels in {@link replacedGradientKernels}, whose tfjs gradient is broken on some inputs or backends:
 * those always get pointgen's. Idempotent and cheap, so call it before any forward pass you want to
 * differentiate; pointgen's training calls it for you. Importing pointgen registers nothing.
 *
 * @returns The kernels that this call registered (empty when nothing was missing or replaced).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { ensureGradients } from 'pointgen';
 *
 * ensureGradients();
 * const dx = tf.grad((x: tf.Tensor) => tf.sum(tf.neg(x)))(tf.ones([3])); // [-1, -1, -1]
 * ```
 */
export function ensureGradients(): string[] {
  const added: string[] = [];
  for (const config of gradConfigs) {
    const registered = tf.getGradient(config.kernelName);
    if (registered === config) continue;
    if (registered === undefined || REPLACED.has(config.kernelName)) {
      if (registered !== undefined) tf.unregisterGradient(config.kernelName);
      tf.registerGradient(config);
      added.push(config.kernelName);
    }
  }
  return added;
}
