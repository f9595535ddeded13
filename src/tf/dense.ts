import * as tf from '@tensorflow/tfjs-core';

/**
 * `x · w + b` for a batch `x` of shape `[n, in]`, weights `[in, out]` and bias `[out]`.
 * (Placeholder: to be given its own gradient, see the tf infrastructure work.)
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.add(tf.matMul(x, w), b);
}
