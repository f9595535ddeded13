import type { PointsLike } from '../data/points.js';
import { KdTree } from './knn.js';
import { median } from './stats.js';
import { type Matrix, optionsObject, toMatrix } from './validate.js';

/**
 * For every point of `query`, the Euclidean distance to its closest point in `reference` (exact, from a k-d
 * tree over `reference`). Distance 0 means an exact copy.
 *
 * @throws {InvalidPointsError} for an empty, ragged or non-finite set, or sets of different dimensions.
 *
 * @example
 * ```ts
 * import { distanceToClosest } from 'pointgen/metrics';
 * const d = distanceToClosest([[0, 0], [3, 5]], [[0, 0], [0, 1]]); // Float64Array [0, 5]
 * d[1]; // 5
 * ```
 */
export function distanceToClosest(query: PointsLike, reference: PointsLike): Float64Array {
  const r = toMatrix(reference, 'reference');
  return closestDistances(toMatrix(query, 'query', r.dim), new KdTree(r));
}

/** {@link distanceToClosest} against a tree built once. */
export function closestDistances(query: Matrix, tree: KdTree): Float64Array {
  const out = new Float64Array(query.count);
  const ids = new Int32Array(1);
  const dist = new Float64Array(1);
  for (let i = 0; i < query.count; i++) {
    tree.nearest(query.data, i * query.dim, 1, -1, ids, dist);
    out[i] = Math.sqrt(dist[0] as number);
  }
  return out;
}

/**
 * Sets for {@link memorization}.
 *
 * @example
 * ```ts
 * import type { MemorizationSets } from 'pointgen/metrics';
 * const sets: MemorizationSets = { train: [[0, 0], [1, 1]], test: [[0.5, 0.5]] };
 * ```
 */
export interface MemorizationSets {
  /** The points the model was trained on. */
  train: PointsLike;
  /** Held-out points from the same distribution, never trained on. */
  test: PointsLike;
}

/**
 * Result of {@link memorization}.
 *
 * @example
 * ```ts
 * import { type MemorizationResult, memorization } from 'pointgen/metrics';
 * const result: MemorizationResult = memorization([[0.1, 0]], { train: [[0, 0]], test: [[0.2, 0]] });
 * result.dcrRatio; // 0.5
 * ```
 */
export interface MemorizationResult {
  /**
   * Median distance from generated points to their closest training point over the same median for test points.
   * About 1 for a model that generalises; well under 1 for one that copies its training set.
   */
  dcrRatio: number;
  /** Share of generated points exactly equal to some training point (0 to 1). */
  exactCopies: number;
  /** Median distance from a generated point to its closest training point. */
  medianDcrGenerated: number;
  /** Median distance from a test point to its closest training point. */
  medianDcrTest: number;
}

/**
 * Does a generator copy its training set? Compares distances to the closest training record (DCR) of generated
 * points with those of held-out test points, as `docs/protocol.md` defines it.
 *
 * @throws {RangeError} when the test points' median DCR is 0 (half of them duplicate training points), which
 * leaves the ratio undefined; `InvalidPointsError` for bad sets.
 *
 * @example
 * ```ts
 * import { memorization } from 'pointgen/metrics';
 * const train = [[0, 0], [1, 1], [2, 2]];
 * const test = [[0.5, 0.5], [1.5, 1.5]];
 * const copier = memorization([[0, 0], [1, 1]], { train, test });
 * copier.exactCopies; // 1
 * copier.dcrRatio; // 0
 * ```
 */
export function memorization(generated: PointsLike, sets: MemorizationSets): MemorizationResult {
  const { train, test } = optionsObject(sets, 'sets');
  const g = toMatrix(generated, 'generated');
  return memorizationOf(
    g,
    toMatrix(train as PointsLike, 'train', g.dim),
    toMatrix(test as PointsLike, 'test', g.dim),
  );
}

/** {@link memorization} on validated input. */
export function memorizationOf(generated: Matrix, train: Matrix, test: Matrix): MemorizationResult {
  const tree = new KdTree(train);
  const fromGenerated = closestDistances(generated, tree);
  const medianDcrGenerated = median(fromGenerated);
  const medianDcrTest = median(closestDistances(test, tree));
  if (medianDcrTest === 0) {
    throw new RangeError(
      'test: half or more of the test points equal a training point (median distance 0), so the DCR ratio is undefined',
    );
  }
  let copies = 0;
  for (const d of fromGenerated) if (d === 0) copies++;
  return {
    dcrRatio: medianDcrGenerated / medianDcrTest,
    exactCopies: copies / generated.count,
    medianDcrGenerated,
    medianDcrTest,
  };
}
