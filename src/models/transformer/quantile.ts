import type { BinnedDistribution } from './binned.js';

/**
 * The `quantile` of each row's mixture of binned distributions, exactly: inside a bin the density is uniform,
 * so the CDF is piecewise linear and its inverse is read off the bin where it crosses `quantile`.
 *
 * @param rows Per member, the head outputs of every row (`count × dist.outputWidth`, row-major).
 * @param logWeights Per member, each row's unnormalised log mixture weight (absent: equal weights).
 */
export function mixtureQuantile(
  dist: BinnedDistribution,
  rows: readonly Float32Array[],
  count: number,
  quantile: number,
  logWeights?: readonly Float32Array[],
): Float32Array {
  const out = new Float32Array(count);
  const members = rows.length;
  const logP = new Float64Array(dist.count);
  const mixed = new Float64Array(dist.count);
  const weights = new Float64Array(members);
  for (let i = 0; i < count; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let m = 0; m < members; m++) {
      weights[m] = logWeights ? (logWeights[m]?.[i] as number) : 0;
      max = Math.max(max, weights[m] as number);
    }
    let total = 0;
    for (let m = 0; m < members; m++) {
      weights[m] = Math.exp((weights[m] as number) - max);
      total += weights[m] as number;
    }
    mixed.fill(0);
    for (let m = 0; m < members; m++) {
      const row = (rows[m] as Float32Array).subarray(i * dist.outputWidth, (i + 1) * dist.outputWidth);
      dist.logBinProbabilities(row, logP);
      const w = (weights[m] as number) / total;
      for (let k = 0; k < dist.count; k++) mixed[k] = (mixed[k] as number) + w * Math.exp(logP[k] as number);
    }
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
