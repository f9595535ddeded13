import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { logSumExpColumns, sumColumns } from '../../src/tf/columns.js';
import { ensureGradients } from '../../src/tf/gradients.js';
import { BACKENDS, useBackend } from '../backends.js';

describe.each(BACKENDS)('column reductions on %s', (name) => {
  useBackend(name);

  const x = () => tf.tensor2d([0.5, -1, 2, 30, 31, 29.5, -40, -41, -39, 0, 0, 0], [4, 3]);
  const weights = () => tf.tensor1d([1, -2, 0.5, 3]);

  it('sumColumns gives the row sums and their gradient', () => {
    ensureGradients();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      expect(Array.from(sumColumns(x()).dataSync())).toEqual(Array.from(tf.sum(x(), 1).dataSync()));
      const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(sumColumns(v as tf.Tensor2D), weights())))(x());
      expect(Array.from(g.dataSync())).toEqual([1, 1, 1, -2, -2, -2, 0.5, 0.5, 0.5, 3, 3, 3]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("logSumExpColumns gives tf.logSumExp's values exactly, and its gradient, the softmax times dy", () => {
    ensureGradients();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      expect(Array.from(logSumExpColumns(x()).dataSync())).toEqual(
        Array.from(tf.logSumExp(x(), 1).dataSync()),
      );
      const loss = (lse: (v: tf.Tensor2D) => tf.Tensor1D) => (v: tf.Tensor) =>
        tf.sum(tf.mul(lse(v as tf.Tensor2D), weights()));
      const ours = tf.grad(loss(logSumExpColumns))(x()).dataSync();
      const expected = tf.mul(tf.softmax(x()), tf.reshape(weights(), [4, 1])).dataSync();
      const theirs = tf
        .grad(loss((v) => tf.logSumExp(v, 1)))(x())
        .dataSync();
      ours.forEach((g, i) => {
        expect(g).toBeCloseTo(expected[i] as number, 6);
        expect(g).toBeCloseTo(theirs[i] as number, 6);
      });
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
