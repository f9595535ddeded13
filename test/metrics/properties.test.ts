import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/data/rng.js';
import { expNonPositive } from '../../src/metrics/exp.js';
import {
  energyDistance1d,
  klDivergence,
  mmd,
  mmdPermutationTest,
  slicedWasserstein,
  wasserstein1d,
} from '../../src/metrics/index.js';

const coordinate = fc.double({ min: -3, max: 3, noNaN: true });
/** Point sets of 1 to 30 rows of 1 to 7 columns (7 exercises the padded, chunked kernel path). */
const pointSets = fc
  .integer({ min: 1, max: 7 })
  .chain((dim) =>
    fc.tuple(
      fc.array(fc.array(coordinate, { minLength: dim, maxLength: dim }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.array(coordinate, { minLength: dim, maxLength: dim }), { minLength: 1, maxLength: 30 }),
    ),
  );
const sigmas = fc.double({ min: 0.05, max: 5, noNaN: true });
const samples = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 });

const sqDist = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - (b[j] as number)) ** 2, 0);

/** The biased MMD² by its definition, with Math.exp and no symmetry shortcuts. */
function naiveMmd(x: number[][], y: number[][], sigma: number): number {
  const k = (a: number[], b: number[]) => Math.exp(-sqDist(a, b) / (2 * sigma * sigma));
  const mean = (u: number[][], v: number[][]) => {
    let s = 0;
    for (const a of u) for (const b of v) s += k(a, b);
    return s / (u.length * v.length);
  };
  return mean(x, x) + mean(y, y) - 2 * mean(x, y);
}

describe('mmd properties', () => {
  it('equals the definition computed naively', () => {
    fc.assert(
      fc.property(pointSets, sigmas, ([x, y], sigma) => {
        const expected = naiveMmd(x, y, sigma);
        expect(Math.abs(mmd(x, y, { sigma }) - expected)).toBeLessThanOrEqual(
          1e-12 + 1e-9 * Math.abs(expected),
        );
      }),
    );
  });

  it('mmd(x, x) = 0 (biased), to float64 rounding', () => {
    fc.assert(
      fc.property(pointSets, sigmas, ([x], sigma) => {
        expect(Math.abs(mmd(x, x, { sigma }))).toBeLessThanOrEqual(1e-14);
      }),
    );
  });

  it('is symmetric and the biased estimator is non-negative', () => {
    fc.assert(
      fc.property(pointSets, sigmas, fc.constantFrom('biased', 'unbiased'), ([x, y], sigma, estimator) => {
        fc.pre(estimator === 'biased' || (x.length > 1 && y.length > 1));
        const xy = mmd(x, y, { sigma, estimator });
        const yx = mmd(y, x, { sigma, estimator });
        expect(Math.abs(xy - yx)).toBeLessThanOrEqual(1e-14);
        if (estimator === 'biased') expect(xy).toBeGreaterThanOrEqual(-1e-14);
      }),
    );
  });

  it('biased - unbiased = (1 - Uxx)/n + (1 - Uyy)/m, with U the mean kernel over distinct pairs', () => {
    fc.assert(
      fc.property(pointSets, sigmas, ([x, y], sigma) => {
        fc.pre(x.length > 1 && y.length > 1);
        const distinctMean = (u: number[][]) => {
          const n = u.length;
          let s = 0;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              if (i !== j) s += Math.exp(-sqDist(u[i] as number[], u[j] as number[]) / (2 * sigma * sigma));
            }
          }
          return s / (n * (n - 1));
        };
        const expected = (1 - distinctMean(x)) / x.length + (1 - distinctMean(y)) / y.length;
        const gap = mmd(x, y, { sigma }) - mmd(x, y, { sigma, estimator: 'unbiased' });
        expect(Math.abs(gap - expected)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});

describe('1-D distances', () => {
  it('wasserstein1d(a, a + c) = |c|', () => {
    fc.assert(
      fc.property(samples, fc.double({ min: -100, max: 100, noNaN: true }), (a, c) => {
        const shifted = a.map((v) => v + c);
        // a + c rounds each value, so |c| holds up to that rounding.
        expect(wasserstein1d(a, shifted)).toBeCloseTo(Math.abs(c), 9);
      }),
    );
  });

  it('W1 and energy distance are symmetric, non-negative and 0 for the same sample in another order', () => {
    fc.assert(
      fc.property(samples, samples, (a, b) => {
        expect(wasserstein1d(a, b)).toBeCloseTo(wasserstein1d(b, a), 9);
        expect(energyDistance1d(a, b)).toBeCloseTo(energyDistance1d(b, a), 9);
        expect(wasserstein1d(a, b)).toBeGreaterThanOrEqual(0);
        expect(wasserstein1d(a, [...a].reverse())).toBe(0);
        expect(energyDistance1d(a, [...a].reverse())).toBe(0);
      }),
    );
  });

  it('KL of identical samples is 0, and KL is ≥ 0', () => {
    fc.assert(
      fc.property(samples, samples, fc.integer({ min: 1, max: 120 }), (p, q, bins) => {
        fc.pre(Math.max(...p) - Math.min(...p) > 1e-300 || Math.max(...p) === Math.min(...p));
        expect(klDivergence(p, [...p].reverse(), { bins })).toBeCloseTo(0, 12);
        const inRange = q.filter((v) => v >= Math.min(...p) && v <= Math.max(...p));
        fc.pre(inRange.length > 0);
        expect(klDivergence(p, q, { bins })).toBeGreaterThanOrEqual(-1e-12);
      }),
    );
  });
});

describe('sliced Wasserstein', () => {
  it('is 0 for identical sets, symmetric, and the same for the same seed', () => {
    fc.assert(
      fc.property(pointSets, fc.integer(), ([x, y], seed) => {
        expect(slicedWasserstein(x, x, { projections: 8, seed })).toBe(0);
        const xy = slicedWasserstein(x, y, { projections: 8, seed });
        expect(xy).toBeCloseTo(slicedWasserstein(y, x, { projections: 8, seed }), 9);
        expect(slicedWasserstein(x, y, { projections: 8, seed })).toBe(xy);
      }),
      { numRuns: 50 },
    );
  });

  it('approaches 2/π · |shift| for a unit shift in 2-D', () => {
    const x = Array.from({ length: 50 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
    const shifted = x.map(([a, b]) => [(a as number) + 1, b as number]);
    expect(slicedWasserstein(x, shifted, { projections: 4000, seed: 1 })).toBeCloseTo(2 / Math.PI, 1);
  });
});

describe('mmdPermutationTest', () => {
  it('statistic equals mmd and p-values are uniform-ish under the null', () => {
    const rng = new Rng(11);
    const draw = (n: number) => Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
    const pValues: number[] = [];
    for (let t = 0; t < 200; t++) {
      const x = draw(15);
      const y = draw(12);
      const result = mmdPermutationTest(x, y, { sigma: 1, permutations: 99, seed: t });
      expect(Math.abs(result.statistic - mmd(x, y, { sigma: 1 }))).toBeLessThanOrEqual(1e-14);
      pValues.push(result.pValue);
    }
    const share = (limit: number) => pValues.filter((p) => p <= limit).length / pValues.length;
    // Under the null P(p ≤ α) ≈ α; 200 trials give a standard error of at most 0.035.
    expect(share(0.1)).toBeGreaterThan(0.02);
    expect(share(0.1)).toBeLessThan(0.2);
    expect(share(0.5)).toBeGreaterThan(0.38);
    expect(share(0.5)).toBeLessThan(0.62);
    const mean = pValues.reduce((s, p) => s + p, 0) / pValues.length;
    expect(mean).toBeGreaterThan(0.42);
    expect(mean).toBeLessThan(0.58);
  });

  it('detects a shift, and the unbiased estimator and median bandwidth agree on it', () => {
    const rng = new Rng(3);
    const x = Array.from({ length: 60 }, () => [rng.normal(), rng.normal()]);
    const y = Array.from({ length: 40 }, () => [rng.normal() + 1, rng.normal()]);
    for (const estimator of ['biased', 'unbiased'] as const) {
      const result = mmdPermutationTest(x, y, { sigma: 'median', estimator, permutations: 300, seed: 1 });
      expect(result.pValue).toBeLessThan(0.01);
      expect(result.statistic).toBeCloseTo(mmd(x, y, { sigma: 'median', estimator }), 12);
    }
  });
});

describe('expNonPositive', () => {
  it('is within 1e-15 relative of Math.exp on [-700, 0] and 0 below the float64 range', () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 0, noNaN: true }), (t) => {
        const e = Math.exp(t);
        expect(Math.abs(expNonPositive(t) - e)).toBeLessThanOrEqual(1e-15 * e);
      }),
      { numRuns: 5000 },
    );
    expect(expNonPositive(0)).toBe(1);
    expect(expNonPositive(-800)).toBe(0);
    expect(expNonPositive(Number.NEGATIVE_INFINITY)).toBe(0);
  });
});
