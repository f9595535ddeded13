import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  disposeSplineTables,
  type Spline,
  splineForward,
  splineInverse,
  splineParamCount,
  splineTables,
} from '../../src/models/realnvp/spline.js';
import { useBackend } from '../backends.js';

let shape: Spline;
const n = 500;
const d = 2;

function inputs(seed: number): { x: tf.Tensor2D; params: tf.Tensor2D } {
  return {
    x: tf.mul(tf.randomNormal([n, d], 0, 1, 'float32', seed), 2) as tf.Tensor2D,
    params: tf.randomNormal([n, d * splineParamCount(shape)], 0, 0.7, 'float32', seed + 1) as tf.Tensor2D,
  };
}

describe('rational-quadratic spline', () => {
  useBackend('cpu');
  beforeAll(() => {
    shape = { bins: 6, bound: 3, tables: splineTables({ bins: 6, bound: 3 }) };
  });

  afterAll(() => {
    disposeSplineTables(shape.tables);
  });

  it('is the identity for zero parameters', () => {
    tf.tidy(() => {
      const { x } = inputs(1);
      const { y, logDet } = splineForward(x, tf.zeros([n, d * splineParamCount(shape)]), shape);
      expect(tf.max(tf.abs(tf.sub(y, x))).dataSync()[0]).toBeLessThan(1e-5);
      expect(tf.max(tf.abs(logDet)).dataSync()[0]).toBeLessThan(1e-5);
    });
  });

  it('is inverted by splineInverse, inside and outside the bound', () => {
    tf.tidy(() => {
      const { x, params } = inputs(2);
      const { y } = splineForward(x, params, shape);
      expect(tf.max(tf.abs(tf.sub(splineInverse(y, params, shape), x))).dataSync()[0]).toBeLessThan(2e-3);
    });
  });

  it('reports the log-determinant of its Jacobian', () => {
    tf.tidy(() => {
      const { x, params } = inputs(3);
      const { logDet } = splineForward(x, params, shape);
      const eps = 1e-3;
      let numeric = tf.zeros([n]);
      for (let j = 0; j < d; j++) {
        const e = tf.mul(tf.oneHot(tf.fill([n], j, 'int32'), d), eps);
        const up = splineForward(tf.add(x, e) as tf.Tensor2D, params, shape).y;
        const down = splineForward(tf.sub(x, e) as tf.Tensor2D, params, shape).y;
        const slope = tf.div(
          tf.sum(tf.mul(tf.sub(up, down), tf.oneHot(tf.fill([n], j, 'int32'), d)), 1),
          2 * eps,
        );
        numeric = tf.add(numeric, tf.log(slope));
      }
      const errors = Array.from(tf.abs(tf.sub(numeric, logDet)).dataSync()).sort((a, b) => a - b);
      // Finite differences straddling a knot are off (the slope is continuous, its derivative is not).
      expect(errors[Math.floor(n * 0.9)]).toBeLessThan(5e-3);
    });
  });
});
