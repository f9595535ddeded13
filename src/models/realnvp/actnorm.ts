import * as tf from '@tensorflow/tfjs-core';
import type { Bijector, BijectorForward } from './bijector.js';

/**
 * ActNorm (Glow): `y = x · exp(logScale) + bias` per coordinate, initialised from the data. Its
 * log-determinant is the same for every point, a scalar. The variables belong to the model.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * const norm = new ActNorm(tf.variable(tf.zeros([5])), tf.variable(tf.zeros([5])));
 * norm.initialize(tf.randomNormal([256, 5], 3, 2));
 * ```
 */
export class ActNorm implements Bijector {
  constructor(
    readonly logScale: tf.Variable<tf.Rank.R1>,
    readonly bias: tf.Variable<tf.Rank.R1>,
  ) {}

  forward(x: tf.Tensor2D): BijectorForward {
    return {
      y: tf.add(tf.mul(x, tf.exp(this.logScale)), this.bias) as tf.Tensor2D,
      logDet: tf.sum(this.logScale),
    };
  }

  inverse(y: tf.Tensor2D): tf.Tensor2D {
    return tf.mul(tf.sub(y, this.bias), tf.exp(tf.neg(this.logScale))) as tf.Tensor2D;
  }

  /** Sets the parameters so that `x` comes out with zero mean and unit variance per coordinate. */
  initialize(x: tf.Tensor2D): void {
    tf.tidy(() => {
      const { mean, variance } = tf.moments(x, 0);
      const logScale = tf.mul(tf.log(tf.add(variance, 1e-6)), -0.5);
      this.logScale.assign(logScale as tf.Tensor1D);
      this.bias.assign(tf.neg(tf.mul(mean, tf.exp(logScale))) as tf.Tensor1D);
    });
  }

  dispose(): void {
    // Nothing of its own: the variables belong to the model.
  }
}
