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
 * One pre-LayerNorm block: `h + attend(norm(h))`, then `h + mlp(norm(h))` with a GELU feed-forward network.
 * `attend` is the attention over whole sequences (training, densities) or over one new position (sampling).
 */
export function transformerBlock(
  h: tf.Tensor2D,
  weights: BlockWeights,
  attend: (normed: tf.Tensor2D) => tf.Tensor2D,
  dropout?: DropoutSpec,
): tf.Tensor2D {
  return tf.tidy(() => {
    const drop = (x: tf.Tensor2D, salt: number): tf.Tensor2D =>
      dropout && dropout.rate > 0
        ? (tf.dropout(x, dropout.rate, undefined, dropout.seed + salt) as tf.Tensor2D)
        : x;
    const h1 = tf.add(h, drop(attend(layerNorm(h, weights.norm1)), 1)) as tf.Tensor2D;
    const hidden = gelu(linear(layerNorm(h1, weights.norm2), weights.fc1));
    return tf.add(h1, drop(linear(hidden, weights.fc2), 2)) as tf.Tensor2D;
  });
}

/** GELU in its sigmoid form `x · σ(1.702 x)`: two cheap element-wise ops on every backend. */
function gelu(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));
}
