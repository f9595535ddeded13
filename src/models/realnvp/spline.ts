import * as tf from '@tensorflow/tfjs-core';

/** Shape of a rational-quadratic spline: `bins` pieces on `[-bound, bound]`, the identity outside. */
export interface SplineShape {
  readonly bins: number;
  readonly bound: number;
}

/**
 * A spline shape with its constant matrices (see {@link splineTables}); the owner disposes them with
 * {@link disposeSplineTables}.
 */
export interface Spline extends SplineShape {
  readonly tables: SplineTables;
}

const MIN_BIN = 1e-3;
const MIN_DERIVATIVE = 1e-3;
/** Shifts the raw derivatives so that zero parameters give slope 1: a zero network is the identity. */
const DERIVATIVE_SHIFT = Math.log(Math.expm1(1 - MIN_DERIVATIVE));

/** Parameters a network emits per transformed coordinate: bin widths, bin heights, inner knot slopes. */
export function splineParamCount(shape: SplineShape): number {
  return 3 * shape.bins - 1;
}

/**
 * Constant matrices that turn the spline's softmax outputs into knots and pick one bin's values with matrix
 * products: one product is a single fast kernel, where cumsum, concat and slicing are several slow ones on the
 * wasm backend.
 */
export interface SplineTables {
  /** `[bins, bins + 1]`: softmax → knot positions (cumulative widths with the minimum bin, scaled to the range). */
  readonly knots: tf.Tensor2D;
  /** `[bins + 1]`: the constant part of the knot positions. */
  readonly offset: tf.Tensor1D;
  /** `[3 (bins + 1), 6 bins]`: [x knots, y knots, slopes] → per bin [x₀, width, y₀, height, slope₀, slope₁]. */
  readonly bin: tf.Tensor2D;
}

/**
 * The constant matrices of a spline shape, kept out of any `tf.tidy` scope.
 *
 * @example
 * ```ts
 * const spline = { bins: 8, bound: 4, tables: splineTables({ bins: 8, bound: 4 }) };
 * // … splineForward(x, params, spline) …
 * disposeSplineTables(spline.tables);
 * ```
 */
export function splineTables(shape: SplineShape): SplineTables {
  const k = shape.bins;
  const span = 2 * shape.bound;
  const knots = new Float32Array(k * (k + 1));
  const offset = new Float32Array(k + 1);
  for (let j = 0; j <= k; j++) {
    for (let i = 0; i < j; i++) knots[i * (k + 1) + j] = (1 - MIN_BIN * k) * span;
    offset[j] = MIN_BIN * j * span - shape.bound;
  }
  const cols = 6 * k;
  const bin = new Float32Array(3 * (k + 1) * cols);
  const set = (row: number, col: number, v: number) => {
    bin[row * cols + col] = v;
  };
  for (let b = 0; b < k; b++) {
    set(b, b, 1); // x₀
    set(b + 1, k + b, 1); // width = x₁ − x₀
    set(b, k + b, -1);
    set(k + 1 + b, 2 * k + b, 1); // y₀
    set(k + 1 + b + 1, 3 * k + b, 1); // height
    set(k + 1 + b, 3 * k + b, -1);
    set(2 * (k + 1) + b, 4 * k + b, 1); // slope₀
    set(2 * (k + 1) + b + 1, 5 * k + b, 1); // slope₁
  }
  return {
    knots: tf.keep(tf.tensor2d(knots, [k, k + 1])),
    offset: tf.keep(tf.tensor1d(offset)),
    bin: tf.keep(tf.tensor2d(bin, [3 * (k + 1), cols])),
  };
}

/** Frees the tensors of {@link splineTables}. */
export function disposeSplineTables(tables: SplineTables): void {
  tables.knots.dispose();
  tables.offset.dispose();
  tables.bin.dispose();
}

interface Bin {
  readonly x0: tf.Tensor2D;
  readonly width: tf.Tensor2D;
  readonly y0: tf.Tensor2D;
  readonly height: tf.Tensor2D;
  readonly d0: tf.Tensor2D;
  readonly d1: tf.Tensor2D;
}

/**
 * The bin of each value `v` (`[m, 1]`, one row per transformed coordinate of each point) and that bin's knots
 * and slopes, from the network's raw parameters (`[m, 3·bins − 1]`). `byOutput` finds the bin among the y knots
 * (for the inverse).
 */
function selectBin(v: tf.Tensor2D, raw: tf.Tensor2D, shape: Spline, byOutput: boolean): Bin {
  const k = shape.bins;
  const m = shape.tables;
  const [w, h, s] = tf.split(raw, [k, k, k - 1], 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const xs = tf.add(tf.matMul(tf.softmax(w), m.knots), m.offset) as tf.Tensor2D;
  const ys = tf.add(tf.matMul(tf.softmax(h), m.knots), m.offset) as tf.Tensor2D;
  const inner = tf.add(tf.softplus(tf.add(s, DERIVATIVE_SHIFT)), MIN_DERIVATIVE);
  const slopes = tf.pad(
    inner,
    [
      [0, 0],
      [1, 1],
    ],
    1,
  );
  // One-hot bin: 1 where v lies above the bin's left knot and not above its right one.
  const edges = tf.slice(byOutput ? ys : xs, [0, 1], [-1, k - 1]);
  const above = tf.step(tf.sub(v, edges));
  const mask = tf.sub(
    tf.pad(
      above,
      [
        [0, 0],
        [1, 0],
      ],
      1,
    ),
    tf.pad(above, [
      [0, 0],
      [0, 1],
    ]),
  );
  const perBin = tf.reshape(tf.matMul(tf.concat([xs, ys, slopes], 1), m.bin), [-1, 6, k]);
  const picked = tf.sum(tf.mul(perBin, tf.expandDims(mask, 1)), 2);
  const [x0, width, y0, height, d0, d1] = tf.split(picked, 6, 1) as tf.Tensor2D[];
  return {
    x0: x0 as tf.Tensor2D,
    width: width as tf.Tensor2D,
    y0: y0 as tf.Tensor2D,
    height: height as tf.Tensor2D,
    d0: d0 as tf.Tensor2D,
    d1: d1 as tf.Tensor2D,
  };
}

/** `x` `[n, d]` and `params` `[n, d·(3·bins − 1)]` as one row per transformed coordinate. */
function rows(x: tf.Tensor2D, params: tf.Tensor2D, shape: SplineShape): { v: tf.Tensor2D; raw: tf.Tensor2D } {
  return {
    v: tf.reshape(x, [-1, 1]),
    raw: tf.reshape(params, [-1, splineParamCount(shape)]),
  };
}

/**
 * Monotone rational-quadratic spline (Durkan et al., 2019, "Neural Spline Flows"), elementwise on `x`
 * (`[n, d]`) with `params` (`[n, d · (3·bins − 1)]`) from the coupling network; the identity outside
 * `[-bound, bound]`. Returns the output and the per-point log-determinant.
 *
 * @example
 * ```ts
 * const { y, logDet } = splineForward(x, params, spline);
 * ```
 */
export function splineForward(
  x: tf.Tensor2D,
  params: tf.Tensor2D,
  shape: Spline,
): { y: tf.Tensor2D; logDet: tf.Tensor1D } {
  const [n, d] = x.shape;
  const { v, raw } = rows(x, params, shape);
  const inside = tf.step(tf.sub(shape.bound, tf.abs(v)));
  const vc = tf.clipByValue(v, -shape.bound, shape.bound) as tf.Tensor2D;
  const bin = selectBin(vc, raw, shape, false);
  const delta = tf.div(bin.height, bin.width);
  const theta = tf.div(tf.sub(vc, bin.x0), bin.width);
  const oneMinus = tf.sub(1, theta);
  const t1mt = tf.mul(theta, oneMinus);
  const theta2 = tf.square(theta);
  const numerator = tf.mul(bin.height, tf.add(tf.mul(delta, theta2), tf.mul(bin.d0, t1mt)));
  const denominator = tf.add(delta, tf.mul(tf.sub(tf.add(bin.d0, bin.d1), tf.mul(delta, 2)), t1mt));
  const ySpline = tf.add(bin.y0, tf.div(numerator, denominator));
  const slope = tf.mul(
    tf.square(delta),
    tf.add(
      tf.add(tf.mul(bin.d1, theta2), tf.mul(tf.mul(delta, 2), t1mt)),
      tf.mul(bin.d0, tf.square(oneMinus)),
    ),
  );
  const logSlope = tf.sub(tf.log(slope), tf.mul(tf.log(denominator), 2));
  const y = tf.add(v, tf.mul(inside, tf.sub(ySpline, v)));
  return {
    y: tf.reshape(y, [n, d]),
    logDet: tf.sum(tf.reshape(tf.mul(inside, logSlope), [n, d]), 1) as tf.Tensor1D,
  };
}

/**
 * The inverse of {@link splineForward} (solving the quadratic in each bin).
 *
 * @example
 * ```ts
 * const x = splineInverse(y, params, spline);
 * ```
 */
export function splineInverse(y: tf.Tensor2D, params: tf.Tensor2D, shape: Spline): tf.Tensor2D {
  const [n, d] = y.shape;
  const { v, raw } = rows(y, params, shape);
  const inside = tf.step(tf.sub(shape.bound, tf.abs(v)));
  const vc = tf.clipByValue(v, -shape.bound, shape.bound) as tf.Tensor2D;
  const bin = selectBin(vc, raw, shape, true);
  const delta = tf.div(bin.height, bin.width);
  const dy = tf.sub(vc, bin.y0);
  const slopeSum = tf.sub(tf.add(bin.d0, bin.d1), tf.mul(delta, 2));
  const a = tf.add(tf.mul(bin.height, tf.sub(delta, bin.d0)), tf.mul(dy, slopeSum));
  const b = tf.sub(tf.mul(bin.height, bin.d0), tf.mul(dy, slopeSum));
  const c = tf.neg(tf.mul(delta, dy));
  const discriminant = tf.relu(tf.sub(tf.square(b), tf.mul(tf.mul(a, c), 4)));
  const theta = tf.div(tf.mul(c, 2), tf.sub(tf.neg(b), tf.sqrt(discriminant)));
  const xSpline = tf.add(tf.mul(theta, bin.width), bin.x0);
  return tf.reshape(tf.add(v, tf.mul(inside, tf.sub(xSpline, v))), [n, d]);
}
