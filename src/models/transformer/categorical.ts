import * as tf from '@tensorflow/tfjs-core';
import type { BinnedDistribution } from './binned.js';

/** Bin probabilities as a softmax of one free logit per bin: the most flexible head, `count` outputs. */
export class CategoricalBins implements BinnedDistribution {
  readonly count: number;
  readonly width: number;

  constructor(count: number, width: number) {
    this.count = count;
    this.width = width;
  }

  logBinProbability(output: tf.Tensor2D, bins: tf.Tensor1D): tf.Tensor1D {
    return tf.tidy(() => tf.sum(tf.mul(tf.logSoftmax(output), tf.oneHot(bins, this.count)), 1));
  }

  logBinProbabilities(output: tf.Tensor2D): tf.Tensor2D {
    return tf.logSoftmax(output);
  }
}
