import * as tf from '@tensorflow/tfjs-core';
import type { Bijector, BijectorForward } from './bijector.js';

/**
 * The logit preprocessing: each coordinate's support `[0, upper_j]` is mapped affinely onto
 * `[alpha, 1 − alpha]` and then through `log(y / (1 − y))` onto the real line, where the flow works.
 *
 * @example
 * ```ts
 * const logit = new Logit([1 + 1 / 300, 1 + 1 / 300], 1e-3);
 * // … logit.forward(x) …
 * logit.dispose();
 * ```
 */
export class Logit implements Bijector {
  /** `(1 − 2·alpha) / upper_j` per coordinate: the slope of the affine part. */
  private readonly slope: tf.Tensor1D;
  /** `Σ_j log slope_j`, the affine part's log-determinant. */
  private readonly logSlope: number;

  constructor(
    upper: readonly number[],
    private readonly alpha: number,
  ) {
    const slope = upper.map((u) => (1 - 2 * alpha) / u);
    this.slope = tf.keep(tf.tensor1d(slope));
    this.logSlope = slope.reduce((a, s) => a + Math.log(s), 0);
  }

  /** Data space → logit space, with the per-point log-determinant: `log p_data(x) = log p_flow(z) + logDet`. */
  forward(x: tf.Tensor2D): BijectorForward {
    return tf.tidy(() => {
      const y = tf.add(tf.mul(x, this.slope), this.alpha);
      const logY = tf.log(y);
      const log1mY = tf.log1p(tf.neg(y));
      const z = tf.sub(logY, log1mY) as tf.Tensor2D;
      return { y: z, logDet: tf.sub(this.logSlope, tf.sum(tf.add(logY, log1mY), 1)) as tf.Tensor1D };
    });
  }

  inverse(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.div(tf.sub(tf.sigmoid(z), this.alpha), this.slope) as tf.Tensor2D);
  }

  dispose(): void {
    this.slope.dispose();
  }
}
