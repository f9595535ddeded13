// Quantiles of one coordinate of a Gaussian mixture given others, in float64: the conditional is a mixture of
// 1-D normals, so its CDF is a weighted sum of Φ and is inverted by a safeguarded Newton iteration.
import { chunks } from '../batches.js';
import { conditionalMean, conditionalParts, givenLogWeights } from './conditional.js';
import type { Mixture } from './mixture.js';
import { normalInterval } from './normal.js';
import { float32Inside } from './truncated.js';

/** Components whose weight at a point is below e⁻³⁰ of the largest are left out (they cannot move the CDF). */
const NEGLIGIBLE_LOG_WEIGHT = 30;
/** Newton/bisection stops once the bracket or the step is this share of the support's width. */
const TOLERANCE = 1e-10;
const MAX_ITERATIONS = 200;

/**
 * The `quantile` (in [0, 1]) of coordinate `coordinate` of `m` given the coordinates `given` (data indices, not
 * `coordinate`; none: its marginal), for each of the `n` rows of `xb` (`n × given.length`, in the order of
 * `given`), within about 1e-10 of the support's width.
 *
 * Given `x_b`, coordinate j is the mixture of `N(μ_kj|b, Σ_kjj|b)` (the Schur complement) weighted by
 * `w_k N(x_b; μ_kb, Σ_kbb)`, truncated here to `[lower, upper]`. The truncation of the other free coordinates
 * to their support is ignored: each component's weight and density would carry the probability that they fall
 * inside it given `x_b` and `x_j`, which is within about 1e-4 of 1 wherever the mixture has mass (on the quiz
 * data a fitted mixture puts about 5e-5 of its mass outside the support), so the CDF moves by less than that.
 * With every other coordinate given the result is exact.
 *
 * @throws {RangeError} for a row whose given values have zero density, or whose conditional puts no mass
 * inside `[lower, upper]`.
 *
 * @example
 * ```ts
 * import type { Mixture } from './mixture.js';
 * const unit: Mixture = { dim: 2, components: 1, weights: Float64Array.of(1), means: Float64Array.of(0.5, 0.5),
 *   cholesky: Float64Array.of(0.1, 0, 0.05, 0.05) };
 * // x given y = 0.6 is N(0.6, 0.005) on [0, 1]: its median is 0.6 (to 1e-9; the cut tails are 6 sd away).
 * const medianX = coordinateQuantiles(unit, [1], Float64Array.of(0.6), 1, 0, 0, 1, 0.5);
 * ```
 */
export function coordinateQuantiles(
  m: Mixture,
  given: readonly number[],
  xb: Float64Array,
  n: number,
  coordinate: number,
  lower: number,
  upper: number,
  quantile: number,
): Float64Array {
  const parts = conditionalParts(m, given);
  const a = parts.free.indexOf(coordinate);
  if (a < 0) throw new RangeError(`coordinate ${coordinate} is given; its quantile is its given value`);
  const k = m.components;
  const na = parts.free.length;
  // The conditional variance of coordinate j does not depend on x_b: row a of Σ_a|b's Cholesky factor.
  const sds = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s2 = 0;
    for (let s = 0; s <= a; s++) s2 += (parts.freeCholesky[c * na * na + a * na + s] as number) ** 2;
    sds[c] = Math.sqrt(s2);
  }
  const logWeights = givenLogWeights(parts, xb, n);
  const means = new Float64Array(k);
  const freeMean = new Float64Array(na);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      conditionalMean(parts, c, xb, i * given.length, freeMean);
      means[c] = freeMean[a] as number;
    }
    const row = logWeights.subarray(i * k, (i + 1) * k);
    out[i] = normalMixtureQuantile(row, means, sds, lower, upper, quantile, `point ${i}`);
  }
  return out;
}

/**
 * The `quantile` of the next coordinate of `m` given `columns` (`count` given values per data index), each
 * coordinate truncated to `[0, upper_j]`. A mixture conditions on any subset, so "next" is the lowest-index
 * coordinate not given (given x and y of 5-D points: r). Batched, so that any count fits in memory.
 *
 * @throws {RangeError} when every coordinate is given, or as {@link coordinateQuantiles}.
 *
 * @example
 * ```ts
 * import type { Mixture } from './mixture.js';
 * declare const m: Mixture; // 5-D
 * const columns = new Map([[0, Float32Array.of(0.3, 0.8)], [1, Float32Array.of(0.5, 0.5)]]);
 * const { coordinate, values } = nextCoordinateQuantiles(m, columns, 2, [1, 1, 1, 1, 1], 0.5); // coordinate 2
 * ```
 */
export function nextCoordinateQuantiles(
  m: Mixture,
  columns: ReadonlyMap<number, Float32Array>,
  count: number,
  upper: readonly number[],
  quantile: number,
): { coordinate: number; values: Float32Array } {
  const given = [...columns.keys()].sort((a, b) => a - b);
  const coordinate = upper.findIndex((_, j) => !columns.has(j));
  if (coordinate < 0)
    throw new RangeError('options.given: every coordinate is given; none is left to estimate');
  const hi = upper[coordinate] as number;
  const values = new Float32Array(count);
  for (const [start, n] of chunks(count)) {
    const xb = new Float64Array(n * given.length);
    for (const [b, j] of given.entries()) {
      const column = columns.get(j) as Float32Array;
      for (let i = 0; i < n; i++) xb[i * given.length + b] = column[start + i] as number;
    }
    const q = coordinateQuantiles(m, given, xb, n, coordinate, 0, hi, quantile);
    values.set(float32Inside(q, [hi]), start);
  }
  return { coordinate, values };
}

/**
 * The `quantile` of the mixture of `N(means[c], sds[c]²)` with weights `exp(logWeights[c])` (any scale)
 * truncated to `[lower, upper]`: `lower` for 0, `upper` for 1, else the root of `CDF(v) = quantile`, by
 * Newton steps kept inside a bisection bracket.
 *
 * @throws {RangeError} when every weight is zero, or the mixture puts no mass inside `[lower, upper]`.
 *
 * @example
 * ```ts
 * const median = normalMixtureQuantile(Float64Array.of(0, 0), Float64Array.of(0.3, 0.7),
 *   Float64Array.of(0.1, 0.1), 0, 1, 0.5); // 0.5, by symmetry
 * ```
 */
export function normalMixtureQuantile(
  logWeights: ArrayLike<number>,
  means: ArrayLike<number>,
  sds: ArrayLike<number>,
  lower: number,
  upper: number,
  quantile: number,
  what = 'the mixture',
): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < logWeights.length; c++) max = Math.max(max, logWeights[c] as number);
  if (max === Number.NEGATIVE_INFINITY) throw new RangeError(`given values of ${what} have zero density`);
  const weights: number[] = [];
  const mu: number[] = [];
  const sd: number[] = [];
  const lowerZ: number[] = [];
  let mass = 0;
  for (let c = 0; c < logWeights.length; c++) {
    if ((logWeights[c] as number) < max - NEGLIGIBLE_LOG_WEIGHT) continue;
    const s = sds[c] as number;
    const z = (lower - (means[c] as number)) / s;
    const w = Math.exp((logWeights[c] as number) - max);
    weights.push(w);
    mu.push(means[c] as number);
    sd.push(s);
    lowerZ.push(z);
    mass += w * normalInterval(z, (upper - (means[c] as number)) / s);
  }
  if (!(mass > 0)) {
    throw new RangeError(
      `GaussianMixture: the conditional of ${what} puts no mass inside [${lower}, ${upper}]`,
    );
  }
  if (quantile <= 0) return lower;
  if (quantile >= 1) return upper;
  // f(v) = CDF(v) − quantile rises from −quantile at `lower` to 1 − quantile at `upper`; f′ is the density.
  const evaluate = (v: number): [number, number] => {
    let cdf = 0;
    let density = 0;
    for (let c = 0; c < weights.length; c++) {
      const t = (v - (mu[c] as number)) / (sd[c] as number);
      const w = weights[c] as number;
      cdf += w * normalInterval(lowerZ[c] as number, t);
      density += (w * Math.exp(-0.5 * t * t)) / (sd[c] as number);
    }
    return [cdf / mass - quantile, density / (mass * Math.sqrt(2 * Math.PI))];
  };
  const tolerance = TOLERANCE * (upper - lower);
  let lo = lower;
  let hi = upper;
  let v = 0.5 * (lo + hi);
  let lastStep = hi - lo;
  for (let step = 0; step < MAX_ITERATIONS && hi - lo > tolerance; step++) {
    const [f, slope] = evaluate(v);
    if (f === 0) return v;
    if (f < 0) lo = v;
    else hi = v;
    const newton = v - f / slope;
    // Bisect instead when Newton would leave the bracket or shrinks too slowly (a flat stretch between modes).
    const next =
      newton > lo && newton < hi && Math.abs(newton - v) < 0.5 * lastStep ? newton : 0.5 * (lo + hi);
    lastStep = Math.abs(next - v);
    if (lastStep < tolerance) return next;
    v = next;
  }
  return 0.5 * (lo + hi);
}
