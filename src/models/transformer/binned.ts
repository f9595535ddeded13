import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';

/**
 * A coordinate's conditional distribution over `count` bins of width `width` on `[0, count·width)`, uniform
 * inside each bin: its density at `v` is `P(bin of v) / width`, and zero outside the support. How the bin
 * probabilities come from the network's head output is the concern of each implementation.
 */
export interface BinnedDistribution {
  readonly count: number;
  readonly width: number;
  /** Log-probability of the bin holding each value, `[batch]`, differentiable in `output`. */
  logBinProbability(output: tf.Tensor2D, bins: tf.Tensor1D): tf.Tensor1D;
  /** Log-probabilities of every bin, `[batch, count]`. */
  logBinProbabilities(output: tf.Tensor2D): tf.Tensor2D;
}

/**
 * Log density of `values` under `dist` (data space: the bin's log-probability minus the log of its width),
 * `[batch]`. Values must lie inside the support; see {@link insideSupport}.
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

/** True when `v` lies in the support `[0, count·width)` of a binned distribution. */
export function insideSupport(dist: Pick<BinnedDistribution, 'count' | 'width'>, v: number): boolean {
  return v >= 0 && Math.floor(v / dist.width) < dist.count;
}

const EDGE = 1e-4;

/**
 * Draws one value per row from bin log-probabilities `[batch, count]` (row-major `logProbabilities`): a bin
 * with probability ∝ `P^(1/temperature)`, then a uniform position inside it.
 */
export function sampleBins(
  logProbabilities: Float32Array,
  count: number,
  width: number,
  rng: Rng,
  temperature: number,
): Float32Array {
  const batch = logProbabilities.length / count;
  const out = new Float32Array(batch);
  const weights = new Float64Array(count);
  const inverseT = 1 / temperature;
  for (let i = 0; i < batch; i++) {
    const row = i * count;
    let max = -Infinity;
    for (let k = 0; k < count; k++) max = Math.max(max, logProbabilities[row + k] as number);
    let total = 0;
    for (let k = 0; k < count; k++) {
      total += Math.exp(((logProbabilities[row + k] as number) - max) * inverseT);
      weights[k] = total;
    }
    const target = rng.uniform() * total;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((weights[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    // Keep clear of the bin edges, where float32 rounding could move a value into the neighbouring bin.
    out[i] = (lo + EDGE + rng.uniform() * (1 - 2 * EDGE)) * width;
  }
  return out;
}
