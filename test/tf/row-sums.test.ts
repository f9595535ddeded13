import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ensureGradients } from '../../src/tf/gradients.js';
import { hostRowSums } from '../../src/tf/row-sums.js';
import { BACKENDS, useBackend } from '../backends.js';

/** Values whose float32 sums depend on the order and rounding of the additions. */
function awkward(shape: number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Float32Array.from({ length: size }, (_, i) => Math.sin(i * 12.9898) * 10 ** ((i % 7) - 3));
  return tf.tensor(values, shape);
}

describe.each(BACKENDS)('hostRowSums on %s', (name) => {
  useBackend(name);

  it.each([
    { shape: [250, 128], axes: [0] },
    { shape: [250, 5], axes: [0] },
    { shape: [4, 517, 66], axes: [1] },
    { shape: [3, 7, 9, 6], axes: [1, 2] },
    { shape: [2, 5, 3, 1], axes: [0, 1, 2] },
  ])('equals tf.sum to the bit over $axes of $shape', ({ shape, axes }) => {
    const x = awkward(shape);
    const host = hostRowSums(x, axes);
    const kernel = tf.sum(x, axes);
    expect(host).not.toBeNull();
    expect(Array.from((host as tf.Tensor).dataSync())).toEqual(Array.from(kernel.dataSync()));
    tf.dispose([x, host as tf.Tensor, kernel]);
  });

  it('leaves to tf.sum what it does not do: the last axis, axes with a gap, other dtypes', () => {
    const x = awkward([4, 3, 2]);
    const ints = tf.zeros([4, 3], 'int32');
    expect(hostRowSums(x, [2])).toBeNull();
    expect(hostRowSums(x, [1, 2])).toBeNull();
    expect(hostRowSums(x, [0, 2])).toBeNull();
    expect(hostRowSums(x, [])).toBeNull();
    expect(hostRowSums(ints, [0])).toBeNull();
    tf.dispose([x, ints]);
  });

  it('keeps the kernels under a tape, so that a gradient of a gradient still flows through the sum', () => {
    ensureGradients();
    // h(b) = Σ (a + b)² with b broadcast over a's 2 rows: h'(b) = 2 Σ_rows (a + b) (Add's gradient sums the
    // rows back), and the gradient of Σ h'(b) is 2 · 2 rows = 4 for every entry of b.
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const inner = tf.grad((b: tf.Tensor) => tf.sum(tf.square(tf.add(a, b))));
    const outer = tf.grad((b: tf.Tensor) => tf.sum(inner(b)));
    const b = tf.tensor2d([0.5, -1, 2], [1, 3]);
    const g = outer(b);
    expect(Array.from(g.dataSync())).toEqual([4, 4, 4]);
    tf.dispose([a, b, g]);
  });

  it('leaves no tensor behind', () => {
    const x = awkward([6, 4]);
    const before = tf.memory().numTensors;
    (hostRowSums(x, [0]) as tf.Tensor).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
