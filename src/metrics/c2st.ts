import type { PointsLike } from '../data/points.js';
import { type Rng, type RngLike, toRng } from '../data/rng.js';
import { KdTree } from './knn.js';
import { stackRows, subsampleRows } from './stats.js';
import { integerAtLeast, type Matrix, optionsObject, toMatrix } from './validate.js';

/**
 * Options of {@link c2st}.
 *
 * @example
 * ```ts
 * import { type C2stOptions, c2st } from 'pointgen/metrics';
 * const options: C2stOptions = { k: 3, seed: 'run-1' };
 * c2st([[0], [1], [2], [3]], [[10], [11], [12], [13]], options); // 1
 * ```
 */
export interface C2stOptions {
  /** Neighbours per vote (default 5). */
  k?: number;
  /** Seed or `Rng` (from `pointgen`) for subsampling the larger set (default 0, so repeated calls agree). */
  seed?: RngLike;
}

/**
 * Classifier two-sample test: the leave-one-out accuracy of a k-nearest-neighbour classifier at telling the
 * points of x from those of y. 0.5 means the sets are indistinguishable at this sample size; 1 means every point
 * is surrounded by its own kind; well below 0.5 means y holds (near-)copies of x's points, each found next to
 * its twin.
 *
 * - Balanced: the larger set is subsampled (without replacement, with `seed`) to the smaller set's size, so
 *   guessing the majority class scores 0.5.
 * - Each point is classified by the majority label among its `k` nearest other points (Euclidean). Neighbours at
 *   equal distance are taken in pooled order (the rows of x, then of y); a tied vote (even `k`) goes to the
 *   nearest neighbour's label.
 * - Exact neighbours from a k-d tree: O(n log n) for low dimensions such as pointgen's five.
 *
 * @throws {RangeError} when `k` is not an integer in [1, 2·min(|x|, |y|) - 1]; `InvalidPointsError` for bad sets.
 *
 * @example
 * ```ts
 * import { c2st } from 'pointgen/metrics';
 * const x = Array.from({ length: 200 }, (_, i): [number, number] => [Math.sin(i), Math.cos(i)]);
 * c2st(x, x.map(([a, b]) => [a + 3, b])); // 1: far apart
 * c2st(x, x.map(([a, b]) => [a + 1e-9, b]), { k: 1 }); // 0: every point's nearest neighbour is its copy
 * const shuffled = Array.from({ length: 200 }, (_, i) => [Math.sin(i + 0.5), Math.cos(i + 0.5)]);
 * c2st(x, shuffled); // ≈ 0.5: same curve, different points
 * ```
 */
export function c2st(x: PointsLike, y: PointsLike, options?: C2stOptions): number {
  const { k, seed } = optionsObject(options);
  const mx = toMatrix(x, 'x');
  const my = toMatrix(y, 'y', mx.dim);
  return c2stOf(mx, my, integerAtLeast(k, 'k', 1, 5), toRng(seed ?? 0));
}

/** {@link c2st} on validated input. */
export function c2stOf(x: Matrix, y: Matrix, k: number, rng: Rng): number {
  const size = Math.min(x.count, y.count);
  if (k > 2 * size - 1) {
    throw new RangeError(`k: at most ${2 * size - 1} neighbours exist in balanced sets of ${size}, got ${k}`);
  }
  const pooled = stackRows(subsampleRows(x, size, rng), subsampleRows(y, size, rng));
  const total = pooled.count;
  const tree = new KdTree(pooled);
  const ids = new Int32Array(k);
  const dist = new Float64Array(k);
  let correct = 0;
  for (let i = 0; i < total; i++) {
    tree.nearest(pooled.data, i * pooled.dim, k, i, ids, dist);
    let votesForY = 0;
    for (let r = 0; r < k; r++) if ((ids[r] as number) >= size) votesForY++;
    const predictedY = 2 * votesForY === k ? (ids[0] as number) >= size : 2 * votesForY > k;
    if (predictedY === i >= size) correct++;
  }
  return correct / total;
}
