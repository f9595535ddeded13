import { describe, expect, it } from 'vitest';
import type { Mixture } from '../../../src/models/gmm/mixture.js';
import { normalCdf, normalQuantile } from '../../../src/models/gmm/normal.js';
import {
  coordinateQuantiles,
  nextCoordinateQuantiles,
  normalMixtureQuantile,
} from '../../../src/models/gmm/quantile.js';
import { CHOL, handCdf, MEANS, W, Y } from './hand-mixture.js';

const hand: Mixture = {
  dim: 2,
  components: 2,
  weights: Float64Array.from(W),
  means: Float64Array.from(MEANS),
  cholesky: Float64Array.from(CHOL),
};
const QS = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99];

describe('coordinateQuantiles', () => {
  it('inverts the hand-computed CDF of x given y to 1e-9', () => {
    for (const q of QS) {
      const [v] = coordinateQuantiles(hand, [1], Float64Array.of(Y), 1, 0, 0, 1, q);
      expect(Math.abs(handCdf(v as number) - q)).toBeLessThan(1e-9);
    }
  });

  it('given nothing, is the quantile of the marginal, truncated to the support', () => {
    // x alone: 0.3·N(0.3, 0.01) + 0.7·N(0.6, 0.02) on [0, 1].
    const parts = [
      { w: 0.3, m: 0.3, s: 0.1 },
      { w: 0.7, m: 0.6, s: 0.1 * Math.SQRT2 },
    ];
    const below = (x: number) =>
      parts.reduce((s, c) => s + c.w * (normalCdf((x - c.m) / c.s) - normalCdf(-c.m / c.s)), 0);
    for (const q of QS) {
      const [v] = coordinateQuantiles(hand, [], new Float64Array(0), 1, 0, 0, 1, q);
      expect(Math.abs(below(v as number) / below(1) - q)).toBeLessThan(1e-9);
    }
  });

  it('one value per row of given values, each its own conditional', () => {
    const ys = Float64Array.of(0.2, Y, 0.8);
    const all = coordinateQuantiles(hand, [1], ys, 3, 0, 0, 1, 0.3);
    ys.forEach((y, i) => {
      expect(all[i]).toBe(coordinateQuantiles(hand, [1], Float64Array.of(y), 1, 0, 0, 1, 0.3)[0]);
    });
    expect(new Set(all).size).toBe(3);
  });

  it('a middle coordinate of a 3-D Gaussian given the outer two is the Schur complement', () => {
    // Covariance [[1, .5, 0], [.5, 1, .5], [0, .5, 1]] / 100 (Cholesky below) and mean (.5, .5, .5): y given
    // x and z has mean .5 + .5 (x − .5) + .5 (z − .5) and variance (1 − 2·.5²)/100 = .005 (Σ_bb = I/100).
    const l = [1, 0, 0, 0.5, Math.sqrt(0.75), 0, 0, 0.5 / Math.sqrt(0.75), Math.sqrt(1 - 0.25 / 0.75)];
    const m: Mixture = {
      dim: 3,
      components: 1,
      weights: Float64Array.of(1),
      means: Float64Array.of(0.5, 0.5, 0.5),
      cholesky: Float64Array.from(l, (v) => v / 10),
    };
    const [v] = coordinateQuantiles(m, [0, 2], Float64Array.of(0.45, 0.53), 1, 1, 0, 1, 0.9);
    expect(v).toBeCloseTo(0.49 + Math.sqrt(0.005) * normalQuantile(0.9), 9);
  });

  it('rejects a coordinate that is given', () => {
    expect(() => coordinateQuantiles(hand, [0], Float64Array.of(0.5), 1, 0, 0, 1, 0.5)).toThrow(/is given/);
  });
});

describe('nextCoordinateQuantiles', () => {
  it('estimates the lowest coordinate not given, as float32 inside the support', () => {
    const columns = new Map([[1, Float32Array.of(Y, Y)]]);
    const top = nextCoordinateQuantiles(hand, columns, 2, [1.1, 1.1], 1);
    expect(top.coordinate).toBe(0);
    // 1.1 is no float32: the top of the support comes back as the largest float32 below it.
    expect(Array.from(top.values)).toEqual([1.0999999046325684, 1.0999999046325684]);
    expect(
      nextCoordinateQuantiles(hand, new Map([[0, Float32Array.of(0.5)]]), 1, [1, 1], 0.5).coordinate,
    ).toBe(1);
    const all = new Map([
      [0, Float32Array.of(0.5)],
      [1, Float32Array.of(0.5)],
    ]);
    expect(() => nextCoordinateQuantiles(hand, all, 1, [1, 1], 0.5)).toThrow(/every coordinate/);
  });
});

describe('normalMixtureQuantile', () => {
  const logW = Float64Array.of(Math.log(0.3), Math.log(0.7));
  const means = Float64Array.of(0.2, 0.75);
  const sds = Float64Array.of(0.05, 0.1);

  it('gives the support ends for quantiles 0 and 1', () => {
    expect(normalMixtureQuantile(logW, means, sds, 0, 1.25, 0)).toBe(0);
    expect(normalMixtureQuantile(logW, means, sds, 0, 1.25, 1)).toBe(1.25);
  });

  it('rises with the quantile, through the gap between the modes too', () => {
    let last = Number.NEGATIVE_INFINITY;
    for (let t = 0; t <= 200; t++) {
      const v = normalMixtureQuantile(logW, means, sds, 0, 1, t / 200);
      expect(v).toBeGreaterThan(last);
      last = v;
    }
    // The 30% quantile sits in the near-empty gap between the modes.
    const gap = normalMixtureQuantile(logW, means, sds, 0, 1, 0.3);
    expect(gap).toBeGreaterThan(0.3);
    expect(gap).toBeLessThan(0.55);
  });

  it('is the normal quantile for a single Gaussian', () => {
    // Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(0.5) = 0, Φ⁻¹(0.1) = −1.2815515655446004 (tables).
    const table: [number, number][] = [
      [0.975, 1.959963984540054],
      [0.5, 0],
      [0.1, -1.2815515655446004],
    ];
    for (const [q, z] of table) {
      const v = normalMixtureQuantile([0], [3], [0.5], -20, 30, q);
      expect(v).toBeCloseTo(3 + 0.5 * z, 9);
    }
  });

  it('is the truncated normal quantile for a single Gaussian cut by the support', () => {
    // N(0.9, 0.2²) on [0, 1]: Φ⁻¹(Φ(a) + q (Φ(b) − Φ(a))).
    const a = normalCdf(-0.9 / 0.2);
    const b = normalCdf(0.1 / 0.2);
    for (const q of QS) {
      const v = normalMixtureQuantile([0], [0.9], [0.2], 0, 1, q);
      expect(v).toBeCloseTo(0.9 + 0.2 * normalQuantile(a + q * (b - a)), 9);
    }
  });

  it('throws for zero weights or no mass inside the support, never NaN', () => {
    expect(() => normalMixtureQuantile([Number.NEGATIVE_INFINITY], [0.5], [0.1], 0, 1, 0.5)).toThrow(
      /zero density/,
    );
    expect(() => normalMixtureQuantile([0], [100], [0.1], 0, 1, 0.5)).toThrow(/no mass/);
  });
});
