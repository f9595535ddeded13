import * as tf from '@tensorflow/tfjs-core';
import type { LayerNormWeights } from './weights.js';

/** Layer normalisation over the last axis of rows `[n, d]`: zero mean, unit variance, then scale and shift. */
export function layerNorm(x: tf.Tensor2D, weights: LayerNormWeights, epsilon = 1e-5): tf.Tensor2D {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
    return tf.add(tf.mul(normalised, weights.gamma), weights.beta) as tf.Tensor2D;
  });
}
