import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  disposeSplineTables,
  type Spline,
  splineParamCount,
  splineTables,
  tensorSplineForward,
} from '../../src/models/realnvp/spline.js';
import { hostSplineForward } from '../../src/models/realnvp/spline-host.js';
import { ensureGradients } from '../../src/tf/gradients.js';
import { BACKENDS, useBackend } from '../backends.js';

const n = 400;
const d = 3;

/** Values and gradients of a weighted sum of both outputs, for a spline function. */
function valueAndGrads(
  forward: typeof tensorSplineForward,
  x: tf.Tensor2D,
  params: tf.Tensor2D,
  spline: Spline,
) {
  return tf.tidy(() => {
    const wy = tf.randomNormal([n, d], 0, 1, 'float32', 7);
    const wl = tf.randomNormal([n], 0, 1, 'float32', 8);
    const f = (a: tf.Tensor, b: tf.Tensor) => {
      const { y, logDet } = forward(a as tf.Tensor2D, b as tf.Tensor2D, spline);
      return tf.add(tf.sum(tf.mul(y, wy)), tf.sum(tf.mul(logDet, wl))) as tf.Scalar;
    };
    const { y, logDet } = forward(x, params, spline);
    const [gx, gp] = tf.grads(f)([x, params]);
    return [y, logDet, gx, gp].map((t) => Array.from((t as tf.Tensor).dataSync()));
  });
}

describe.each(BACKENDS)('host spline on %s', (backend) => {
  useBackend(backend);
  let spline: Spline;
  beforeAll(() => {
    ensureGradients();
    spline = { bins: 7, bound: 3, tables: splineTables({ bins: 7, bound: 3 }) };
  });
  afterAll(() => disposeSplineTables(spline.tables));

  it('gives the tensor version’s values and gradients, inside and outside the bound', () => {
    const x = tf.mul(tf.randomNormal([n, d], 0, 1, 'float32', 1), 2) as tf.Tensor2D;
    const params = tf.randomNormal([n, d * splineParamCount(spline)], 0, 1, 'float32', 2) as tf.Tensor2D;
    const host = valueAndGrads(hostSplineForward, x, params, spline);
    const tensor = valueAndGrads(tensorSplineForward, x, params, spline);
    host.forEach((values, i) => {
      const reference = tensor[i] as number[];
      const scale = Math.max(...reference.map(Math.abs));
      const worst = Math.max(...values.map((v, k) => Math.abs(v - (reference[k] as number))));
      expect(worst / scale).toBeLessThan(1e-4);
    });
    x.dispose();
    params.dispose();
  });
});
