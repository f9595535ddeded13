import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipPassingGradient, constantProduct, piecewiseConstant } from '../../src/tf/constant-ops.js';
import { ensureGradients } from '../../src/tf/gradients.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradients();
});

const close = (t: tf.Tensor, want: tf.Tensor) =>
  expect(Array.from(t.dataSync())).toEqual(Array.from(want.dataSync()).map((x) => expect.closeTo(x, 5)));

describe('RealNVP constant ops', () => {
  it('constantProduct has the value and x-gradient of a product, with or without a given transpose', () => {
    const x = tf.tensor2d([1, -2, 0.5, 3, 0.25, -1], [2, 3]);
    const c = tf.tensor2d([0.5, 1, -1, 2, 0, 3], [3, 2]);
    const weight = tf.tensor2d([1, 2, -3, 0.5], [2, 2]);
    const objective = (f: (x: tf.Tensor2D) => tf.Tensor) => (x: tf.Tensor) =>
      tf.sum(tf.mul(f(x as tf.Tensor2D), weight));
    const cT = tf.transpose(c) as tf.Tensor2D;
    const want = tf.grad(objective((v) => tf.matMul(v, c)))(x);
    close(constantProduct(x, c), tf.matMul(x, c));
    close(tf.grad(objective((v) => constantProduct(v, c)))(x), want);
    close(tf.grad(objective((v) => constantProduct(v, c, cT)))(x), want);
    close(
      tf.grad(objective((v) => constantProduct(v, tf.ones([3, 2]), () => tf.ones([2, 3]))))(x),
      tf.grad(objective((v) => tf.matMul(v, tf.ones([3, 2]))))(x),
    );
  });

  it('piecewiseConstant passes no gradient; clipPassingGradient clips and passes it unchanged', () => {
    const v = tf.tensor2d([-5, -1, 0.5, 4.5], [4, 1]);
    const g1 = tf.grad((x) =>
      tf.sum(
        tf.mul(
          piecewiseConstant((y) => tf.step(y), x),
          x,
        ),
      ),
    )(v);
    close(g1, tf.step(v));
    close(clipPassingGradient(v as tf.Tensor2D, 4), tf.tensor2d([-4, -1, 0.5, 4], [4, 1]));
    close(tf.grad((x) => tf.sum(tf.mul(clipPassingGradient(x as tf.Tensor2D, 4), 3)))(v), tf.fill([4, 1], 3));
  });
});
