import type * as tf from '@tensorflow/tfjs-core';
import { dense } from '../../tf/dense.js';
import type { DenseWeights } from './weights.js';

/** `x · w + b` for rows `x` `[n, in]` through pointgen's dense layer (its own fast gradient). */
export function linear(x: tf.Tensor2D, layer: DenseWeights<tf.Tensor>): tf.Tensor2D {
  return dense(x, layer.w as tf.Tensor2D, layer.b as tf.Tensor1D);
}
