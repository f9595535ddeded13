import * as tf from '@tensorflow/tfjs-core';
import { constantProduct } from './constant-ops.js';

/**
 * Row sums of a `[n, d]` tensor as `[n]`, by a product with a column of ones: `tf.sum(x, 1)`'s gradient tiles,
 * which is slow on wasm, where a product's gradient is another product.
 */
export function sumColumns(x: tf.Tensor2D): tf.Tensor1D {
  const [n, d] = x.shape;
  return tf.reshape(
    constantProduct(x, tf.ones([d, 1]), () => tf.ones([1, d])),
    [n],
  );
}
