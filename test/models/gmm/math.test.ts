import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/data/rng.js';
import { boxProbability } from '../../../src/models/gmm/box-probability.js';
import { fitEm } from '../../../src/models/gmm/em.js';
import { kMeansPlusPlus } from '../../../src/models/gmm/kmeans.js';
import { cholesky, choleskySolve, logSumExp, lowerTimesTranspose } from '../../../src/models/gmm/linalg.js';
import { mixtureLogDensity, sampleMixture } from '../../../src/models/gmm/mixture.js';
import { normalCdf, normalInterval, normalQuantile } from '../../../src/models/gmm/normal.js';

describe('5 × 5 algebra', () => {
  const a = Float64Array.from([4, 2, 0.4, 2, 5, 1, 0.4, 1, 3]);

  it('Cholesky factors reproduce the matrix and solve it', () => {
    const l = new Float64Array(9);
    expect(cholesky(a, 3, l)).toBe(true);
    expect(l[1]).toBe(0);
    const back = lowerTimesTranspose(l, 3);
    for (let k = 0; k < 9; k++) expect(back[k]).toBeCloseTo(a[k] as number, 12);
    const x = choleskySolve(l, 3, [1, 2, 3], 1);
    for (let i = 0; i < 3; i++) {
      const row =
        (a[i * 3] as number) * (x[0] as number) +
        (a[i * 3 + 1] as number) * (x[1] as number) +
        (a[i * 3 + 2] as number) * (x[2] as number);
      expect(row).toBeCloseTo(i + 1, 12);
    }
  });

  it('rejects a matrix that is not positive definite', () => {
    expect(cholesky([1, 2, 2, 1], 2, new Float64Array(4))).toBe(false);
  });

  it('logSumExp is stable and handles empty mass', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 12);
    expect(logSumExp([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('standard normal', () => {
  it('matches reference values in the body and the tails (scipy.stats.norm)', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(1.5)).toBeCloseTo(0.9331927987311419, 14);
    expect(normalCdf(-3) / 0.0013498980316300946).toBeCloseTo(1, 12);
    expect(normalCdf(-8) / 6.220960574271786e-16).toBeCloseTo(1, 7);
    expect(normalInterval(6, 7) / (9.865876450377e-10 - 1.279812543885835e-12)).toBeCloseTo(1, 8);
  });

  it('quantile inverts the CDF', () => {
    for (const p of [1e-12, 1e-4, 0.01, 0.3, 0.5, 0.77, 0.999])
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 10);
  });
});

describe('box probabilities', () => {
  it('the orthant of a correlated bivariate normal: 1/4 + asin(ρ)/2π', () => {
    const rho = 0.6;
    const l = new Float64Array(4);
    cholesky([1, rho, rho, 1], 2, l);
    const p = boxProbability([0, 0], l, 2, [-50, -50], [0, 0]);
    expect(p).toBeCloseTo(0.25 + Math.asin(rho) / (2 * Math.PI), 4);
  });

  it('agrees with Monte Carlo in 5 dimensions', () => {
    const cov = [
      [0.04, 0.01, 0, 0.005, 0],
      [0.01, 0.03, 0.004, 0, 0],
      [0, 0.004, 0.05, 0.01, 0.01],
      [0.005, 0, 0.01, 0.02, 0],
      [0, 0, 0.01, 0, 0.06],
    ].flat();
    const mean = [0.8, 0.5, 0.1, 0.5, 0.9];
    const l = new Float64Array(25);
    cholesky(cov, 5, l);
    const p = boxProbability(mean, l, 5, [0, 0, 0, 0, 0], [1, 1, 1, 1, 1]);
    const mixture = {
      dim: 5,
      components: 1,
      weights: Float64Array.of(1),
      means: Float64Array.from(mean),
      cholesky: l,
    };
    const n = 200000;
    const draws = sampleMixture(mixture, n, new Rng(1));
    let inside = 0;
    for (let i = 0; i < n; i++) {
      let ok = true;
      for (let j = 0; j < 5; j++)
        ok &&= (draws[i * 5 + j] as number) >= 0 && (draws[i * 5 + j] as number) <= 1;
      if (ok) inside++;
    }
    const sd = Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(inside / n - p)).toBeLessThan(4 * sd);
    expect(p).toBeGreaterThan(0.3);
    expect(p).toBeLessThan(0.9);
  });
});

describe('EM', () => {
  function twoBlobs(n: number, seed: number): Float64Array {
    const rng = new Rng(seed);
    const data = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const side = i < 0.3 * n ? 0 : 1;
      data[2 * i] = (side ? 3 : -2) + (side ? 0.5 : 1) * rng.normal();
      data[2 * i + 1] = (side ? 1 : 0) + 0.7 * rng.normal();
    }
    return data;
  }

  it('k-means++ is seeded and picks distinct points', () => {
    const data = twoBlobs(500, 1);
    const a = kMeansPlusPlus(data, 500, 2, 4, new Rng(3));
    expect(kMeansPlusPlus(data, 500, 2, 4, new Rng(3)).centres).toEqual(a.centres);
    expect(new Set(Array.from({ length: 4 }, (_, c) => a.centres[2 * c])).size).toBe(4);
  });

  it('recovers the weights, means and spreads of a 2-component mixture', () => {
    const data = twoBlobs(4000, 2);
    const run = fitEm(
      data,
      4000,
      2,
      { components: 2, regularization: 1e-6, tolerance: 1e-6, maxIterations: 500 },
      new Rng(1),
    );
    expect(run.converged).toBe(true);
    const first = (run.mixture.means[0] as number) < 0 ? 0 : 1;
    const m = run.mixture;
    expect(m.weights[first]).toBeCloseTo(0.3, 1);
    expect(m.means[2 * first]).toBeCloseTo(-2, 1);
    expect(m.means[2 * (1 - first)]).toBeCloseTo(3, 1);
    expect(m.cholesky[4 * (1 - first)]).toBeCloseTo(0.5, 1);
    // Every EM step raises the likelihood: the fitted one beats the k-means start.
    const start = fitEm(
      data,
      4000,
      2,
      { components: 2, regularization: 1e-6, tolerance: 1e-6, maxIterations: 1 },
      new Rng(1),
    );
    const mean = (lp: Float64Array) => lp.reduce((a, b) => a + b, 0) / lp.length;
    expect(mean(mixtureLogDensity(m, data, 4000))).toBeGreaterThan(
      mean(mixtureLogDensity(start.mixture, data, 4000)),
    );
  });
});
