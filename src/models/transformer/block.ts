import * as tf from '@tensorflow/tfjs-core';
import { linear } from '../../tf/dense.js';
import { layerNorm } from './layer-norm.js';
import type { BlockWeights } from './weights.js';

/** Dropout while training: a rate and the seed of this call's masks. */
export interface DropoutSpec {
  readonly rate: number;
  readonly seed: number;
}

/**
 * One pre-LayerNorm block (one member's rows `[n, d]`, or every member's `[members, n, d]`): `h + attend(norm(h))`, then `h + mlp(norm(h))` with a GELU feed-forward network.
 * `attend` is the attention over whole sequences (training, densities) or over one new position (sampling).
 */
export function transformerBlock<T extends tf.Tensor2D | tf.Tensor3D>(
  h: T,
  weights: BlockWeights<tf.Tensor>,
  attend: (normed: T) => T,
  dropout?: DropoutSpec,
): T {
  return tf.tidy(() => {
    const drop = (x: T, salt: number): T =>
      dropout && dropout.rate > 0 ? (tf.dropout(x, dropout.rate, undefined, dropout.seed + salt) as T) : x;
    const h1 = tf.add(h, drop(attend(layerNorm(h, weights.norm1)), 1)) as T;
    const hidden = gelu(linear(layerNorm(h1, weights.norm2), weights.fc1));
    return tf.add(h1, drop(linear(hidden, weights.fc2), 2)) as T;
  });
}

/** GELU in its sigmoid form `x · σ(1.702 x)`: two cheap element-wise ops on every backend. */
function gelu<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));
}
