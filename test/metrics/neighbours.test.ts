import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/data/rng.js';
import { c2st, distanceToClosest, memorization } from '../../src/metrics/index.js';
import { KdTree } from '../../src/metrics/knn.js';

const sqDist = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - (b[j] as number)) ** 2, 0);

/** k nearest by brute force, ranked by (squared distance, index). */
function bruteNearest(points: number[][], query: number[], k: number, exclude: number): [number, number][] {
  return points
    .map((p, i): [number, number] => [sqDist(query, p), i])
    .filter(([, i]) => i !== exclude)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, k);
}

/** Leave-one-out k-NN accuracy by brute force, with c2st's documented rules, for equal-size sets. */
function bruteC2st(x: number[][], y: number[][], k: number): number {
  const pooled = [...x, ...y];
  let correct = 0;
  pooled.forEach((p, i) => {
    const near = bruteNearest(pooled, p, k, i);
    const votes = near.filter(([, j]) => j >= x.length).length;
    const predictedY = 2 * votes === k ? (near[0] as [number, number])[1] >= x.length : 2 * votes > k;
    if (predictedY === i >= x.length) correct++;
  });
  return correct / pooled.length;
}

/** Rows on a coarse lattice, so that exact distance ties are frequent; any length up to `max`. */
const latticeRows = (dim: number, min: number, max: number) =>
  fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: dim, maxLength: dim }), {
    minLength: min,
    maxLength: max,
    size: 'max',
  });

describe('KdTree', () => {
  it('returns exactly the brute-force neighbours, ties broken by index', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((dim) => fc.tuple(latticeRows(dim, 1, 150), latticeRows(dim, 1, 5))),
        fc.integer({ min: 1, max: 8 }),
        ([points, queries], k) => {
          const dim = (points[0] as number[]).length;
          const tree = new KdTree({ data: Float64Array.from(points.flat()), count: points.length, dim });
          const ids = new Int32Array(k);
          const dist = new Float64Array(k);
          const cases: [number[], number][] = [
            ...queries.map((q): [number[], number] => [q, -1]),
            ...points.map((p, i): [number[], number] => [p, i]),
          ];
          for (const [query, exclude] of cases) {
            const found = tree.nearest(Float64Array.from(query), 0, k, exclude, ids, dist);
            const expected = bruteNearest(points, query, k, exclude);
            expect(found).toBe(expected.length);
            expect(Array.from(ids.subarray(0, found))).toEqual(expected.map(([, i]) => i));
            expect(Array.from(dist.subarray(0, found))).toEqual(expected.map(([d]) => d));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('c2st', () => {
  it('matches a brute-force leave-one-out k-NN on lattice data with many ties', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((dim) => fc.tuple(latticeRows(dim, 8, 8), latticeRows(dim, 8, 8))),
        fc.integer({ min: 1, max: 6 }),
        ([x, y], k) => {
          expect(c2st(x, y, { k })).toBe(bruteC2st(x, y, k));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is 1 for far-apart sets, about 0.5 for one distribution, 0 for copies (k = 1)', () => {
    const rng = new Rng(2);
    const draw = (n: number, shift = 0) =>
      Array.from({ length: n }, () => [rng.normal() + shift, rng.normal()]);
    const x = draw(600);
    expect(c2st(x, draw(600, 100))).toBe(1);
    const same = c2st(x, draw(600));
    expect(same).toBeGreaterThan(0.44);
    expect(same).toBeLessThan(0.56);
    expect(c2st(x, x, { k: 1 })).toBe(0);
  });

  it('balances by subsampling the larger set with the seed', () => {
    const rng = new Rng(4);
    const small = Array.from({ length: 30 }, () => [rng.uniform(), rng.uniform()]);
    const large = Array.from({ length: 300 }, () => [rng.uniform(), rng.uniform()]);
    const accuracy = c2st(small, large, { seed: 9 });
    expect(accuracy * 60).toBeCloseTo(Math.round(accuracy * 60), 9); // 60 classified points
    expect(c2st(small, large, { seed: 9 })).toBe(accuracy);
    expect(c2st(large, small, { seed: 9 })).toBe(accuracy);
    const seeds = new Set(Array.from({ length: 8 }, (_, s) => c2st(small, large, { seed: s })));
    expect(seeds.size).toBeGreaterThan(1);
  });
});

describe('distanceToClosest and memorization', () => {
  it('distanceToClosest equals brute force', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((dim) => fc.tuple(latticeRows(dim, 1, 30), latticeRows(dim, 1, 40))),
        ([query, reference]) => {
          const expected = query.map((q) => Math.sqrt(Math.min(...reference.map((r) => sqDist(q, r)))));
          expect(Array.from(distanceToClosest(query, reference))).toEqual(expected);
        },
      ),
    );
  });

  it('flags copies and passes fresh samples', () => {
    const rng = new Rng(8);
    const draw = (n: number) =>
      Array.from({ length: n }, () => [rng.uniform(), rng.uniform(), rng.uniform()]);
    const train = draw(800);
    const test = draw(200);
    const copies = memorization(train.slice(0, 400), { train, test });
    expect(copies.exactCopies).toBe(1);
    expect(copies.dcrRatio).toBe(0);
    const fresh = memorization(draw(400), { train, test });
    expect(fresh.exactCopies).toBe(0);
    expect(fresh.dcrRatio).toBeGreaterThan(0.8);
    expect(fresh.dcrRatio).toBeLessThan(1.25);
    expect(fresh.dcrRatio).toBeCloseTo(fresh.medianDcrGenerated / fresh.medianDcrTest, 12);
  });

  it('refuses a test set that mostly duplicates the training set', () => {
    const train = [[0], [1], [2]];
    expect(() => memorization([[0.5]], { train, test: [[0], [1], [5]] })).toThrow(/^test:/);
  });
});
