import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../../tf/dense.js';
import type { Activation } from './config.js';

/** One dense layer's parameters. */
export interface DenseParams {
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;
}

/**
 * An affine coupling: the first `split` coordinates pass unchanged and condition a network that gives a
 * log-scale `s` and shift `t` for the rest, `y₂ = x₂ · exp(s) + t`.
 */
export interface CouplingParams {
  readonly split: number;
  readonly layers: readonly DenseParams[];
  /** `s = clamp · tanh(raw / clamp)`: bounded log-scales keep the inverse and the gradients tame. */
  readonly clamp: number;
  readonly activation: Activation;
}

/** The non-linearities that `dense` does not fuse. */
function activate(x: tf.Tensor2D, kind: Exclude<Activation, 'relu'>): tf.Tensor2D {
  switch (kind) {
    case 'elu':
      return tf.elu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'swish':
      return tf.mul(x, tf.sigmoid(x));
  }
}

function scaleAndShift(
  x1: tf.Tensor2D,
  p: CouplingParams,
  width: number,
): { s: tf.Tensor2D; t: tf.Tensor2D } {
  let h = x1;
  const last = p.layers.length - 1;
  p.layers.forEach((layer, i) => {
    if (i === last) h = dense(h, layer.kernel, layer.bias);
    else if (p.activation === 'relu') h = dense(h, layer.kernel, layer.bias, 'relu');
    else h = activate(dense(h, layer.kernel, layer.bias), p.activation);
  });
  const [raw, t] = tf.split(h, [width, width], 1) as [tf.Tensor2D, tf.Tensor2D];
  const s = tf.mul(tf.tanh(tf.mul(raw, 1 / p.clamp)), p.clamp) as tf.Tensor2D;
  return { s, t };
}

/** `x → y` with the per-point log-determinant `Σ s` (`[n]`). */
export function couplingForward(x: tf.Tensor2D, p: CouplingParams): { y: tf.Tensor2D; logDet: tf.Tensor1D } {
  const dim = x.shape[1];
  const [x1, x2] = tf.split(x, [p.split, dim - p.split], 1) as [tf.Tensor2D, tf.Tensor2D];
  const { s, t } = scaleAndShift(x1, p, dim - p.split);
  const y2 = tf.add(tf.mul(x2, tf.exp(s)), t);
  return { y: tf.concat([x1, y2], 1) as tf.Tensor2D, logDet: tf.sum(s, 1) as tf.Tensor1D };
}

/** The inverse of {@link couplingForward}. */
export function couplingInverse(y: tf.Tensor2D, p: CouplingParams): tf.Tensor2D {
  const dim = y.shape[1];
  const [y1, y2] = tf.split(y, [p.split, dim - p.split], 1) as [tf.Tensor2D, tf.Tensor2D];
  const { s, t } = scaleAndShift(y1, p, dim - p.split);
  const x2 = tf.mul(tf.sub(y2, t), tf.exp(tf.neg(s)));
  return tf.concat([y1, x2], 1) as tf.Tensor2D;
}
