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
 * Makes sure every kernel in {@link gradientKernels} has a gradient, so that `tf.grads`, `tf.variableGrads`
 * and optimizers work when only `@tensorflow/tfjs-core` and a backend are loaded (tfjs-core registers no
 * gradients by itself; `@tensorflow/tfjs` and `@tensorflow/tfjs-layers` register tfjs's own when loaded).
 *
 * Only missing gradients are registered: one already in the registry (tfjs's, or your own) is never
 * replaced. Idempotent and cheap, so call it before any forward pass you want to differentiate; pointgen's
 * training calls it for you. Importing pointgen registers nothing.
 *
 * @returns The kernels that this call registered (empty when nothing was missing).
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
    if (tf.getGradient(config.kernelName) === undefined) {
      tf.registerGradient(config);
      added.push(config.kernelName);
    }
  }
  return added;
}
