import { type Points, selectRows } from './points.js';
import { type RngLike, toRng } from './rng.js';

/**
 * A train/test partition of one point set.
 *
 * @example
 * ```ts
 * import { datasets, protocolSplit, type Split } from 'pointgen';
 * const { train, test }: Split = protocolSplit(datasets.coloredPi());
 * ```
 */
export interface Split {
  readonly train: Points;
  readonly test: Points;
}

/**
 * The benchmark protocol's split (`docs/protocol.md`): row `i` goes to test when `i % 5 == 4`,
 * otherwise to train. Deterministic, so that every model is judged on the same 20 %.
 *
 * @example
 * ```ts
 * import { datasets, protocolSplit } from 'pointgen';
 * const { train, test } = protocolSplit(datasets.coloredPi());
 * train.count; // 4000
 * test.count; // 1000
 * ```
 */
export function protocolSplit(points: Points): Split {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < points.count; i++) (i % 5 === 4 ? test : train).push(i);
  return { train: selectRows(points, train), test: selectRows(points, test) };
}

/**
 * A seeded random split: a random `testFraction` of the rows (rounded to the nearest whole row) goes to test,
 * the rest to train, each side keeping the rows' original order.
 *
 * @example
 * ```ts
 * import { datasets, randomSplit } from 'pointgen';
 * const { train, test } = randomSplit(datasets.coloredPi({ count: 1000 }), { testFraction: 0.1, seed: 1 });
 * test.count; // 100
 * ```
 */
export function randomSplit(points: Points, options: { testFraction?: number; seed?: RngLike } = {}): Split {
  const fraction = options.testFraction ?? 0.2;
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`testFraction: expected a number in [0, 1], got ${fraction}`);
  }
  const testCount = Math.round(points.count * fraction);
  const isTest = new Uint8Array(points.count);
  const order = toRng(options.seed).permutation(points.count);
  for (let k = 0; k < testCount; k++) isTest[order[k] as number] = 1;
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < points.count; i++) (isTest[i] ? test : train).push(i);
  return { train: selectRows(points, train), test: selectRows(points, test) };
}
