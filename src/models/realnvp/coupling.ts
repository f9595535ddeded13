import * as tf from '@tensorflow/tfjs-core';
import { sumColumns } from '../../tf/columns.js';
import { constantProduct } from '../../tf/constant-ops.js';
import { type DenseWeights, dense } from '../../tf/dense.js';
import type { Activation } from './config.js';
import type { Routing } from './routing.js';
import { type Spline, type SplineShape, splineForward, splineInverse, splineParamCount } from './spline.js';

/** One dense layer's weights, rank-typed for {@link dense}. */
export type DenseParams = DenseWeights<tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R1>>;

/**
 * What a coupling does to the coordinates it transforms: an affine map `x · exp(s) + t` whose log-scale is
 * soft-clamped, `s = clamp · tanh(raw / clamp)` (with the constant matrices that split the network's output
 * into `raw` and `t`), or a rational-quadratic spline.
 */
export type CouplingTransform =
  | {
      readonly kind: 'affine';
      readonly clamp: number;
      readonly scale: tf.Tensor2D;
      readonly shift: tf.Tensor2D;
    }
  | ({ readonly kind: 'spline' } & Spline);

/**
 * A coupling layer: the conditioning coordinates pass unchanged and condition a network whose output
 * parametrises the transform of the others; `routing` says which coordinates are which.
 */
export interface CouplingParams {
  readonly routing: Routing;
  readonly layers: readonly DenseParams[];
  readonly activation: Activation;
  readonly transform: CouplingTransform;
}

/**
 * Network outputs per transformed coordinate.
 *
 * @example
 * ```ts
 * paramsPerCoordinate({ kind: 'spline', bins: 8, bound: 4 }); // 23
 * ```
 */
export function paramsPerCoordinate(
  transform: { kind: 'affine' } | ({ kind: 'spline' } & SplineShape),
): number {
  return transform.kind === 'affine' ? 2 : splineParamCount(transform);
}

/**
 * The constant matrices that split an affine coupling's network output `[n, 2w]` into the raw log-scale and
 * the shift (`[2w, w]` each). Kept out of any `tf.tidy` scope.
 *
 * @example
 * ```ts
 * const { scale, shift } = affineSplit(3);
 * ```
 */
export function affineSplit(width: number): { scale: tf.Tensor2D; shift: tf.Tensor2D } {
  const pick = (offset: number) => {
    const m = new Float32Array(2 * width * width);
    for (let i = 0; i < width; i++) m[(offset + i) * width + i] = 1;
    return tf.keep(tf.tensor2d(m, [2 * width, width]));
  };
  return { scale: pick(0), shift: pick(width) };
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
    // relu runs inside the dense layer's own gradient: no separate kernels for it and its gradient.
    if (i < last && p.activation === 'relu') h = dense(h, layer.w, layer.b, 'relu');
    else {
      h = dense(h, layer.w, layer.b);
      if (i < last) h = activate(h, p.activation);
    }
  });
  return h;
}

function scaleAndShift(
  out: tf.Tensor2D,
  t: Extract<CouplingTransform, { kind: 'affine' }>,
): { s: tf.Tensor2D; shift: tf.Tensor2D } {
  const raw = tf.matMul(out, t.scale);
  return {
    s: tf.mul(tf.tanh(tf.mul(raw, 1 / t.clamp)), t.clamp) as tf.Tensor2D,
    shift: tf.matMul(out, t.shift),
  };
}

/**
 * State `z → z'` with the per-point log-determinant (`[n]`).
 *
 * @example
 * ```ts
 * const { y, logDet } = couplingForward(z, params);
 * ```
 */
export function couplingForward(z: tf.Tensor2D, p: CouplingParams): { y: tf.Tensor2D; logDet: tf.Tensor1D } {
  const { routing: r, transform } = p;
  const x1 = constantProduct(z, r.take1, r.take1T);
  const x2 = constantProduct(z, r.take2, r.take2T);
  const out = network(x1, p);
  let y2: tf.Tensor2D;
  let logDet: tf.Tensor1D;
  if (transform.kind === 'spline') {
    ({ y: y2, logDet } = splineForward(x2, out, transform));
  } else {
    const { s, shift } = scaleAndShift(out, transform);
    y2 = tf.add(tf.mul(x2, tf.exp(s)), shift) as tf.Tensor2D;
    logDet = sumColumns(s);
  }
  return {
    y: tf.add(constantProduct(x1, r.put1, r.put1T), constantProduct(y2, r.put2, r.put2T)) as tf.Tensor2D,
    logDet,
  };
}

/**
 * The inverse of {@link couplingForward}.
 *
 * @example
 * ```ts
 * const z = couplingInverse(y, params);
 * ```
 */
export function couplingInverse(y: tf.Tensor2D, p: CouplingParams): tf.Tensor2D {
  const { routing: r, transform } = p;
  const y1 = tf.matMul(y, r.put1T) as tf.Tensor2D;
  const y2 = tf.matMul(y, r.put2T) as tf.Tensor2D;
  const out = network(y1, p);
  let x2: tf.Tensor2D;
  if (transform.kind === 'spline') {
    x2 = splineInverse(y2, out, transform);
  } else {
    const { s, shift } = scaleAndShift(out, transform);
    x2 = tf.mul(tf.sub(y2, shift), tf.exp(tf.neg(s))) as tf.Tensor2D;
  }
  return tf.add(tf.matMul(y1, r.take1T), tf.matMul(x2, r.take2T)) as tf.Tensor2D;
}
