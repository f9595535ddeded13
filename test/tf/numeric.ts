// Gradient checks against central differences, for tests of hand-written gradients.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../src/data/rng.js';

export type Fn = (...xs: tf.Tensor[]) => tf.Tensor;

/** Values in [lo, hi] at least `gap` away from every point in `avoid` (kinks, jumps, ties). */
export function values(
  rng: Rng,
  n: number,
  lo: number,
  hi: number,
  avoid: number[] = [],
  gap = 0.1,
): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v: number;
    do v = lo + (hi - lo) * rng.uniform();
    while (avoid.some((a) => Math.abs(v - a) < gap));
    out[i] = v;
  }
  return out;
}

/**
 * A scalar loss through `f`: Σ f(xs) ⊙ weights, with fixed random weights so that every output element
 * contributes differently (a plain sum would hide transposed or misplaced gradients).
 */
export function weightedLoss(f: Fn, xs: tf.Tensor[], seed = 7): (...xs: tf.Tensor[]) => tf.Scalar {
  const shape = tf.tidy(() => f(...xs).shape);
  const size = shape.reduce((a, b) => a * b, 1);
  const weights = tf.tensor(values(new Rng(seed), size, -1, 1), shape);
  return (...args) => tf.sum(tf.mul(tf.cast(f(...args), 'float32'), weights));
}

/** ∂loss/∂xs[i] by central differences with step `eps`, element by element. */
export function numericGrad(loss: (...xs: tf.Tensor[]) => tf.Scalar, xs: tf.Tensor[], i: number, eps = 1e-2) {
  const x = xs[i];
  if (!x) throw new Error(`no input ${i}`);
  const base = x.dataSync().slice();
  const grad = new Float32Array(base.length);
  const at = (data: Float32Array | Int32Array | Uint8Array) =>
    tf.tidy(() => {
      const args = xs.map((t, j) => (j === i ? tf.tensor(data, x.shape, x.dtype) : t));
      return loss(...args).dataSync()[0] ?? Number.NaN;
    });
  for (let k = 0; k < base.length; k++) {
    const plus = base.slice();
    const minus = base.slice();
    plus[k] = (plus[k] ?? 0) + eps;
    minus[k] = (minus[k] ?? 0) - eps;
    grad[k] = (at(plus) - at(minus)) / (2 * eps);
  }
  return grad;
}

/** Index of the first element where `actual` and `expected` differ by more than atol + rtol·|expected|. */
export function firstMismatch(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  atol: number,
  rtol: number,
) {
  if (actual.length !== expected.length) return 0;
  for (let k = 0; k < actual.length; k++) {
    const a = actual[k] ?? Number.NaN;
    const e = expected[k] ?? Number.NaN;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) return k;
  }
  return -1;
}
