import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';
import { type BinnedDistribution, sampleFromBinProbabilities } from './binned.js';

/** Bin probabilities as the softmax of one free logit per bin (`count` head outputs). */
export class CategoricalBins implements BinnedDistribution {
  readonly count: number;
  readonly width: number;
  readonly outputWidth: number;

  constructor(count: number, width: number) {
    this.count = count;
    this.width = width;
    this.outputWidth = count;
  }

  logBinProbability(output: tf.Tensor2D, bins: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => tf.sum(tf.mul(tf.logSoftmax(output), tf.oneHot(bins, this.count)), 1));
  }

  logBinProbabilities(row: Float32Array, out: Float64Array): void {
    let max = Number.NEGATIVE_INFINITY;
    for (const v of row) max = Math.max(max, v);
    let total = 0;
    for (const v of row) total += Math.exp(v - max);
    const logTotal = max + Math.log(total);
    for (let k = 0; k < this.count; k++) out[k] = (row[k] as number) - logTotal;
  }

  sample(output: Float32Array, rng: Rng, temperature: number): Float32Array {
    return sampleFromBinProbabilities(this, output, rng, temperature);
  }
}
