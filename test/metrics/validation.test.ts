import { describe, expect, it } from 'vitest';
import { InvalidPointsError } from '../../src/errors.js';
import {
  c2st,
  distanceToClosest,
  energyDistance1d,
  evaluate,
  evaluateSeedStyle,
  klDivergence,
  memorization,
  mmd,
  mmdPermutationTest,
  slicedWasserstein,
  wasserstein1d,
} from '../../src/metrics/index.js';

const x = [
  [0.1, 0.2],
  [0.3, 0.4],
  [0.5, 0.1],
];
const y = [
  [0.2, 0.2],
  [0.4, 0.3],
];

/** Expects `fn` to throw an error of class `type` whose message starts with `argument:`. */
function expectRejects(fn: () => unknown, type: new (...args: never[]) => Error, argument: string): void {
  expect(fn).toThrow(type);
  expect(fn).toThrow(new RegExp(`^${argument.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`));
}

describe('bad point sets are rejected, naming the argument', () => {
  const twoSet: [string, (a: unknown, b: unknown) => unknown][] = [
    ['mmd', (a, b) => mmd(a as number[][], b as number[][])],
    [
      'mmdPermutationTest',
      (a, b) => mmdPermutationTest(a as number[][], b as number[][], { permutations: 5 }),
    ],
    ['slicedWasserstein', (a, b) => slicedWasserstein(a as number[][], b as number[][])],
    ['c2st', (a, b) => c2st(a as number[][], b as number[][], { k: 1 })],
  ];
  for (const [name, fn] of twoSet) {
    it(name, () => {
      expectRejects(() => fn([], y), InvalidPointsError, 'x');
      expectRejects(() => fn(x, []), InvalidPointsError, 'y');
      expectRejects(() => fn([[0, Number.NaN]], y), InvalidPointsError, 'x');
      expectRejects(() => fn(x, [[0, Number.POSITIVE_INFINITY]]), InvalidPointsError, 'y');
      expectRejects(() => fn([[0, 1], [2]], y), InvalidPointsError, 'x');
      expectRejects(() => fn(x, [[0, 1, 2]]), InvalidPointsError, 'y');
      expectRejects(() => fn('points', y), InvalidPointsError, 'x');
    });
  }

  it('distanceToClosest, memorization, evaluate, evaluateSeedStyle', () => {
    expectRejects(() => distanceToClosest([], y), InvalidPointsError, 'query');
    expectRejects(() => distanceToClosest(x, [[1, 2, 3]]), InvalidPointsError, 'query');
    expectRejects(() => distanceToClosest(x, [[Number.NaN, 1]]), InvalidPointsError, 'reference');
    expectRejects(() => memorization([], { train: x, test: y }), InvalidPointsError, 'generated');
    expectRejects(() => memorization(x, { train: [[1]], test: y }), InvalidPointsError, 'train');
    expectRejects(() => memorization(x, { train: x, test: [[1, Number.NaN]] }), InvalidPointsError, 'test');
    expectRejects(() => evaluate(x, { train: x, test: [] }), InvalidPointsError, 'test');
    expectRejects(() => evaluate(x, { train: [] as number[][], test: y }), InvalidPointsError, 'train');
    expectRejects(() => evaluateSeedStyle(x, [[1, 2, 3]]), InvalidPointsError, 'all');
  });
});

describe('bad 1-D samples are rejected, naming the argument', () => {
  const oneD: [string, (a: unknown, b: unknown) => unknown, [string, string]][] = [
    ['wasserstein1d', (a, b) => wasserstein1d(a as number[], b as number[]), ['a', 'b']],
    ['energyDistance1d', (a, b) => energyDistance1d(a as number[], b as number[]), ['a', 'b']],
    ['klDivergence', (a, b) => klDivergence(a as number[], b as number[]), ['p', 'q']],
  ];
  for (const [name, fn, [first, second]] of oneD) {
    it(name, () => {
      expectRejects(() => fn([], [1]), RangeError, first);
      expectRejects(() => fn([1], new Float64Array(0)), RangeError, second);
      expectRejects(() => fn([1, Number.NaN], [1]), RangeError, first);
      expectRejects(() => fn([1], [Number.NEGATIVE_INFINITY]), RangeError, second);
      expectRejects(() => fn(['1'], [1]), TypeError, first);
      expectRejects(() => fn([1], 5), TypeError, second);
      expectRejects(() => fn(null, [1]), TypeError, first);
    });
  }
});

describe('bad options are rejected, naming the option', () => {
  it('sigma, estimator', () => {
    expectRejects(() => mmd(x, y, { sigma: 0 }), RangeError, 'sigma');
    expectRejects(() => mmd(x, y, { sigma: -1 }), RangeError, 'sigma');
    expectRejects(() => mmd(x, y, { sigma: Number.NaN }), RangeError, 'sigma');
    expectRejects(() => mmd(x, y, { sigma: 1e-200 }), RangeError, 'sigma');
    expectRejects(() => mmdPermutationTest(x, y, { sigma: 1e-200 }), RangeError, 'sigma');
    expectRejects(() => mmd(x, y, { sigma: '0.1' as unknown as number }), TypeError, 'sigma');
    expectRejects(() => mmd(x, y, { estimator: 'v' as 'biased' }), RangeError, 'estimator');
    expectRejects(() => mmd([[0, 0]], y, { estimator: 'unbiased' }), RangeError, 'x');
    const clumped = [
      [0, 0],
      [0, 0],
      [0, 0],
    ];
    expectRejects(
      () =>
        mmd(
          clumped,
          [
            [0, 0],
            [1, 1],
          ],
          { sigma: 'median' },
        ),
      RangeError,
      'sigma',
    );
    expectRejects(() => mmd(x, y, 3 as unknown as object), TypeError, 'options');
  });

  it('bins, k, projections, permutations, seed', () => {
    expectRejects(() => klDivergence([1, 2], [1], { bins: 0 }), RangeError, 'bins');
    expectRejects(() => klDivergence([1, 2], [1], { bins: 2.5 }), RangeError, 'bins');
    expectRejects(() => klDivergence([0, 1], [2, 3]), RangeError, 'q');
    expectRejects(() => klDivergence([0, 5e-324], [0]), RangeError, 'p');
    expectRejects(() => c2st(x, y, { k: 0 }), RangeError, 'k');
    expectRejects(() => c2st(x, y, { k: 4 }), RangeError, 'k');
    expectRejects(() => slicedWasserstein(x, y, { projections: 0 }), RangeError, 'projections');
    expectRejects(() => mmdPermutationTest(x, y, { permutations: -1 }), RangeError, 'permutations');
    expectRejects(() => mmdPermutationTest(x, y, { seed: Number.NaN }), RangeError, 'seed');
    expectRejects(() => evaluate(x, { train: x, test: y, seed: Number.NaN }), RangeError, 'seed');
  });

  it('the permutation test refuses a pooled sample too large to hold its kernel matrix', () => {
    const big = Array.from({ length: 5001 }, (_, i) => [i]);
    expectRejects(() => mmdPermutationTest(big, big), RangeError, 'x, y');
  });
});

describe('accepted inputs', () => {
  const rows = [
    [0.1, 0.2],
    [0.3, 0.45],
    [0.5, 0.1],
  ];
  const rounded = rows.map((r) => r.map((v) => Math.fround(v)));

  it('rows keep float64 precision; Points and tensors are used at their float32 values', () => {
    const points = { data: Float32Array.from(rows.flat()), count: 3, dim: 2 };
    const tensor = { rank: 2, shape: [3, 2], dataSync: () => Float32Array.from(rows.flat()) };
    const expected = mmd(rounded, y);
    expect(mmd(points, y)).toBe(expected);
    expect(mmd(tensor, y)).toBe(expected);
    expect(mmd({ data: rows.flat(), dim: 2 }, y)).toBe(mmd(rows, y));
    expect(mmd(rows, y)).not.toBe(expected);
    expect(wasserstein1d(Float32Array.from([0.1, 0.7]), [0.3])).toBe(
      wasserstein1d([Math.fround(0.1), Math.fround(0.7)], [0.3]),
    );
  });
});
