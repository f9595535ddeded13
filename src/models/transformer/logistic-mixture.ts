import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';
import { logSumExpColumns } from '../../tf/columns.js';
import { type BinnedDistribution, placeInBin, sampleFromBinProbabilities } from './binned.js';

/** The sharpest component: a scale of an eighth of a bin is already a point mass at bin resolution. */
const MIN_SCALE_IN_BINS = 1 / 8;

/**
 * Bin probabilities from a mixture of `components` logistics integrated over each bin (PixelCNN++'s discretized
 * logistic mixture); the outer bins take the tails, so all the mass lies in the support. Neighbouring bins
 * share parameters, so it generalises where a free logit per bin memorises. Head outputs per row:
 * `components` mixture logits, then the means (in data units, offset by 0.5), then the log-scales.
 */
export class LogisticMixtureBins implements BinnedDistribution {
  readonly count: number;
  readonly width: number;
  readonly components: number;
  readonly outputWidth: number;
  private readonly minLogScale: number;

  constructor(count: number, width: number, components: number) {
    this.count = count;
    this.width = width;
    this.components = components;
    this.outputWidth = 3 * components;
    this.minLogScale = Math.log(MIN_SCALE_IN_BINS * width);
  }

  /**
   * Head biases that start the components spread evenly over `[0, 1]` with a scale of a tenth of it
   * (identical components would get identical gradients and never separate).
   */
  initialBias(): Float32Array {
    const k = this.components;
    const bias = new Float32Array(3 * k);
    for (let m = 0; m < k; m++) {
      bias[k + m] = (m + 0.5) / k - 0.5;
      bias[2 * k + m] = Math.log(0.1);
    }
    return bias;
  }

  logBinProbability(output: tf.Tensor2D, bins: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => {
      const [logits, rawMeans, rawLogScales] = tf.split(output, 3, 1) as [
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
      ];
      const means = tf.add(rawMeans, 0.5);
      const inverseScale = tf.exp(tf.neg(tf.maximum(rawLogScales, this.minLogScale)));
      const k = tf.reshape(tf.cast(bins, 'float32'), [-1, 1]);
      const upper = tf.mul(tf.sub(tf.mul(tf.add(k, 1), this.width), means), inverseScale);
      const lower = tf.mul(tf.sub(tf.mul(k, this.width), means), inverseScale);
      // σ(u) − σ(l) = σ(u) · σ(−l) · (1 − e^{l−u}): three log terms that stay accurate in every regime, where
      // the plain difference of two CDFs cancels to zero for a sharp component far from the bin.
      const logCdfUpper = tf.neg(tf.softplus(tf.neg(upper)));
      const logSurvivalLower = tf.neg(tf.softplus(lower));
      const logGap = tf.log(tf.neg(tf.expm1(tf.mul(inverseScale, -this.width))));
      // The outer bins take the tails: the first has no lower edge, the last no upper one.
      const hasLower = tf.cast(tf.greater(k, 0), 'float32');
      const hasUpper = tf.cast(tf.less(k, this.count - 1), 'float32');
      const perComponent = tf.addN([
        tf.mul(hasUpper, logCdfUpper),
        tf.mul(hasLower, logSurvivalLower),
        tf.mul(tf.mul(hasLower, hasUpper), logGap),
      ]);
      return logSumExpColumns(tf.add(tf.logSoftmax(logits), perComponent));
    });
  }

  logBinProbabilities(row: Float32Array, out: Float64Array): void {
    const { weights, means, scales } = this.rowParameters(row);
    let below = 0;
    for (let k = 0; k < this.count; k++) {
      let cdf = 1;
      if (k < this.count - 1) {
        cdf = 0;
        const edge = (k + 1) * this.width;
        for (let m = 0; m < this.components; m++) {
          cdf += (weights[m] as number) * sigmoid((edge - (means[m] as number)) / (scales[m] as number));
        }
      }
      out[k] = Math.log(Math.max(cdf - below, 1e-300));
      below = cdf;
    }
  }

  sample(output: Float32Array, rng: Rng, temperature: number): Float32Array {
    if (temperature !== 1) return sampleFromBinProbabilities(this, output, rng, temperature);
    // At temperature 1: a component, a logistic draw from it, and its bin (the outer bins taking the tails),
    // which is exactly a draw from the bin probabilities.
    const batch = output.length / this.outputWidth;
    const out = new Float32Array(batch);
    for (let i = 0; i < batch; i++) {
      const { weights, means, scales } = this.rowParameters(
        output.subarray(i * this.outputWidth, (i + 1) * this.outputWidth),
      );
      let u = rng.uniform();
      let m = 0;
      while (m < this.components - 1 && u >= (weights[m] as number)) {
        u -= weights[m] as number;
        m += 1;
      }
      let v = 0;
      while (v === 0) v = rng.uniform();
      const value = (means[m] as number) + (scales[m] as number) * Math.log(v / (1 - v));
      const bin = Math.min(Math.max(Math.floor(value / this.width), 0), this.count - 1);
      out[i] = placeInBin(bin, this.width, rng);
    }
    return out;
  }

  /** Mixture weights, means and scales of one head-output row, as `logBinProbability` reads them. */
  private rowParameters(row: Float32Array): {
    weights: Float64Array;
    means: Float64Array;
    scales: Float64Array;
  } {
    const k = this.components;
    const weights = new Float64Array(k);
    const means = new Float64Array(k);
    const scales = new Float64Array(k);
    let max = Number.NEGATIVE_INFINITY;
    for (let m = 0; m < k; m++) max = Math.max(max, row[m] as number);
    let total = 0;
    for (let m = 0; m < k; m++) {
      weights[m] = Math.exp((row[m] as number) - max);
      total += weights[m] as number;
      means[m] = (row[k + m] as number) + 0.5;
      scales[m] = Math.exp(Math.max(row[2 * k + m] as number, this.minLogScale));
    }
    for (let m = 0; m < k; m++) weights[m] = (weights[m] as number) / total;
    return { weights, means, scales };
  }
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
