import * as tf from '@tensorflow/tfjs-core';
import { sumColumns } from '../../tf/columns.js';
import { clipPassingGradient, constantProduct, piecewiseConstant } from '../../tf/constant-ops.js';
import { onHostBackend } from '../../tf/host.js';
import { DERIVATIVE_SHIFT, MIN_BIN, MIN_DERIVATIVE, rationalQuadratic } from './spline-core.js';
import { hostSplineForward } from './spline-host.js';

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

/** Per-bin quantities, in the column order of {@link SplineTables.pick}. */
const QUANTITIES = ['x0', 'width', 'y0', 'height', 'd0', 'd1'] as const;

/** Parameters a network emits per transformed coordinate: bin widths, bin heights, inner knot slopes. */
export function splineParamCount(shape: SplineShape): number {
  return 3 * shape.bins - 1;
}

/**
 * Constant matrices that do all of the spline's bookkeeping (splitting the parameters, cumulative knot
 * positions, one-hot bin selection, gathering the bin's values) as matrix products. A product is one fast
 * kernel with a cheap gradient on every backend, where split, concat, cumsum, pad, tile and small-axis sums
 * are several slow ones on wasm (they dominated the step time before).
 */
export interface SplineTables {
  /** `[3K − 1, K]` each: the raw parameters → widths, heights; `[3K − 1, K − 1]`: → inner slopes. */
  readonly widths: tf.Tensor2D;
  readonly heights: tf.Tensor2D;
  readonly slopes: tf.Tensor2D;
  /** `[K, K − 1]` and `[K − 1]`: softmax → the inner knots, the edges between bins. */
  readonly edges: tf.Tensor2D;
  readonly edgeOffset: tf.Tensor1D;
  /** `[K − 1, 6K]` and `[6K]`: "above each inner edge" → the one-hot bin, repeated for the six quantities. */
  readonly oneHot: tf.Tensor2D;
  readonly oneHotOffset: tf.Tensor1D;
  /**
   * `[K, 6K]` from the width softmax, from the height softmax, `[K − 1, 6K]` from the inner slopes, and the
   * constant part `[6K]`: every bin's [x₀, width, y₀, height, slope₀, slope₁] (knot positions are cumulative
   * sums of the softmax, so a knot is a linear function of it).
   */
  readonly fromWidths: tf.Tensor2D;
  readonly fromHeights: tf.Tensor2D;
  readonly fromSlopes: tf.Tensor2D;
  readonly perBinOffset: tf.Tensor1D;
  /** `[6K, 1]` each: sums one quantity's block of the masked values, giving that quantity for the bin. */
  readonly pick: readonly tf.Tensor2D[];
}

type Fill = (set: (r: number, c: number, v: number) => void) => void;

function values(rows: number, cols: number, fill: Fill): Float64Array {
  const data = new Float64Array(rows * cols);
  fill((r, c, v) => {
    data[r * cols + c] = v;
  });
  return data;
}

function matrix(rows: number, cols: number, fill: Fill): tf.Tensor2D {
  return tf.keep(tf.tensor2d(Float32Array.from(values(rows, cols, fill)), [rows, cols]));
}

/** `a · b` for row-major float64 matrices (`[r, m] · [m, c]`), to fold constant matrices together. */
function times(a: Float64Array, b: Float64Array, r: number, m: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < m; k++) {
      const v = a[i * m + k] as number;
      if (v !== 0)
        for (let j = 0; j < c; j++)
          out[i * c + j] = (out[i * c + j] as number) + v * (b[k * c + j] as number);
    }
  }
  return out;
}

function vector(values: number[]): tf.Tensor1D {
  return tf.keep(tf.tensor1d(values));
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
  const p = 3 * k - 1;
  const span = 2 * shape.bound;
  const scale = (1 - MIN_BIN * k) * span;
  const position = (j: number) => MIN_BIN * j * span - shape.bound;
  const q = QUANTITIES.length;
  // Column of quantity `name` for bin b in the 6K-wide layout.
  const col = (name: (typeof QUANTITIES)[number], b: number) => QUANTITIES.indexOf(name) * k + b;
  // Knot positions from a softmax: knot j = offset_j + scale · Σ_{i<j} softmax_i.
  const knots = values(k, k + 1, (set) => {
    for (let j = 0; j <= k; j++) for (let i = 0; i < j; i++) set(i, j, scale);
  });
  const knotOffset = Float64Array.from({ length: k + 1 }, (_, j) => position(j));
  // Per-bin values from the x knots and from the y knots.
  const fromX = values(k + 1, q * k, (set) => {
    for (let b = 0; b < k; b++) {
      set(b, col('x0', b), 1);
      set(b + 1, col('width', b), 1);
      set(b, col('width', b), -1);
    }
  });
  const fromY = values(k + 1, q * k, (set) => {
    for (let b = 0; b < k; b++) {
      set(b, col('y0', b), 1);
      set(b + 1, col('height', b), 1);
      set(b, col('height', b), -1);
    }
  });
  const offsetX = times(knotOffset, fromX, 1, k + 1, q * k);
  const offsetY = times(knotOffset, fromY, 1, k + 1, q * k);
  return {
    widths: matrix(p, k, (set) => {
      for (let b = 0; b < k; b++) set(b, b, 1);
    }),
    heights: matrix(p, k, (set) => {
      for (let b = 0; b < k; b++) set(k + b, b, 1);
    }),
    slopes: matrix(p, k - 1, (set) => {
      for (let b = 0; b < k - 1; b++) set(2 * k + b, b, 1);
    }),
    edges: matrix(k, k - 1, (set) => {
      for (let j = 1; j < k; j++) for (let i = 0; i < j; i++) set(i, j - 1, scale);
    }),
    edgeOffset: vector(Array.from({ length: k - 1 }, (_, j) => position(j + 1))),
    // Bin b is selected when the value is above edge b − 1 (always, for b = 0) and not above edge b.
    oneHot: matrix(k - 1, q * k, (set) => {
      for (let e = 0; e < k - 1; e++) {
        for (let r = 0; r < q; r++) {
          set(e, r * k + e, -1);
          set(e, r * k + e + 1, 1);
        }
      }
    }),
    oneHotOffset: vector(Array.from({ length: q * k }, (_, c) => (c % k === 0 ? 1 : 0))),
    fromWidths: tf.keep(tf.tensor2d(Float32Array.from(times(knots, fromX, k, k + 1, q * k)), [k, q * k])),
    fromHeights: tf.keep(tf.tensor2d(Float32Array.from(times(knots, fromY, k, k + 1, q * k)), [k, q * k])),
    // Inner slope i is the slope at knot i + 1: the right slope of bin i and the left slope of bin i + 1.
    fromSlopes: matrix(k - 1, q * k, (set) => {
      for (let i = 0; i < k - 1; i++) {
        set(i, col('d1', i), 1);
        set(i, col('d0', i + 1), 1);
      }
    }),
    perBinOffset: vector(
      Array.from(
        { length: q * k },
        (_, c) =>
          (offsetX[c] as number) +
          (offsetY[c] as number) +
          (c === col('d0', 0) || c === col('d1', k - 1) ? 1 : 0),
      ),
    ),
    pick: QUANTITIES.map((name) =>
      matrix(q * k, 1, (set) => {
        for (let b = 0; b < k; b++) set(col(name, b), 0, 1);
      }),
    ),
  };
}

/** Frees the tensors of {@link splineTables}. */
export function disposeSplineTables(tables: SplineTables): void {
  for (const t of Object.values(tables)) {
    if (Array.isArray(t)) for (const u of t) u.dispose();
    else (t as tf.Tensor).dispose();
  }
}

type Bin = Record<(typeof QUANTITIES)[number], tf.Tensor2D>;

/**
 * The bin of each value `v` (`[m, 1]`, one row per transformed coordinate of each point) with its knots and
 * slopes, from the network's raw parameters (`[m, 3K − 1]`). `byOutput` looks the bin up among the y knots
 * (for the inverse).
 */
function selectBin(v: tf.Tensor2D, raw: tf.Tensor2D, spline: Spline, byOutput: boolean): Bin {
  const t = spline.tables;
  const wx = tf.softmax(constantProduct(raw, t.widths)) as tf.Tensor2D;
  const wy = tf.softmax(constantProduct(raw, t.heights)) as tf.Tensor2D;
  const inner = tf.add(
    tf.softplus(tf.add(constantProduct(raw, t.slopes), DERIVATIVE_SHIFT)),
    MIN_DERIVATIVE,
  ) as tf.Tensor2D;
  const oneHot = piecewiseConstant(
    (value, knots) => {
      const edges = tf.add(tf.matMul(knots as tf.Tensor2D, t.edges), t.edgeOffset);
      return tf.add(tf.matMul(tf.step(tf.sub(value as tf.Tensor2D, edges)), t.oneHot), t.oneHotOffset);
    },
    v,
    byOutput ? wy : wx,
  );
  const perBin = tf.add(
    tf.add(
      tf.add(constantProduct(wx, t.fromWidths), constantProduct(wy, t.fromHeights)),
      constantProduct(inner, t.fromSlopes),
    ),
    t.perBinOffset,
  );
  const masked = tf.mul(perBin, oneHot) as tf.Tensor2D;
  return Object.fromEntries(
    QUANTITIES.map((name, i) => [name, constantProduct(masked, t.pick[i] as tf.Tensor2D)]),
  ) as Bin;
}

/** `x` `[n, d]` and `params` `[n, d·(3K − 1)]` as one row per transformed coordinate. */
function rows(x: tf.Tensor2D, params: tf.Tensor2D, shape: SplineShape): { v: tf.Tensor2D; raw: tf.Tensor2D } {
  return {
    v: tf.reshape(x, [-1, 1]),
    raw: tf.reshape(params, [-1, splineParamCount(shape)]),
  };
}

/**
 * Monotone rational-quadratic spline (Durkan et al., 2019, "Neural Spline Flows"), elementwise on `x`
 * (`[n, d]`) with `params` (`[n, d · (3K − 1)]`) from the coupling network; the identity outside
 * `[-bound, bound]`. Returns the output and the per-point log-determinant. On cpu and wasm it is computed on
 * the host, elsewhere by tensor kernels ({@link tensorSplineForward}); the two agree to float rounding.
 *
 * @example
 * ```ts
 * const { y, logDet } = splineForward(x, params, spline);
 * ```
 */
export function splineForward(
  x: tf.Tensor2D,
  params: tf.Tensor2D,
  spline: Spline,
): { y: tf.Tensor2D; logDet: tf.Tensor1D } {
  return onHostBackend() ? hostSplineForward(x, params, spline) : tensorSplineForward(x, params, spline);
}

/**
 * {@link splineForward} by tensor kernels, on any backend.
 *
 * @example
 * ```ts
 * const { y, logDet } = tensorSplineForward(x, params, spline);
 * ```
 */
export function tensorSplineForward(
  x: tf.Tensor2D,
  params: tf.Tensor2D,
  spline: Spline,
): { y: tf.Tensor2D; logDet: tf.Tensor1D } {
  const [n, d] = x.shape;
  const { v, raw } = rows(x, params, spline);
  const inside = piecewiseConstant((x) => tf.step(tf.sub(spline.bound, tf.abs(x))), v);
  const vc = clipPassingGradient(v, spline.bound);
  const bin = selectBin(vc, raw, spline, false);
  const { y: ySpline, logSlope } = rationalQuadratic({ ...bin, v: vc });
  const y = tf.add(v, tf.mul(inside, tf.sub(ySpline, v)));
  return {
    y: tf.reshape(y, [n, d]),
    logDet: sumColumns(tf.reshape(tf.mul(inside, logSlope), [n, d])),
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
export function splineInverse(y: tf.Tensor2D, params: tf.Tensor2D, spline: Spline): tf.Tensor2D {
  const [n, d] = y.shape;
  const { v, raw } = rows(y, params, spline);
  const inside = tf.step(tf.sub(spline.bound, tf.abs(v)));
  const vc = tf.clipByValue(v, -spline.bound, spline.bound) as tf.Tensor2D;
  const bin = selectBin(vc, raw, spline, true);
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
