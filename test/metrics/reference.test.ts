// Exactness against numpy/scipy: the project's reference fixture (../../shared/fixtures, copied to
// test/fixtures) and extra edge cases from test/metrics/numpy-cases.py (histogram bin edges, ties, the unbiased
// estimator, the median heuristic).
import { describe, expect, it } from 'vitest';
import { countUniformBins, countWithEdges, numpyBinEdges } from '../../src/metrics/histogram.js';
import {
  energyDistance1d,
  klDivergence,
  medianHeuristic,
  mmd,
  wasserstein1d,
} from '../../src/metrics/index.js';
import reference from '../fixtures/metrics-reference.json' with { type: 'json' };
import extra from './numpy-cases.json' with { type: 'json' };

const TOLERANCE = 1e-9;

function expectRelative(actual: number, expected: number): void {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `${actual} vs ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

interface OneDCase {
  kind: '1d';
  name: string;
  a: number[];
  b: number[];
  wasserstein: number;
  energy: number;
  kl_100bins: number;
  kl_10bins: number;
}
interface MmdCase {
  kind: 'mmd';
  name: string;
  x: number[][];
  y: number[][];
  sigma: number;
  mmd_biased: number;
}
const cases = reference.cases as (OneDCase | MmdCase)[];

describe('metrics-reference.json (numpy 1.24 / scipy), 1e-9 relative', () => {
  it('holds both kinds of case', () => {
    expect(cases.filter((c) => c.kind === '1d').length).toBeGreaterThanOrEqual(4);
    expect(cases.filter((c) => c.kind === 'mmd').length).toBeGreaterThanOrEqual(3);
  });
  for (const c of cases) {
    if (c.kind === '1d') {
      it(`${c.name}: wasserstein1d, energyDistance1d, klDivergence (100 and 10 bins)`, () => {
        expectRelative(wasserstein1d(c.a, c.b), c.wasserstein);
        expectRelative(energyDistance1d(c.a, c.b), c.energy);
        expectRelative(klDivergence(c.a, c.b), c.kl_100bins);
        expectRelative(klDivergence(c.a, c.b, { bins: 10 }), c.kl_10bins);
      });
    } else {
      it(`${c.name}: mmd (biased, σ = ${c.sigma})`, () => {
        expectRelative(mmd(c.x, c.y, { sigma: c.sigma }), c.mmd_biased);
        // Points (float32 storage) would round the inputs; a Float64Array keeps them.
        const flat = { data: Float64Array.from(c.x.flat()), dim: c.x[0]?.length ?? 0 };
        expectRelative(mmd(flat, c.y, { sigma: c.sigma }), c.mmd_biased);
      });
    }
  }
});

describe('numpy-cases.json (numpy 2 / scipy 1.17)', () => {
  for (const c of extra.kl) {
    it(`histogram KL "${c.name}": numpy's edges and bin counts, to the bit, and the KL`, () => {
      const p = Float64Array.from(c.p);
      const edges = numpyBinEdges(p, c.bins);
      expect(Array.from(edges)).toEqual(c.edges);
      expect(Array.from(countUniformBins(p, edges))).toEqual(c.countsP);
      expect(Array.from(countWithEdges(Float64Array.from(c.q), edges))).toEqual(c.countsQ);
      expectRelative(klDivergence(c.p, c.q, { bins: c.bins }), c.kl);
    });
  }

  it('W1 and energy distance with ties and negative values', () => {
    const { a, b, wasserstein, energy } = extra.oneD;
    expectRelative(wasserstein1d(a, b), wasserstein);
    expectRelative(wasserstein1d(Float32Array.from(a), b), wasserstein);
    expectRelative(energyDistance1d(a, b), energy);
  });

  it('mmd: biased and unbiased estimators, and the median heuristic (median of pooled pairwise distances)', () => {
    const { x, y, sigma, biased, unbiased, medianSigma, biasedMedian } = extra.mmd;
    expectRelative(mmd(x, y, { sigma }), biased);
    expectRelative(mmd(x, y, { sigma, estimator: 'unbiased' }), unbiased);
    expectRelative(medianHeuristic(x, y), medianSigma);
    expectRelative(mmd(x, y, { sigma: 'median' }), biasedMedian);
  });
});
