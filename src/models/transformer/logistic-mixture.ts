import * as tf from '@tensorflow/tfjs-core';
import type { BinnedDistribution } from './binned.js';

/** Smallest log-scale of a component: an eighth of a bin is as sharp as a bin-level distribution can use. */
const MIN_LOG_SCALE_BINS = Math.log(1 / 8);

/**
 * Bin probabilities from a mixture of `components` logistics integrated over each bin (the discretized
 * logistic mixture of PixelCNN++), the outer bins taking the tails so that all mass lies in the support.
 * Neighbouring bins share parameters, so the head generalises where a free categorical memorises.
 * Head outputs per row: `components` mixture logits, then means (in data units, around 0.5), then log-scales.
 */
export class LogisticMixtureBins implements BinnedDistribution {
  readonly count: number;
  readonly width: number;
  readonly components: number;

  constructor(count: number, width: number, components: number) {
    this.count = count;
    this.width = width;
    this.components = components;
  }

  /**
   * Head biases that start the components spread evenly over `[0, 1]` with a scale of a tenth of the range
   * (identical components would receive identical gradients and never separate).
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
      const { logWeights, means, logScales } = this.parameters(output);
      const k = tf.reshape(tf.cast(bins, 'float32'), [-1, 1]);
      const inverseScale = tf.exp(tf.neg(logScales));
      const upper = tf.mul(tf.sub(tf.mul(tf.add(k, 1), this.width), means), inverseScale);
      const lower = tf.mul(tf.sub(tf.mul(k, this.width), means), inverseScale);
      const centre = tf.mul(tf.sub(tf.mul(tf.add(k, 0.5), this.width), means), inverseScale);
      // log σ(u) = u − softplus(u); log(1 − σ(l)) = −softplus(l).
      const logCdfUpper = tf.sub(upper, tf.softplus(upper));
      const logSurvivalLower = tf.neg(tf.softplus(lower));
      const delta = tf.sub(tf.sigmoid(upper), tf.sigmoid(lower));
      // Where the difference of two CDFs loses precision, the density at the bin centre times its width.
      const logCentre = tf.add(
        tf.sub(tf.sub(centre, tf.mul(tf.softplus(centre), 2)), logScales),
        Math.log(this.width),
      );
      const inner = tf.where(tf.greater(delta, 1e-5), tf.log(tf.maximum(delta, 1e-12)), logCentre);
      const first = tf.equal(k, 0);
      const last = tf.equal(k, this.count - 1);
      const perComponent = tf.where(
        tf.logicalAnd(first, last),
        tf.zerosLike(inner),
        tf.where(first, logCdfUpper, tf.where(last, logSurvivalLower, inner)),
      );
      return tf.logSumExp(tf.add(logWeights, perComponent), 1) as tf.Tensor1D;
    });
  }

  logBinProbabilities(output: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const { logWeights, means, logScales } = this.parameters(output);
      const batch = output.shape[0];
      const edges = tf.reshape(tf.mul(tf.range(1, this.count, 1, 'float32'), this.width), [
        1,
        1,
        this.count - 1,
      ]);
      const z = tf.mul(tf.sub(edges, tf.expandDims(means, 2)), tf.expandDims(tf.exp(tf.neg(logScales)), 2));
      // CDF at every inner edge, with 0 and 1 at the outer ones: [batch, K, count+1].
      const cdf = tf.concat(
        [tf.zeros([batch, this.components, 1]), tf.sigmoid(z), tf.ones([batch, this.components, 1])],
        2,
      );
      const mass = tf.sub(
        tf.slice(cdf, [0, 0, 1], [-1, -1, this.count]),
        tf.slice(cdf, [0, 0, 0], [-1, -1, this.count]),
      );
      const mixed = tf.sum(tf.mul(mass, tf.expandDims(tf.exp(logWeights), 2)), 1);
      return tf.log(tf.maximum(mixed, 1e-30)) as tf.Tensor2D;
    });
  }

  private parameters(output: tf.Tensor2D): {
    logWeights: tf.Tensor2D;
    means: tf.Tensor2D;
    logScales: tf.Tensor2D;
  } {
    const [logits, rawMeans, rawLogScales] = tf.split(output, 3, 1) as [
      tf.Tensor2D,
      tf.Tensor2D,
      tf.Tensor2D,
    ];
    return {
      logWeights: tf.logSoftmax(logits),
      means: tf.add(rawMeans, 0.5),
      logScales: tf.maximum(rawLogScales, MIN_LOG_SCALE_BINS + Math.log(this.width)),
    };
  }
}
