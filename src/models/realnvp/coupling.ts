import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../../tf/dense.js';
import type { Activation } from './config.js';
import { type Spline, type SplineShape, splineForward, splineInverse, splineParamCount } from './spline.js';

/** One dense layer's parameters. */
export interface DenseParams {
  readonly kernel: tf.Variable<tf.Rank.R2>;
  readonly bias: tf.Variable<tf.Rank.R1>;
}

/**
 * What a coupling does to the coordinates it transforms: an affine map `x · exp(s) + t` whose log-scale is
 * soft-clamped, `s = clamp · tanh(raw / clamp)`, or a rational-quadratic spline.
 */
export type CouplingTransform =
  | { readonly kind: 'affine'; readonly clamp: number }
  | ({ readonly kind: 'spline' } & Spline);

/**
 * A coupling layer: the first `split` coordinates pass unchanged and condition a network whose output
 * parametrises the transform of the rest.
 */
export interface CouplingParams {
  readonly split: number;
  readonly layers: readonly DenseParams[];
  readonly activation: Activation;
  readonly transform: CouplingTransform;
}

/** Network outputs per transformed coordinate. */
export function paramsPerCoordinate(
  transform: { kind: 'affine' } | ({ kind: 'spline' } & SplineShape),
): number {
  return transform.kind === 'affine' ? 2 : splineParamCount(transform);
}

function activate(x: tf.Tensor2D, kind: Activation): tf.Tensor2D {
  switch (kind) {
    case 'relu':
      return tf.relu(x);
    case 'elu':
      return tf.elu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'swish':
      return tf.mul(x, tf.sigmoid(x));
  }
}

function network(x1: tf.Tensor2D, p: CouplingParams): tf.Tensor2D {
  let h = x1;
  const last = p.layers.length - 1;
  p.layers.forEach((layer, i) => {
    h = dense(h, layer.kernel, layer.bias);
    if (i < last) h = activate(h, p.activation);
  });
  return h;
}

function scaleAndShift(out: tf.Tensor2D, clamp: number, width: number): { s: tf.Tensor2D; t: tf.Tensor2D } {
  const [raw, t] = tf.split(out, [width, width], 1) as [tf.Tensor2D, tf.Tensor2D];
  return { s: tf.mul(tf.tanh(tf.mul(raw, 1 / clamp)), clamp) as tf.Tensor2D, t };
}

/** `x → y` with the per-point log-determinant (`[n]`). */
export function couplingForward(x: tf.Tensor2D, p: CouplingParams): { y: tf.Tensor2D; logDet: tf.Tensor1D } {
  const dim = x.shape[1];
  const width = dim - p.split;
  const [x1, x2] = tf.split(x, [p.split, width], 1) as [tf.Tensor2D, tf.Tensor2D];
  const out = network(x1, p);
  if (p.transform.kind === 'spline') {
    const { y: y2, logDet } = splineForward(x2, out, p.transform);
    return { y: tf.concat([x1, y2], 1) as tf.Tensor2D, logDet };
  }
  const { s, t } = scaleAndShift(out, p.transform.clamp, width);
  const y2 = tf.add(tf.mul(x2, tf.exp(s)), t);
  return { y: tf.concat([x1, y2], 1) as tf.Tensor2D, logDet: tf.sum(s, 1) as tf.Tensor1D };
}

/** The inverse of {@link couplingForward}. */
export function couplingInverse(y: tf.Tensor2D, p: CouplingParams): tf.Tensor2D {
  const dim = y.shape[1];
  const width = dim - p.split;
  const [y1, y2] = tf.split(y, [p.split, width], 1) as [tf.Tensor2D, tf.Tensor2D];
  const out = network(y1, p);
  if (p.transform.kind === 'spline')
    return tf.concat([y1, splineInverse(y2, out, p.transform)], 1) as tf.Tensor2D;
  const { s, t } = scaleAndShift(out, p.transform.clamp, width);
  const x2 = tf.mul(tf.sub(y2, t), tf.exp(tf.neg(s)));
  return tf.concat([y1, x2], 1) as tf.Tensor2D;
}
