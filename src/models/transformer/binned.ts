import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';

/**
 * A coordinate's conditional distribution over `count` bins of width `width` on `[0, count·width)`, uniform
 * inside each bin: its density at `v` is `P(bin of v) / width`. How the bin probabilities come from the
 * network's head output is the concern of each implementation.
 */
export interface BinnedDistribution {
  readonly count: number;
  readonly width: number;
  /** Values per row of the head output. */
  readonly outputWidth: number;
  /** Log-probability of the given bin of each row, `[batch]`, differentiable in `output`. */
  logBinProbability(output: tf.Tensor2D, bins: tf.Tensor1D): tf.Tensor1D;
  /**
   * Log-probabilities of every bin for the head output `row` (`outputWidth` values), written into `out`
   * (`count` values).
   */
  logBinProbabilities(row: Float32Array, out: Float64Array): void;
  /**
   * One draw per row of `output` (row-major head outputs) with bin probabilities ∝ `P^(1/temperature)`. An
   * implementation may draw more directly at temperature 1, as long as the result has the same distribution.
   */
  sample(output: Float32Array, rng: Rng, temperature: number): Float32Array;
}

/**
 * Log density of `values` in data space (the log-probability of the bin holding each value minus the log of
 * the bin width), `[batch]`. Values past either end count in the outer bin; callers keep them in the support.
 */
export function binnedLogDensity(
  dist: BinnedDistribution,
  output: tf.Tensor2D,
  values: tf.Tensor1D,
): tf.Tensor1D {
  return tf.tidy(() => {
    const bins = tf.cast(tf.clipByValue(tf.floor(tf.div(values, dist.width)), 0, dist.count - 1), 'int32');
    return tf.sub(dist.logBinProbability(output, bins as tf.Tensor1D), Math.log(dist.width));
  });
}

/**
 * Draws through {@link BinnedDistribution.logBinProbabilities}: every bin's probability for every row, then a
 * bin ∝ `P^(1/temperature)` and a position inside it. The general (and slower) way to sample.
 */
export function sampleFromBinProbabilities(
  dist: BinnedDistribution,
  output: Float32Array,
  rng: Rng,
  temperature: number,
): Float32Array {
  const batch = output.length / dist.outputWidth;
  const out = new Float32Array(batch);
  const logProbabilities = new Float64Array(dist.count);
  const cumulative = new Float64Array(dist.count);
  for (let i = 0; i < batch; i++) {
    dist.logBinProbabilities(
      output.subarray(i * dist.outputWidth, (i + 1) * dist.outputWidth),
      logProbabilities,
    );
    let max = Number.NEGATIVE_INFINITY;
    for (const v of logProbabilities) max = Math.max(max, v);
    let total = 0;
    for (let k = 0; k < dist.count; k++) {
      total += Math.exp(((logProbabilities[k] as number) - max) / temperature);
      cumulative[k] = total;
    }
    const target = rng.uniform() * total;
    let lo = 0;
    let hi = dist.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    out[i] = placeInBin(lo, dist.width, rng);
  }
  return out;
}

/** Keeps draws this far (in bin widths) from the bin edges, where float32 rounding could cross into the next bin. */
const EDGE = 1e-4;

/** A uniform position inside bin `k`. */
export function placeInBin(k: number, width: number, rng: Rng): number {
  return (k + EDGE + rng.uniform() * (1 - 2 * EDGE)) * width;
}
