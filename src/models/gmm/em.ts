import type { Rng } from '../../data/rng.js';
import { kMeansPlusPlus } from './kmeans.js';
import { cholesky } from './linalg.js';
import { componentLogDensities, componentLogNorms, type Mixture } from './mixture.js';

/** Responsibilities below this are left out of the M-step: most are, and none of them moves a parameter. */
const NEGLIGIBLE = 1e-12;

/** Settings of one EM run. */
export interface EmSettings {
  readonly components: number;
  /** Added to every covariance's diagonal, as a share of each coordinate's variance over all the points. */
  readonly regularization: number;
  /** Stop when the mean log-likelihood per point improves by less than this. */
  readonly tolerance: number;
  readonly maxIterations: number;
  /** Checked between iterations: when aborted, the run ends with the current (valid) parameters. */
  readonly signal?: AbortSignal | undefined;
}

/** What one EM run gave. */
export interface EmResult {
  readonly mixture: Mixture;
  /** Mean log-likelihood per point of the training points under `mixture`'s predecessor (EM's last E-step). */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Fits a full-covariance Gaussian mixture to `n` points (`data`, row-major `n × d`) by expectation-maximisation
 * from a k-means++ hard assignment. Components left with (almost) no points are dropped.
 */
export function fitEm(data: Float64Array, n: number, d: number, settings: EmSettings, rng: Rng): EmResult {
  const k = Math.min(settings.components, n);
  const reg = regularizer(data, n, d, settings.regularization);
  const resp = new Float64Array(n * k);
  const { nearest } = kMeansPlusPlus(data, n, d, k, rng);
  for (let i = 0; i < n; i++) resp[i * k + (nearest[i] as number)] = 1;
  let mixture = maximize(data, n, d, k, resp, reg);
  let previous = Number.NEGATIVE_INFINITY;
  let logLikelihood = Number.NEGATIVE_INFINITY;
  let iterations = 0;
  let converged = false;
  while (iterations < settings.maxIterations && !settings.signal?.aborted) {
    logLikelihood = expect(mixture, data, n, resp);
    iterations += 1;
    mixture = maximize(data, n, d, k, resp, reg);
    if (Math.abs(logLikelihood - previous) < settings.tolerance) {
      converged = true;
      break;
    }
    previous = logLikelihood;
  }
  return { mixture: pruned(mixture), logLikelihood, iterations, converged };
}

/** E-step: responsibilities into `resp` (`n × k`); returns the mean log-likelihood per point. */
function expect(m: Mixture, data: Float64Array, n: number, resp: Float64Array): number {
  const k = m.components;
  componentLogDensities(m, data, n, resp, componentLogNorms(m));
  let total = 0;
  for (let i = 0; i < n; i++) {
    const at = i * k;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) if ((resp[at + c] as number) > max) max = resp[at + c] as number;
    // One exp per term: the normalised exponentials are the responsibilities.
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((resp[at + c] as number) - max);
      resp[at + c] = e;
      sum += e;
    }
    total += max + Math.log(sum);
    for (let c = 0; c < k; c++) resp[at + c] = (resp[at + c] as number) / sum;
  }
  return total / n;
}

/** M-step: weights, means and regularised covariances from the responsibilities. */
function maximize(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  resp: Float64Array,
  reg: Float64Array,
): Mixture {
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * d * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c] as number;
      if (r < NEGLIGIBLE) continue;
      weights[c] = (weights[c] as number) + r;
      for (let j = 0; j < d; j++)
        means[c * d + j] = (means[c * d + j] as number) + r * (data[i * d + j] as number);
    }
  }
  for (let c = 0; c < k; c++) {
    // As scikit-learn does: a tiny floor keeps an emptied component's mean finite.
    const nk = (weights[c] as number) + 10 * Number.EPSILON;
    weights[c] = nk;
    for (let j = 0; j < d; j++) means[c * d + j] = (means[c * d + j] as number) / nk;
  }
  const diff = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c] as number;
      if (r < NEGLIGIBLE) continue;
      for (let j = 0; j < d; j++) diff[j] = (data[i * d + j] as number) - (means[c * d + j] as number);
      const base = c * d * d;
      for (let a = 0; a < d; a++) {
        const ra = r * (diff[a] as number);
        for (let b = 0; b <= a; b++)
          covariances[base + a * d + b] =
            (covariances[base + a * d + b] as number) + ra * (diff[b] as number);
      }
    }
  }
  const chol = new Float64Array(k * d * d);
  let total = 0;
  for (let c = 0; c < k; c++) total += weights[c] as number;
  for (let c = 0; c < k; c++) {
    const base = c * d * d;
    const nk = weights[c] as number;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b <= a; b++) {
        const v = (covariances[base + a * d + b] as number) / nk + (a === b ? (reg[a] as number) : 0);
        covariances[base + a * d + b] = v;
        covariances[base + b * d + a] = v;
      }
    }
    if (!cholesky(covariances, d, chol, base, base)) {
      throw new RangeError('GaussianMixture: a covariance is not positive definite; raise `regularization`');
    }
    weights[c] = nk / total;
  }
  return { dim: d, components: k, weights, means, cholesky: chol };
}

/** `share · var_j` per coordinate: the diagonal added to every covariance (never 0, so no Cholesky fails). */
function regularizer(data: Float64Array, n: number, d: number, share: number): Float64Array {
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + j] as number;
      s += v;
      s2 += v * v;
    }
    const variance = Math.max(s2 / n - (s / n) ** 2, 0);
    out[j] = Math.max(share * variance, 1e-12);
  }
  return out;
}

/** The mixture without components of negligible weight (at most one point's worth in 10⁶). */
function pruned(m: Mixture): Mixture {
  const keep: number[] = [];
  for (let c = 0; c < m.components; c++) if ((m.weights[c] as number) > 1e-10) keep.push(c);
  if (keep.length === m.components) return m;
  const d = m.dim;
  const weights = new Float64Array(keep.length);
  const means = new Float64Array(keep.length * d);
  const chol = new Float64Array(keep.length * d * d);
  let total = 0;
  keep.forEach((c, i) => {
    weights[i] = m.weights[c] as number;
    total += weights[i] as number;
    means.set(m.means.subarray(c * d, (c + 1) * d), i * d);
    chol.set(m.cholesky.subarray(c * d * d, (c + 1) * d * d), i * d * d);
  });
  for (let i = 0; i < keep.length; i++) weights[i] = (weights[i] as number) / total;
  return { dim: d, components: keep.length, weights, means, cholesky: chol };
}
