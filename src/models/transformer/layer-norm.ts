import * as tf from '@tensorflow/tfjs-core';
import type { LayerNormWeights } from './weights.js';

/**
 * Layer normalisation over the last axis of rows `[n, d]`: zero mean, unit variance, then scale and shift.
 * The row means are products with a constant `1/d` column rather than reductions, because the gradient of a
 * reduction broadcasts back with a `Tile`, which is several times slower than a product on the wasm backend.
 */
export function layerNorm(x: tf.Tensor2D, weights: LayerNormWeights, epsilon = 1e-5): tf.Tensor2D {
  return tf.tidy(() => {
    const d = x.shape[1];
    const average = tf.fill([d, 1], 1 / d);
    const centred = tf.sub(x, tf.matMul(x, average));
    const variance = tf.matMul(tf.square(centred), average);
    const normalised = tf.mul(centred, tf.rsqrt(tf.add(variance, epsilon)));
    return tf.add(tf.mul(normalised, weights.gamma), weights.beta) as tf.Tensor2D;
  });
}
