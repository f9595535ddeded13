import * as tf from '@tensorflow/tfjs-core';

/** ActNorm parameters: `y = x · exp(logScale) + bias`, per coordinate. */
export interface ActNormParams {
  readonly logScale: tf.Variable<tf.Rank.R1>;
  readonly bias: tf.Variable<tf.Rank.R1>;
}

/** `y = x · exp(logScale) + bias`, with its log-determinant (the same for every point, a scalar). */
export function actNormForward(x: tf.Tensor2D, p: ActNormParams): { y: tf.Tensor2D; logDet: tf.Scalar } {
  return {
    y: tf.add(tf.mul(x, tf.exp(p.logScale)), p.bias) as tf.Tensor2D,
    logDet: tf.sum(p.logScale),
  };
}

/** The inverse of {@link actNormForward}. */
export function actNormInverse(y: tf.Tensor2D, p: ActNormParams): tf.Tensor2D {
  return tf.mul(tf.sub(y, p.bias), tf.exp(tf.neg(p.logScale))) as tf.Tensor2D;
}

/**
 * Data-dependent initialisation (Glow): sets the parameters so that `x` comes out with zero mean and unit
 * variance per coordinate.
 */
export function initActNorm(x: tf.Tensor2D, p: ActNormParams): void {
  tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 0);
    const logScale = tf.mul(tf.log(tf.add(variance, 1e-6)), -0.5);
    p.logScale.assign(logScale as tf.Tensor1D);
    p.bias.assign(tf.neg(tf.mul(mean, tf.exp(logScale))) as tf.Tensor1D);
  });
}
