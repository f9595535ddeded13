import * as tf from '@tensorflow/tfjs-core';

/**
 * A bijector's forward value with `log |det ∂y/∂x|`: per point (`[n]`), or a scalar when it is the same for
 * every point (ActNorm's). Scalars are summed apart from the per-point terms and added once: adding a scalar
 * to `[n]` broadcasts, and every broadcast add costs the training step a reduction in its gradient.
 */
export interface BijectorForward {
  readonly y: tf.Tensor2D;
  readonly logDet: tf.Tensor1D | tf.Scalar;
}

/**
 * One invertible step `[n, d] → [n, d]` of a normalizing flow. A flow is a list of them (see
 * {@link forwardChain}), and declares nothing else about its layers.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * const double: Bijector = {
 *   forward: (x) => ({ y: tf.mul(x, 2), logDet: tf.scalar(x.shape[1] * Math.log(2)) }),
 *   inverse: (y) => tf.div(y, 2),
 *   dispose: () => {},
 * };
 * ```
 */
export interface Bijector {
  forward(x: tf.Tensor2D): BijectorForward;
  inverse(y: tf.Tensor2D): tf.Tensor2D;
  /** Data-dependent initialisation from a batch of this bijector's inputs (e.g. ActNorm's); optional. */
  initialize?(x: tf.Tensor2D): void;
  /** Frees the tensors the bijector made itself; weights it was given belong to whoever gave them. */
  dispose(): void;
}

/** {@link forwardChain}'s result: the output and the summed log-determinants, per point and scalar apart. */
export interface ChainForward {
  readonly y: tf.Tensor2D;
  readonly perPoint: tf.Tensor1D | null;
  readonly constant: tf.Scalar | null;
}

/**
 * `x` through every bijector in order, summing their log-determinants.
 *
 * @example
 * ```ts
 * const { y, perPoint, constant } = forwardChain(chain, x);
 * const logDet = withLogDet(tf.zeros([x.shape[0]]), { perPoint, constant });
 * ```
 */
export function forwardChain(chain: readonly Bijector[], x: tf.Tensor2D): ChainForward {
  let y = x;
  let perPoint: tf.Tensor1D | null = null;
  let constant: tf.Scalar | null = null;
  for (const b of chain) {
    const out = b.forward(y);
    y = out.y;
    if (out.logDet.rank === 0) {
      const c = out.logDet as tf.Scalar;
      constant = constant ? (tf.add(constant, c) as tf.Scalar) : c;
    } else {
      const p = out.logDet as tf.Tensor1D;
      perPoint = perPoint ? (tf.add(perPoint, p) as tf.Tensor1D) : p;
    }
  }
  return { y, perPoint, constant };
}

/**
 * `value + perPoint + constant` (`[n]`), in that order, skipping the absent terms.
 *
 * @example
 * ```ts
 * const logProb = withLogDet(baseLogProb, forwardChain(chain, x));
 * ```
 */
export function withLogDet(value: tf.Tensor1D, sums: Omit<ChainForward, 'y'>): tf.Tensor1D {
  let out = value;
  if (sums.perPoint) out = tf.add(out, sums.perPoint) as tf.Tensor1D;
  if (sums.constant) out = tf.add(out, sums.constant) as tf.Tensor1D;
  return out;
}

/**
 * The inverse of {@link forwardChain}: `y` through every bijector's inverse, last first.
 *
 * @example
 * ```ts
 * const x = inverseChain(chain, tf.randomNormal([100, 5]));
 * ```
 */
export function inverseChain(chain: readonly Bijector[], y: tf.Tensor2D): tf.Tensor2D {
  let x = y;
  for (let i = chain.length - 1; i >= 0; i--) x = (chain[i] as Bijector).inverse(x);
  return x;
}

/**
 * Data-dependent initialisation, bijector by bijector: each one that has an `initialize` sees what the ones
 * before it (already initialised) make of `x`.
 *
 * @example
 * ```ts
 * initializeChain(chain, batch);
 * ```
 */
export function initializeChain(chain: readonly Bijector[], x: tf.Tensor2D): void {
  tf.tidy(() => {
    let y = x;
    chain.forEach((b, i) => {
      b.initialize?.(y);
      if (i + 1 < chain.length) y = b.forward(y).y;
    });
  });
}
