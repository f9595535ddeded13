import type { Rng } from '../../data/rng.js';
import { boxProbability } from './box-probability.js';
import { cholesky, choleskySolve, logSumExp, lowerTimesTranspose, submatrix } from './linalg.js';
import { componentLogDensities, cumulativeWeights, drawIndex, type Mixture } from './mixture.js';
import { MAX_TRIES_PER_POINT } from './truncated.js';

/**
 * A mixture split into given coordinates `b` and free ones `a`, per component: the marginal of `b` (a mixture
 * itself), the gain `Σ_ab Σ_bb⁻¹` and the Cholesky factor of `Σ_a|b = Σ_aa − Σ_ab Σ_bb⁻¹ Σ_ba`, so that
 * `x_a | x_b` is the mixture of `N(μ_a + gain (x_b − μ_b), Σ_a|b)` weighted by `w_k N(x_b; μ_b, Σ_bb)`.
 */
export interface ConditionalParts {
  readonly given: readonly number[];
  readonly free: readonly number[];
  readonly marginal: Mixture;
  /** `k × |a| × |b|`. */
  readonly gain: Float64Array;
  /** `k × |a|`. */
  readonly freeMeans: Float64Array;
  /** `k × |a| × |a|`. */
  readonly freeCholesky: Float64Array;
  /** The box of the support over the free coordinates (the conditional is truncated to it). */
  readonly freeLower: readonly number[];
  readonly freeUpper: readonly number[];
}

/**
 * The closed-form split of `m` for the coordinates `given` (any proper subset, ascending; none: the marginal is
 * the weights alone and the free part the mixture itself), for the mixture truncated to the box
 * `[lower, upper]` (default: not truncated).
 *
 * @example
 * ```ts
 * import type { Mixture } from './mixture.js';
 * declare const m: Mixture;
 * const colourGivenPosition = conditionalParts(m, [0, 1]);
 * ```
 */
export function conditionalParts(
  m: Mixture,
  given: readonly number[],
  lower: readonly number[] = new Array(m.dim).fill(Number.NEGATIVE_INFINITY),
  upper: readonly number[] = new Array(m.dim).fill(Number.POSITIVE_INFINITY),
): ConditionalParts {
  const d = m.dim;
  const free = Array.from({ length: d }, (_, j) => j).filter((j) => !given.includes(j));
  const nb = given.length;
  const na = free.length;
  const k = m.components;
  const margChol = new Float64Array(k * nb * nb);
  const margMeans = new Float64Array(k * nb);
  const gain = new Float64Array(k * na * nb);
  const freeMeans = new Float64Array(k * na);
  const freeChol = new Float64Array(k * na * na);
  for (let c = 0; c < k; c++) {
    const cov = lowerTimesTranspose(m.cholesky, d, c * d * d);
    const sbb = submatrix(cov, d, given, given);
    const sba = submatrix(cov, d, given, free);
    const saa = submatrix(cov, d, free, free);
    const lbb = new Float64Array(nb * nb);
    cholesky(sbb, nb, lbb);
    margChol.set(lbb, c * nb * nb);
    given.forEach((j, i) => {
      margMeans[c * nb + i] = m.means[c * d + j] as number;
    });
    free.forEach((j, i) => {
      freeMeans[c * na + i] = m.means[c * d + j] as number;
    });
    const x = choleskySolve(lbb, nb, sba, na); // Σ_bb⁻¹ Σ_ba, |b| × |a|
    for (let i = 0; i < na; i++)
      for (let j = 0; j < nb; j++) gain[c * na * nb + i * nb + j] = x[j * na + i] as number;
    const cond = new Float64Array(na * na);
    for (let i = 0; i < na; i++) {
      for (let j = 0; j < na; j++) {
        let s = saa[i * na + j] as number;
        for (let t = 0; t < nb; t++) s -= (sba[t * na + i] as number) * (x[t * na + j] as number);
        cond[i * na + j] = s;
      }
    }
    const lc = new Float64Array(na * na);
    if (!cholesky(cond, na, lc))
      throw new RangeError('GaussianMixture: a conditional covariance is not positive definite');
    freeChol.set(lc, c * na * na);
  }
  return {
    given,
    free,
    marginal: { dim: nb, components: k, weights: m.weights, means: margMeans, cholesky: margChol },
    gain,
    freeMeans,
    freeCholesky: freeChol,
    freeLower: free.map((j) => lower[j] as number),
    freeUpper: free.map((j) => upper[j] as number),
  };
}

/**
 * Component `c`'s conditional mean of the free coordinates given `xb[xbOffset…]` (one point's given values),
 * into `out`.
 *
 * @example
 * ```ts
 * declare const parts: ConditionalParts;
 * const mean = new Float64Array(parts.free.length);
 * conditionalMean(parts, 0, Float64Array.of(0.3, 0.5), 0, mean);
 * ```
 */
export function conditionalMean(
  p: ConditionalParts,
  c: number,
  xb: ArrayLike<number>,
  xbOffset: number,
  out: Float64Array,
): void {
  const na = p.free.length;
  const nb = p.given.length;
  for (let i = 0; i < na; i++) {
    let v = p.freeMeans[c * na + i] as number;
    for (let j = 0; j < nb; j++) {
      const diff = (xb[xbOffset + j] as number) - (p.marginal.means[c * nb + j] as number);
      v += (p.gain[c * na * nb + i * nb + j] as number) * diff;
    }
    out[i] = v;
  }
}

/**
 * `log w_k N(x_b; μ_kb, Σ_kbb)` per row of `xb` and component (`n × k`): each component's weight given x_b.
 *
 * @example
 * ```ts
 * declare const parts: ConditionalParts;
 * const logWeights = givenLogWeights(parts, Float64Array.of(0.3, 0.5, 0.7, 0.2), 2); // 2 × k
 * ```
 */
export function givenLogWeights(p: ConditionalParts, xb: Float64Array, n: number): Float64Array {
  const terms = new Float64Array(n * p.marginal.components);
  componentLogDensities(p.marginal, xb, n, terms);
  return terms;
}

/** The rows of `xb` (`n × |b|` given values) and each component's log weight given them (`terms`, `n × k`). */
function givenRows(p: ConditionalParts, xb: Float64Array): { n: number; k: number; terms: Float64Array } {
  const n = xb.length / p.given.length;
  return { n, k: p.marginal.components, terms: givenLogWeights(p, xb, n) };
}

/**
 * `log Σ_k w_k N(x_b; μ_kb, Σ_kbb) P_k(x_a in its box | x_b)` for each of the `n` rows of `xb` (`n × |b|`):
 * the un-normalised log marginal density of the given coordinates under the truncated mixture. Components
 * whose weight at a point is below e⁻³⁰ of the largest are left out (they cannot move the sum).
 */
export function conditionalLogMass(p: ConditionalParts, xb: Float64Array): Float64Array {
  const { n, k, terms } = givenRows(p, xb);
  const na = p.free.length;
  const out = new Float64Array(n);
  const mean = new Float64Array(na);
  for (let i = 0; i < n; i++) {
    const row = terms.subarray(i * k, (i + 1) * k);
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) max = Math.max(max, row[c] as number);
    for (let c = 0; c < k; c++) {
      if ((row[c] as number) < max - 30) {
        row[c] = Number.NEGATIVE_INFINITY;
        continue;
      }
      conditionalMean(p, c, xb, i * p.given.length, mean);
      const inside = boxProbability(mean, p.freeCholesky, na, p.freeLower, p.freeUpper, 256, c * na * na);
      row[c] = (row[c] as number) + Math.log(inside);
    }
    out[i] = logSumExp(row);
  }
  return out;
}

/**
 * One exact draw of the free coordinates per row of `xb` from the mixture truncated to the box, by rejection
 * from the untruncated conditional (row-major `n × |a|`).
 *
 * @throws {RangeError} when a row's conditional puts almost no mass inside the box.
 */
export function sampleConditional(p: ConditionalParts, xb: Float64Array, rng: Rng): Float64Array {
  const { n, k, terms } = givenRows(p, xb);
  const na = p.free.length;
  const out = new Float64Array(n * na);
  const mean = new Float64Array(na);
  const eps = new Float64Array(na);
  const draw = new Float64Array(na);
  const posterior = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const row = terms.subarray(i * k, (i + 1) * k);
    const lse = logSumExp(row);
    if (lse === Number.NEGATIVE_INFINITY)
      throw new RangeError(`given values of point ${i} have zero density`);
    for (let c = 0; c < k; c++) posterior[c] = Math.exp((row[c] as number) - lse);
    const cumulative = cumulativeWeights(posterior);
    let accepted = false;
    for (let t = 0; t < MAX_TRIES_PER_POINT && !accepted; t++) {
      const c = drawIndex(cumulative, rng.uniform());
      conditionalMean(p, c, xb, i * p.given.length, mean);
      rng.fillNormal(eps);
      accepted = true;
      for (let r = 0; r < na; r++) {
        let v = mean[r] as number;
        for (let s = 0; s <= r; s++)
          v += (p.freeCholesky[c * na * na + r * na + s] as number) * (eps[s] as number);
        draw[r] = v;
        if (!(v >= (p.freeLower[r] as number) && v <= (p.freeUpper[r] as number))) accepted = false;
      }
    }
    if (!accepted) {
      throw new RangeError(
        `GaussianMixture: the conditional at given point ${i} puts almost no mass inside the support`,
      );
    }
    out.set(draw, i * na);
  }
  return out;
}
