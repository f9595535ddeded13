import type { BinnedDistribution } from './binned.js';
import { memberPosterior } from './members.js';

/**
 * The `quantile` of each row's mixture of binned distributions, exactly: inside a bin the density is uniform,
 * so the CDF is piecewise linear and its inverse is read off the bin where it crosses `quantile`.
 *
 * @param rows Per member, the head outputs of every row (`count × dist.outputWidth`, row-major).
 * @param logLikelihoods Per member, each row's log-likelihood of its prefix: the mixture weights are the
 * members' posterior given it.
 */
export function mixtureQuantile(
  dist: BinnedDistribution,
  rows: readonly Float32Array[],
  count: number,
  quantile: number,
  logLikelihoods: readonly Float32Array[],
): Float32Array {
  const out = new Float32Array(count);
  const logP = new Float64Array(dist.count);
  const mixed = new Float64Array(dist.count);
  const posterior = new Float64Array(rows.length);
  for (let i = 0; i < count; i++) {
    memberPosterior(logLikelihoods, i, posterior);
    mixed.fill(0);
    rows.forEach((memberRows, m) => {
      dist.logBinProbabilities(memberRows.subarray(i * dist.outputWidth, (i + 1) * dist.outputWidth), logP);
      const w = posterior[m] as number;
      for (let k = 0; k < dist.count; k++) mixed[k] = (mixed[k] as number) + w * Math.exp(logP[k] as number);
    });
    out[i] = binnedQuantile(mixed, dist.width, quantile);
  }
  return out;
}

/** The `quantile` of bin probabilities `p` (summing to about 1) with uniform density inside bins of `width`. */
export function binnedQuantile(p: ArrayLike<number>, width: number, quantile: number): number {
  let total = 0;
  for (let k = 0; k < p.length; k++) total += p[k] as number;
  const target = quantile * total;
  let below = 0;
  for (let k = 0; k < p.length; k++) {
    const mass = p[k] as number;
    if (mass > 0 && below + mass >= target)
      return (k + Math.min(Math.max((target - below) / mass, 0), 1)) * width;
    below += mass;
  }
  return p.length * width;
}
