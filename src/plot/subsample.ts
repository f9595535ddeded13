import { type Points, selectRows } from '../data/points.js';
import { type RngLike, toRng } from '../data/rng.js';

/**
 * At most `maxPoints` rows of `points`: all of them when there are few enough, otherwise a uniformly random
 * subset drawn with `seed`, kept in the original row order. The same inputs always give the same subset.
 *
 * @throws {RangeError} when `maxPoints` is not a positive integer.
 */
export function subsample(points: Points, maxPoints: number, seed: RngLike): Points {
  if (!Number.isSafeInteger(maxPoints) || maxPoints < 1) {
    throw new RangeError(`maxPoints: expected a positive integer, got ${maxPoints}`);
  }
  if (points.count <= maxPoints) return points;
  const chosen = toRng(seed).permutation(points.count).subarray(0, maxPoints).sort();
  return selectRows(points, chosen);
}
