import * as tf from '@tensorflow/tfjs-core';
import type { LayerNormWeights } from './weights.js';

/**
 * Layer normalisation over the last axis of rows `[n, d]` (or every member's rows `[members, n, d]`, with
 * stacked weights `[members, 1, d]`): zero mean, unit variance, then scale and shift. The row means are
 * products with a constant `1/d` column rather than reductions, because the gradient of a reduction broadcasts
 * back with a `Tile`, which is several times slower than a product on the wasm backend.
 */
export function layerNorm<T extends tf.Tensor2D | tf.Tensor3D>(
  x: T,
  weights: LayerNormWeights<tf.Tensor>,
  epsilon = 1e-5,
): T {
  return tf.tidy(() => {
    const d = x.shape[x.rank - 1] as number;
    const average = tf.fill([d, 1], 1 / d);
    // As 2-D products: wasm's batched product takes a slow path (see `matMul`).
    const rows = tf.reshape(x, [-1, d]) as tf.Tensor2D;
    const centred = tf.sub(rows, tf.matMul(rows, average));
    const variance = tf.matMul(tf.square(centred), average);
    const normalised = tf.reshape(tf.mul(centred, tf.rsqrt(tf.add(variance, epsilon))), x.shape);
    return tf.add(tf.mul(normalised, weights.gamma), weights.beta) as T;
  });
}
