import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/data/rng.js';
import { type DenseActivation, dense } from '../../src/tf/dense.js';
import { ensureGradients } from '../../src/tf/gradients.js';
import { matMul } from '../../src/tf/mat-mul.js';
import { BACKENDS, useBackend } from '../backends.js';
import { firstMismatch, numericGrad, values, weightedLoss } from './numeric.js';

let seed = 1;
const randn = (shape: number[], avoid: number[] = []) =>
  tf.tensor(
    values(
      new Rng(seed++),
      shape.reduce((a, b) => a * b, 1),
      -1,
      1,
      avoid,
      0.05,
    ),
    shape,
  );

/** What dense replaces: the same layer through the registered kernel gradients. */
function naive(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: DenseActivation): tf.Tensor2D {
  const y = tf.add<tf.Tensor2D>(tf.matMul(x, w), b);
  return activation === 'relu' ? tf.relu(y) : y;
}

function expectClose(actual: tf.Tensor, expected: tf.Tensor | Float32Array, tol = 1e-4): void {
  const e = expected instanceof Float32Array ? expected : expected.dataSync();
  const a = actual.dataSync();
  const k = firstMismatch(a, e, tol, tol);
  expect(k, `element ${k}: ${a[k]} vs ${e[k]}`).toBe(-1);
}

/** The BatchMatMul kernels `f` runs, as [a shape, b shape], read from a profile. */
async function products(f: () => unknown): Promise<number[][][]> {
  const profile = await tf.profile(() => {
    tf.tidy(() => {
      f();
    });
  });
  return profile.kernels.filter((k) => k.name === 'BatchMatMul').map((k) => k.inputShapes);
}

describe.each(BACKENDS)('dense on %s', (backend) => {
  useBackend(backend);
  beforeAll(() => ensureGradients());

  describe.each(['linear', 'relu'] as const)('%s', (activation) => {
    it('computes what the naive layer computes, and the same gradients', () => {
      const x = randn([7, 5]) as tf.Tensor2D;
      const w = randn([5, 4]) as tf.Tensor2D;
      const b = randn([4]) as tf.Tensor1D;
      const target = randn([7, 4]);
      const lossOf = (layer: typeof naive) => (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(layer(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, activation), target));
      expectClose(dense(x, w, b, activation), naive(x, w, b, activation));
      const ours = tf.grads(lossOf(dense))([x, w, b]);
      const reference = tf.grads(lossOf(naive))([x, w, b]);
      for (const [i, g] of ours.entries()) expectClose(g, reference[i] as tf.Tensor);
    });

    it('matches central differences', () => {
      // Away from relu's kink: |x·w| ≤ 3 · 1 · 0.2 < |b|, so no pre-activation is near 0.
      const x = randn([4, 3]) as tf.Tensor2D;
      const w = tf.mul(randn([3, 2]), 0.2) as tf.Tensor2D;
      const b = tf.tensor1d([0.9, -0.8]);
      const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
        dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, activation);
      const inputs = [x, w, b];
      const loss = weightedLoss(f, inputs);
      const analytic = tf.grads(loss)(inputs);
      for (const [i, g] of analytic.entries()) expectClose(g, numericGrad(loss, inputs, i), 2e-2);
    });
  });

  it('keeps the three-argument call and rejects shapes that do not fit, naming the argument', () => {
    const x = randn([2, 3]) as tf.Tensor2D;
    const w = randn([3, 4]) as tf.Tensor2D;
    const b = randn([4]) as tf.Tensor1D;
    expect(dense(x, w, b).shape).toEqual([2, 4]);
    expect(() => dense(randn([2, 3, 1]) as tf.Tensor2D, w, b)).toThrow(/dense: x must be 2-D/);
    expect(() => dense(x, randn([4, 4]) as tf.Tensor2D, b)).toThrow(/x has 3 columns but w has 4 rows/);
    expect(() => dense(x, w, randn([3]) as tf.Tensor1D)).toThrow(/b has 3 entries but w has 4 columns/);
    expect(() => dense(x, w, randn([1, 4]) as tf.Tensor1D)).toThrow(TypeError);
  });

  it('leaks no tensor through variableGrads or an optimizer step', () => {
    const x = randn([8, 5]) as tf.Tensor2D;
    const w1 = tf.variable(randn([5, 6]) as tf.Tensor2D);
    const b1 = tf.variable(randn([6]) as tf.Tensor1D);
    const w2 = tf.variable(randn([6, 1]) as tf.Tensor2D);
    const b2 = tf.variable(randn([1]) as tf.Tensor1D);
    const loss = () => tf.mean(tf.square(dense(dense(x, w1, b1, 'relu'), w2, b2))) as tf.Scalar;
    const optimizer = tf.train.adam(0.01);
    tf.dispose(optimizer.minimize(loss, true) ?? []); // creates the optimizer's moment variables once
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(loss);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(optimizer.minimize(loss, true) ?? []);
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
  });

  it(`multiplies ${backend === 'wasm' ? 'without' : 'with'} transpose flags in the backward pass`, async () => {
    const x = randn([8, 5]) as tf.Tensor2D;
    const w = randn([5, 3]) as tf.Tensor2D;
    const b = randn([3]) as tf.Tensor1D;
    const shapes = await products(() =>
      tf.grads((x, w, b) => tf.sum(dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D)))([x, w, b]),
    );
    // dx and dw: the forward pass is one fused kernel, and the bias gradient a sum over the rows, no product.
    expect(shapes).toHaveLength(2);
    // A product without flags has a's last axis equal to b's second-to-last.
    const flagless = shapes.every(([a = [], bShape = []]) => a.at(-1) === bShape.at(-2));
    expect(flagless).toBe(backend === 'wasm');
  });
});

describe.each(BACKENDS)('matMul on %s', (backend) => {
  useBackend(backend);

  const cases: [string, number[], number[], boolean, boolean][] = [
    ['plain', [3, 4], [4, 2], false, false],
    ['transposeA', [4, 3], [4, 2], true, false],
    ['transposeB', [2, 3, 4], [2, 5, 4], false, true],
    ['both, broadcast batch', [2, 4, 3], [5, 4], true, true],
    // wasm takes these apart into one 2-D product per matrix: broadcasting must pick the right ones.
    ['broadcast along one of two batch axes', [1, 3, 4, 2], [2, 3, 2, 5], false, false],
    // On wasm, b's gradient aᵀ·dy runs as (dyᵀ·a)ᵀ when a has at least 16 columns but fewer than dy.
    ['a narrower than the product', [2, 3, 16], [16, 20], false, false],
  ];
  it.each(cases)('%s: value and gradients', (_, aShape, bShape, transposeA, transposeB) => {
    const a = randn(aShape);
    const b = randn(bShape);
    expectClose(matMul(a, b, transposeA, transposeB), tf.matMul(a, b, transposeA, transposeB));
    const f = (a: tf.Tensor, b: tf.Tensor) => matMul(a, b, transposeA, transposeB);
    const loss = weightedLoss(f, [a, b]);
    const before = tf.memory().numTensors;
    const [da, db] = tf.grads(loss)([a, b]);
    expect(tf.memory().numTensors).toBe(before + 2);
    expectClose(da as tf.Tensor, numericGrad(loss, [a, b], 0), 2e-2);
    expectClose(db as tf.Tensor, numericGrad(loss, [a, b], 1), 2e-2);
  });
});
