import type { Rng } from '../../data/rng.js';
import { halfLogDet, logSumExp } from './linalg.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * A full-covariance Gaussian mixture in float64: `components` weights summing to 1, their means (`k × d`) and
 * the lower Cholesky factors of their covariances (`k × d × d`, positive diagonals).
 */
export interface Mixture {
  readonly dim: number;
  readonly components: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly cholesky: Float64Array;
}

/** `log w_k − (d/2) log 2π − log |L_k|` per component: the part of each log density that is not the distance. */
export function componentLogNorms(m: Mixture): Float64Array {
  const { dim: d } = m;
  const out = new Float64Array(m.components);
  for (let k = 0; k < m.components; k++) {
    out[k] = Math.log(m.weights[k] as number) - d * HALF_LOG_2PI - halfLogDet(m.cholesky, d, k * d * d);
  }
  return out;
}

/**
 * Log density of each component (weight included) at each of the `n` points `z` (row-major `n × d`), into
 * `out` (`n × k`).
 */
export function componentLogDensities(
  m: Mixture,
  z: Float64Array,
  n: number,
  out: Float64Array,
  norms = componentLogNorms(m),
): void {
  const { dim: d, components: k } = m;
  // L⁻¹ once per component turns each point's triangular solve into a product, without divisions.
  const inverse = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) invertLower(m.cholesky, d, c * d * d, inverse);
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const base = c * d * d;
      for (let j = 0; j < d; j++) diff[j] = (z[i * d + j] as number) - (m.means[c * d + j] as number);
      let q = 0;
      for (let r = 0; r < d; r++) {
        let y = 0;
        for (let s = 0; s <= r; s++) y += (inverse[base + r * d + s] as number) * (diff[s] as number);
        q += y * y;
      }
      out[i * k + c] = (norms[c] as number) - 0.5 * q;
    }
  }
}

/** The inverse of the lower triangular `l[offset…]` into `out[offset…]` (lower triangular too). */
function invertLower(l: Float64Array, d: number, offset: number, out: Float64Array): void {
  for (let col = 0; col < d; col++) {
    for (let r = 0; r < d; r++) {
      if (r < col) {
        out[offset + r * d + col] = 0;
        continue;
      }
      let s = r === col ? 1 : 0;
      for (let t = col; t < r; t++)
        s -= (l[offset + r * d + t] as number) * (out[offset + t * d + col] as number);
      out[offset + r * d + col] = s / (l[offset + r * d + r] as number);
    }
  }
}

/** The mixture's log density at each of the `n` points `z` (row-major `n × d`). */
export function mixtureLogDensity(m: Mixture, z: Float64Array, n: number): Float64Array {
  const k = m.components;
  const norms = componentLogNorms(m);
  const out = new Float64Array(n);
  const block = 1024;
  const terms = new Float64Array(block * k);
  for (let start = 0; start < n; start += block) {
    const rows = Math.min(block, n - start);
    componentLogDensities(m, z.subarray(start * m.dim, (start + rows) * m.dim), rows, terms, norms);
    for (let i = 0; i < rows; i++) out[start + i] = logSumExp(terms.subarray(i * k, (i + 1) * k));
  }
  return out;
}

/** Index `c` drawn with probability `weights[c]` (which sum to 1) from one uniform number. */
export function drawIndex(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < (cumulative[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Running sums of `weights`, the last set to exactly 1 so that every uniform draw falls in some component. */
export function cumulativeWeights(weights: ArrayLike<number>, n = weights.length): Float64Array {
  const out = new Float64Array(n);
  let s = 0;
  for (let c = 0; c < n; c++) {
    s += weights[c] as number;
    out[c] = s;
  }
  for (let c = 0; c < n; c++) out[c] = (out[c] as number) / s;
  out[n - 1] = 1;
  return out;
}

/** `count` draws from the mixture (row-major `count × d`). */
export function sampleMixture(m: Mixture, count: number, rng: Rng): Float64Array {
  const { dim: d } = m;
  const cumulative = cumulativeWeights(m.weights);
  const out = new Float64Array(count * d);
  const eps = new Float64Array(d);
  for (let i = 0; i < count; i++) {
    const c = drawIndex(cumulative, rng.uniform());
    rng.fillNormal(eps);
    const l = c * d * d;
    for (let r = 0; r < d; r++) {
      let v = m.means[c * d + r] as number;
      for (let s = 0; s <= r; s++) v += (m.cholesky[l + r * d + s] as number) * (eps[s] as number);
      out[i * d + r] = v;
    }
  }
  return out;
}

/** The equal-weight mixture of `parts` (an ensemble of mixtures is one mixture of all their components). */
export function concatMixtures(parts: readonly Mixture[]): Mixture {
  const first = parts[0] as Mixture;
  const d = first.dim;
  const k = parts.reduce((s, p) => s + p.components, 0);
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const cholesky = new Float64Array(k * d * d);
  let at = 0;
  for (const p of parts) {
    for (let c = 0; c < p.components; c++) weights[at + c] = (p.weights[c] as number) / parts.length;
    means.set(p.means, at * d);
    cholesky.set(p.cholesky, at * d * d);
    at += p.components;
  }
  return { dim: d, components: k, weights, means, cholesky };
}
