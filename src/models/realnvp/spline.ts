import * as tf from '@tensorflow/tfjs-core';

/** Shape of a rational-quadratic spline: `bins` pieces on `[-bound, bound]`, the identity outside. */
export interface SplineShape {
  readonly bins: number;
  readonly bound: number;
}

const MIN_BIN = 1e-3;
const MIN_DERIVATIVE = 1e-3;
/** Shifts the raw derivatives so that zero parameters give slope 1: a zero network is the identity. */
const DERIVATIVE_SHIFT = Math.log(Math.expm1(1 - MIN_DERIVATIVE));

/** Parameters a network emits per transformed coordinate: bin widths, bin heights, inner knot slopes. */
export function splineParamCount(shape: SplineShape): number {
  return 3 * shape.bins - 1;
}

interface Knots {
  /** Knot positions, `[n, d, bins + 1]`, from `-bound` to `bound`. */
  readonly xs: tf.Tensor3D;
  readonly ys: tf.Tensor3D;
  /** Slopes at the knots, `[n, d, bins + 1]`, 1 at both ends (matching the identity tails). */
  readonly slopes: tf.Tensor3D;
}

function knotPositions(raw: tf.Tensor3D, shape: SplineShape): tf.Tensor3D {
  const [n, d] = raw.shape;
  const widths = tf.add(tf.mul(tf.softmax(raw), 1 - MIN_BIN * shape.bins), MIN_BIN);
  const cumulative = tf.concat([tf.zeros([n, d, 1]), tf.cumsum(widths, 2)], 2);
  return tf.sub(tf.mul(cumulative, 2 * shape.bound), shape.bound) as tf.Tensor3D;
}

function knots(params: tf.Tensor2D, d: number, shape: SplineShape): Knots {
  const n = params.shape[0];
  const k = shape.bins;
  const p = tf.reshape(params, [n, d, 3 * k - 1]);
  const [w, h, s] = tf.split(p, [k, k, k - 1], 2) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const inner = tf.add(tf.softplus(tf.add(s, DERIVATIVE_SHIFT)), MIN_DERIVATIVE);
  const one = tf.ones([n, d, 1]);
  return {
    xs: knotPositions(w, shape),
    ys: knotPositions(h, shape),
    slopes: tf.concat([one, inner, one], 2) as tf.Tensor3D,
  };
}

/** One-hot `[n, d, bins]` of the bin of `v` (clamped into the range) among `edges` (`[n, d, bins + 1]`). */
function binMask(v: tf.Tensor2D, edges: tf.Tensor3D, bins: number): tf.Tensor3D {
  const [n, d] = v.shape;
  const inner = tf.slice(edges, [0, 0, 1], [n, d, bins - 1]);
  const above = tf.step(tf.sub(tf.expandDims(v, 2), inner));
  const one = tf.ones([n, d, 1]);
  const zero = tf.zeros([n, d, 1]);
  return tf.sub(tf.concat([one, above], 2), tf.concat([above, zero], 2)) as tf.Tensor3D;
}

/** Selects, per element, the value of its bin: `Σ_k mask_k · t_k`. */
function pick(mask: tf.Tensor3D, t: tf.Tensor3D, offset: number, bins: number): tf.Tensor2D {
  const [n, d] = mask.shape;
  const part = offset === 0 && t.shape[2] === bins ? t : tf.slice(t, [0, 0, offset], [n, d, bins]);
  return tf.sum(tf.mul(mask, part), 2) as tf.Tensor2D;
}

interface Bin {
  readonly x0: tf.Tensor2D;
  readonly width: tf.Tensor2D;
  readonly y0: tf.Tensor2D;
  readonly height: tf.Tensor2D;
  readonly d0: tf.Tensor2D;
  readonly d1: tf.Tensor2D;
}

function selectBin(mask: tf.Tensor3D, k: Knots, bins: number): Bin {
  const x0 = pick(mask, k.xs, 0, bins);
  const y0 = pick(mask, k.ys, 0, bins);
  return {
    x0,
    width: tf.sub(pick(mask, k.xs, 1, bins), x0),
    y0,
    height: tf.sub(pick(mask, k.ys, 1, bins), y0),
    d0: pick(mask, k.slopes, 0, bins),
    d1: pick(mask, k.slopes, 1, bins),
  };
}

/**
 * Monotone rational-quadratic spline (Durkan et al., 2019, "Neural Spline Flows"), elementwise on `x`
 * (`[n, d]`) with `params` (`[n, d · (3·bins − 1)]`) from the coupling network; the identity outside
 * `[-bound, bound]`. Returns the output and the per-point log-determinant.
 */
export function splineForward(
  x: tf.Tensor2D,
  params: tf.Tensor2D,
  shape: SplineShape,
): { y: tf.Tensor2D; logDet: tf.Tensor1D } {
  const d = x.shape[1];
  const k = knots(params, d, shape);
  const inside = tf.step(tf.sub(shape.bound, tf.abs(x)));
  const xc = tf.clipByValue(x, -shape.bound, shape.bound) as tf.Tensor2D;
  const bin = selectBin(binMask(xc, k.xs, shape.bins), k, shape.bins);
  const delta = tf.div(bin.height, bin.width);
  const theta = tf.div(tf.sub(xc, bin.x0), bin.width);
  const t1mt = tf.mul(theta, tf.sub(1, theta));
  const theta2 = tf.square(theta);
  const numerator = tf.mul(bin.height, tf.add(tf.mul(delta, theta2), tf.mul(bin.d0, t1mt)));
  const denominator = tf.add(delta, tf.mul(tf.sub(tf.add(bin.d0, bin.d1), tf.mul(delta, 2)), t1mt));
  const ySpline = tf.add(bin.y0, tf.div(numerator, denominator));
  const slopeNumerator = tf.mul(
    tf.square(delta),
    tf.add(
      tf.add(tf.mul(bin.d1, theta2), tf.mul(tf.mul(delta, 2), t1mt)),
      tf.mul(bin.d0, tf.square(tf.sub(1, theta))),
    ),
  );
  const logSlope = tf.sub(tf.log(slopeNumerator), tf.mul(tf.log(denominator), 2));
  const y = tf.add(tf.mul(inside, ySpline), tf.mul(tf.sub(1, inside), x)) as tf.Tensor2D;
  return { y, logDet: tf.sum(tf.mul(inside, logSlope), 1) as tf.Tensor1D };
}

/** The inverse of {@link splineForward} (solving the quadratic in each bin). */
export function splineInverse(y: tf.Tensor2D, params: tf.Tensor2D, shape: SplineShape): tf.Tensor2D {
  const d = y.shape[1];
  const k = knots(params, d, shape);
  const inside = tf.step(tf.sub(shape.bound, tf.abs(y)));
  const yc = tf.clipByValue(y, -shape.bound, shape.bound) as tf.Tensor2D;
  const bin = selectBin(binMask(yc, k.ys, shape.bins), k, shape.bins);
  const delta = tf.div(bin.height, bin.width);
  const dy = tf.sub(yc, bin.y0);
  const slopeSum = tf.sub(tf.add(bin.d0, bin.d1), tf.mul(delta, 2));
  const a = tf.add(tf.mul(bin.height, tf.sub(delta, bin.d0)), tf.mul(dy, slopeSum));
  const b = tf.sub(tf.mul(bin.height, bin.d0), tf.mul(dy, slopeSum));
  const c = tf.neg(tf.mul(delta, dy));
  const discriminant = tf.relu(tf.sub(tf.square(b), tf.mul(tf.mul(a, c), 4)));
  const theta = tf.div(tf.mul(c, 2), tf.sub(tf.neg(b), tf.sqrt(discriminant)));
  const xSpline = tf.add(tf.mul(theta, bin.width), bin.x0);
  return tf.add(tf.mul(inside, xSpline), tf.mul(tf.sub(1, inside), y)) as tf.Tensor2D;
}
