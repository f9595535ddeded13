import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../../tf/dense.js';
import type { BlockWeights } from './weights.js';

/** Keys and values of the positions already processed, per head: `[batch·heads, positions, headDim]`. */
export type KeyValueCache = {
  readonly keys: tf.Tensor3D;
  readonly values: tf.Tensor3D;
};

/** The result of {@link causalSelfAttention}: its output rows and the keys/values including the new positions. */
export type AttentionResult = {
  readonly output: tf.Tensor2D;
  readonly cache: KeyValueCache;
};

/**
 * Causal multi-head self-attention over `tokens` (rows `[batch·length, d]`, position-major inside each batch
 * row). With `past`, the tokens continue a sequence whose earlier keys and values are cached, so sampling
 * computes each new position once. A position attends to itself and every earlier position, never later ones.
 */
export function causalSelfAttention(
  tokens: tf.Tensor2D,
  batch: number,
  heads: number,
  weights: Pick<BlockWeights, 'qkv' | 'proj'>,
  past?: KeyValueCache,
): AttentionResult {
  return tf.tidy(() => {
    const d = tokens.shape[1];
    const length = tokens.shape[0] / batch;
    const headDim = d / heads;
    const qkv = dense(tokens, weights.qkv.w, weights.qkv.b);
    const [q, k, v] = tf.split(qkv, 3, 1).map((part) => splitHeads(part, batch, length, heads, headDim));
    const keys = past ? tf.concat([past.keys, k as tf.Tensor3D], 1) : (k as tf.Tensor3D);
    const values = past ? tf.concat([past.values, v as tf.Tensor3D], 1) : (v as tf.Tensor3D);
    const offset = past ? past.keys.shape[1] : 0;
    let scores = tf.mul(tf.matMul(q as tf.Tensor3D, keys, false, true), 1 / Math.sqrt(headDim));
    if (length > 1) scores = tf.add(scores, causalMask(length, offset));
    const attended = tf.matMul(tf.softmax(scores), values);
    const merged = tf.reshape(
      tf.transpose(tf.reshape(attended, [batch, heads, length, headDim]), [0, 2, 1, 3]),
      [batch * length, d],
    ) as tf.Tensor2D;
    return { output: dense(merged, weights.proj.w, weights.proj.b), cache: { keys, values } };
  });
}

/** `[batch·length, d]` rows to `[batch·heads, length, headDim]`. */
function splitHeads(
  x: tf.Tensor,
  batch: number,
  length: number,
  heads: number,
  headDim: number,
): tf.Tensor3D {
  return tf.reshape(tf.transpose(tf.reshape(x, [batch, length, heads, headDim]), [0, 2, 1, 3]), [
    batch * heads,
    length,
    headDim,
  ]);
}

/**
 * Additive mask `[length, offset + length]`: 0 where query `i` (at absolute position `offset + i`) may see key
 * `j`, a large negative number where `j` lies in its future.
 */
function causalMask(length: number, offset: number): tf.Tensor2D {
  const total = offset + length;
  const mask = new Float32Array(length * total);
  for (let i = 0; i < length; i++) {
    for (let j = offset + i + 1; j < total; j++) mask[i * total + j] = -1e9;
  }
  return tf.tensor2d(mask, [length, total]);
}
