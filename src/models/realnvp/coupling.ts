import * as tf from '@tensorflow/tfjs-core';
import { sumColumns } from '../../tf/columns.js';
import { constantProduct } from '../../tf/constant-ops.js';
import { type DenseWeights, dense } from '../../tf/dense.js';
import type { Bijector } from './bijector.js';
import type { Activation } from './config.js';
import type { Mixing } from './mixing.js';
import { couplingRouting, disposeRouting, type Routing } from './routing.js';
import { type Spline, type SplineShape, splineForward, splineInverse, splineParamCount } from './spline.js';

/** One dense layer's weights, rank-typed for {@link dense}. */
export type DenseParams = DenseWeights<tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R1>>;

/**
 * What a coupling does to the coordinates it transforms: an affine map `x · exp(s) + t` whose log-scale is
 * soft-clamped, `s = clamp · tanh(raw / clamp)` (with the constant matrices that split the network's output
 * into `raw` and `t`), or a rational-quadratic spline.
 */
type CouplingTransform =
  | {
      readonly kind: 'affine';
      readonly clamp: number;
      readonly scale: tf.Tensor2D;
      readonly shift: tf.Tensor2D;
    }
  | ({ readonly kind: 'spline' } & Spline);

/** What a {@link Coupling} is made of; the weights and the spline tables stay their owner's. */
export interface CouplingOptions {
  /** The mixing applied before the coupling, folded into its products. */
  readonly mixing: Mixing;
  /** How many of the mixed coordinates condition the network (the first ones); the others are transformed. */
  readonly split: number;
  readonly layers: readonly DenseParams[];
  readonly activation: Activation;
  readonly transform:
    | { readonly kind: 'affine'; readonly clamp: number }
    | ({ readonly kind: 'spline' } & Spline);
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
 */
function affineSplit(width: number): { scale: tf.Tensor2D; shift: tf.Tensor2D } {
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

function network(x1: tf.Tensor2D, layers: readonly DenseParams[], activation: Activation): tf.Tensor2D {
  let h = x1;
  const last = layers.length - 1;
  layers.forEach((layer, i) => {
    // relu runs inside the dense layer's own gradient: no separate kernels for it and its gradient.
    if (i < last && activation === 'relu') h = dense(h, layer.w, layer.b, 'relu');
    else {
      h = dense(h, layer.w, layer.b);
      if (i < last) h = activate(h, activation);
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
 * A coupling layer after a fixed mixing: the conditioning coordinates pass unchanged and condition a network
 * whose output parametrises the transform of the others. The mixing and the split are folded into constant
 * products (its {@link Routing}): no split, concat or separate mixing kernel runs.
 *
 * @example
 * ```ts
 * const coupling = new Coupling({ mixing, split: 3, layers, activation: 'relu', transform: { kind: 'affine', clamp: 3 } });
 * const { y, logDet } = coupling.forward(z); // logDet: [n]
 * coupling.dispose();
 * ```
 */
export class Coupling implements Bijector {
  private readonly routing: Routing;
  private readonly layers: readonly DenseParams[];
  private readonly activation: Activation;
  private readonly transform: CouplingTransform;

  constructor(options: CouplingOptions) {
    const { mixing, split, transform } = options;
    this.routing = couplingRouting(mixing.values, mixing.dim, split);
    this.layers = options.layers;
    this.activation = options.activation;
    this.transform =
      transform.kind === 'affine' ? { ...transform, ...affineSplit(mixing.dim - split) } : transform;
  }

  forward(z: tf.Tensor2D): { y: tf.Tensor2D; logDet: tf.Tensor1D } {
    const { routing: r, transform } = this;
    const x1 = constantProduct(z, r.take1, r.take1T);
    const x2 = constantProduct(z, r.take2, r.take2T);
    const out = network(x1, this.layers, this.activation);
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

  inverse(y: tf.Tensor2D): tf.Tensor2D {
    const { routing: r, transform } = this;
    const y1 = tf.matMul(y, r.put1T) as tf.Tensor2D;
    const y2 = tf.matMul(y, r.put2T) as tf.Tensor2D;
    const out = network(y1, this.layers, this.activation);
    let x2: tf.Tensor2D;
    if (transform.kind === 'spline') {
      x2 = splineInverse(y2, out, transform);
    } else {
      const { s, shift } = scaleAndShift(out, transform);
      x2 = tf.mul(tf.sub(y2, shift), tf.exp(tf.neg(s))) as tf.Tensor2D;
    }
    return tf.add(tf.matMul(y1, r.take1T), tf.matMul(x2, r.take2T)) as tf.Tensor2D;
  }

  /** Frees the routing and the affine split (the weights and the spline tables are not its own). */
  dispose(): void {
    disposeRouting(this.routing);
    if (this.transform.kind === 'affine') {
      this.transform.scale.dispose();
      this.transform.shift.dispose();
    }
  }
}
