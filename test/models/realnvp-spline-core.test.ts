import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { rationalQuadratic } from '../../src/models/realnvp/spline-core.js';
import { ensureGradients } from '../../src/tf/gradients.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  ensureGradients();
});

/** The same map written plainly, differentiated by tfjs. */
function reference(
  v: tf.Tensor,
  x0: tf.Tensor,
  w: tf.Tensor,
  y0: tf.Tensor,
  h: tf.Tensor,
  d0: tf.Tensor,
  d1: tf.Tensor,
) {
  const s = tf.div(h, w);
  const t = tf.div(tf.sub(v, x0), w);
  const tau = tf.mul(t, tf.sub(1, t));
  const a = tf.add(tf.mul(s, tf.square(t)), tf.mul(d0, tau));
  const d = tf.add(s, tf.mul(tf.sub(tf.add(d0, d1), tf.mul(s, 2)), tau));
  const b = tf.add(
    tf.add(tf.mul(d1, tf.square(t)), tf.mul(tf.mul(s, 2), tau)),
    tf.mul(d0, tf.square(tf.sub(1, t))),
  );
  return {
    y: tf.add(y0, tf.div(tf.mul(h, a), d)),
    logSlope: tf.sub(tf.add(tf.mul(tf.log(s), 2), tf.log(b)), tf.mul(tf.log(d), 2)),
  };
}

describe('rationalQuadratic', () => {
  it('matches the plain formula and its automatic gradient', () => {
    const m = 7;
    const col = (values: number[]) => tf.tensor2d(values, [m, 1]);
    const w = col([0.3, 0.5, 1.2, 0.05, 0.8, 2, 0.4]);
    const x0 = col([-1, 0, 0.5, 2, -3, -0.2, 1]);
    const theta = [0.1, 0.5, 0.9, 0.01, 0.99, 0.3, 0.7];
    const v = tf.add(x0, tf.mul(w, col(theta)));
    const inputs = [
      v,
      x0,
      w,
      col([-0.5, 0.1, 0.2, 1.5, -2, 0, 0.7]),
      col([0.4, 0.3, 2, 0.1, 0.5, 1.5, 0.2]),
      col([0.5, 1, 2, 0.2, 3, 0.01, 1.1]),
      col([1.5, 0.7, 0.3, 2.5, 0.1, 1, 0.02]),
    ];
    const cy = col([1, -2, 0.5, 3, -1, 0.25, 2]);
    const cl = col([0.3, 1, -1.5, 0.2, 2, -0.7, 1]);
    const objective =
      (f: (...x: tf.Tensor[]) => { y: tf.Tensor; logSlope: tf.Tensor }) =>
      (...x: tf.Tensor[]) => {
        const { y, logSlope } = f(...x);
        return tf.sum(tf.add(tf.mul(y, cy), tf.mul(logSlope, cl)));
      };
    const ours = (...x: tf.Tensor[]) => {
      const [vv, a, b, c, d, e, f] = x as [
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
      ];
      return rationalQuadratic({ v: vv, x0: a, width: b, y0: c, height: d, d0: e, d1: f });
    };
    const theirs = (...x: tf.Tensor[]) =>
      reference(...(x as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]));
    const got = ours(...inputs);
    const want = theirs(...inputs);
    expect(Array.from(got.y.dataSync())).toEqual(
      Array.from(want.y.dataSync()).map((x) => expect.closeTo(x, 5)),
    );
    expect(Array.from(got.logSlope.dataSync())).toEqual(
      Array.from(want.logSlope.dataSync()).map((x) => expect.closeTo(x, 5)),
    );
    const g1 = tf.grads(objective(ours))(inputs);
    const g2 = tf.grads(objective(theirs))(inputs);
    g1.forEach((g, i) => {
      const expected = Array.from((g2[i] as tf.Tensor).dataSync());
      expect(expected.some((x) => Math.abs(x) > 1e-3)).toBe(true);
      expect(Array.from(g.dataSync())).toEqual(expected.map((x) => expect.closeTo(x, 3)));
    });
  });
});
