import * as tf from '@tensorflow/tfjs-core';

/**
 * The logit preprocessing: each coordinate's support `[0, upper_j]` is mapped affinely onto
 * `[alpha, 1 − alpha]` and then through `log(y / (1 − y))` onto the real line, where the flow works.
 */
export interface LogitTransform {
  /** `(1 − 2·alpha) / upper_j` per coordinate: the slope of the affine part. */
  readonly slope: readonly number[];
  readonly alpha: number;
}

/**
 * The transform for supports `[0, upper_j]`.
 *
 * @example
 * ```ts
 * const logit = logitTransform([1 + 1 / 300, 1 + 1 / 300], 1e-3);
 * ```
 */
export function logitTransform(upper: readonly number[], alpha: number): LogitTransform {
  return { slope: upper.map((u) => (1 - 2 * alpha) / u), alpha };
}

/**
 * Data space → logit space, with the log-determinant of the Jacobian per point (`[n]`), so that
 * `log p_data(x) = log p_flow(z) + logDet`.
 */
export function logitForward(x: tf.Tensor2D, t: LogitTransform): { z: tf.Tensor2D; logDet: tf.Tensor1D } {
  return tf.tidy(() => {
    const y = tf.add(tf.mul(x, tf.tensor1d(t.slope as number[])), t.alpha);
    const logY = tf.log(y);
    const log1mY = tf.log1p(tf.neg(y));
    const z = tf.sub(logY, log1mY) as tf.Tensor2D;
    const constant = (t.slope as number[]).reduce((a, s) => a + Math.log(s), 0);
    const logDet = tf.sub(constant, tf.sum(tf.add(logY, log1mY), 1)) as tf.Tensor1D;
    return { z, logDet };
  });
}

/** Logit space → data space (the inverse of {@link logitForward}). */
export function logitInverse(z: tf.Tensor2D, t: LogitTransform): tf.Tensor2D {
  return tf.tidy(
    () => tf.div(tf.sub(tf.sigmoid(z), t.alpha), tf.tensor1d(t.slope as number[])) as tf.Tensor2D,
  );
}
