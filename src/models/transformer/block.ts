import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../../tf/dense.js';
import { causalSelfAttention, type KeyValueCache } from './attention.js';
import { layerNorm } from './layer-norm.js';
import type { BlockWeights } from './weights.js';

/** Per-call settings of {@link transformerBlock}. */
export interface BlockOptions {
  readonly batch: number;
  readonly heads: number;
  /** Dropout rate, applied only when a `seed` is given (training). */
  readonly dropout: number;
  readonly seed?: number;
  readonly past?: KeyValueCache;
}

/**
 * One pre-LayerNorm block: `h + attention(norm(h))`, then `h + mlp(norm(h))`, with a GELU feed-forward
 * network. Returns the new rows and the attention's key/value cache.
 */
export function transformerBlock(
  h: tf.Tensor2D,
  weights: BlockWeights,
  options: BlockOptions,
): { output: tf.Tensor2D; cache: KeyValueCache } {
  return tf.tidy(() => {
    const drop = (x: tf.Tensor2D, salt: number): tf.Tensor2D =>
      options.seed !== undefined && options.dropout > 0
        ? (tf.dropout(x, options.dropout, undefined, options.seed + salt) as tf.Tensor2D)
        : x;
    const attention = causalSelfAttention(
      layerNorm(h, weights.norm1),
      options.batch,
      options.heads,
      weights,
      options.past,
    );
    const h1 = tf.add(h, drop(attention.output, 1)) as tf.Tensor2D;
    const hidden = gelu(dense(layerNorm(h1, weights.norm2), weights.fc1.w, weights.fc1.b));
    const h2 = tf.add(h1, drop(dense(hidden, weights.fc2.w, weights.fc2.b), 2)) as tf.Tensor2D;
    return { output: h2, cache: attention.cache };
  });
}

/** GELU in its sigmoid form `x · σ(1.702 x)`: two cheap element-wise ops on every backend. */
function gelu(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));
}
