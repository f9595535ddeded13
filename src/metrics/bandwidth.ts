import type { PointsLike } from '../data/points.js';
import { median, stackRows } from './stats.js';
import { type Matrix, toMatrix } from './validate.js';

/**
 * Pooled samples larger than this are thinned to this many evenly spaced points by {@link medianHeuristic}.
 *
 * @example
 * ```ts
 * import { MEDIAN_HEURISTIC_POINTS } from 'pointgen/metrics';
 * MEDIAN_HEURISTIC_POINTS; // 1000
 * ```
 */
export const MEDIAN_HEURISTIC_POINTS = 1000;

/**
 * The median heuristic for the Gaussian kernel's bandwidth: the median Euclidean distance |a - b| over all
 * pairs of distinct points of the pooled sample (the rows of `x` followed by the rows of `y`). When the pooled
 * sample holds more than {@link MEDIAN_HEURISTIC_POINTS} points, only the points at indices
 * `floor(k · total / 1000)`, k = 0…999, are used, so the result is deterministic and costs at most ~500 000
 * distances. An even number of distances gives the mean of the two middle ones, as `numpy.median` does.
 *
 * @throws {RangeError} when the median is 0 (more than half of the pairs coincide): pass a number instead.
 *
 * @example
 * ```ts
 * import { medianHeuristic, mmd } from 'pointgen/metrics';
 * const x = [[0, 0], [1, 0]];
 * const y = [[0, 1], [1, 1]];
 * medianHeuristic(x, y); // 1 (distances 1, 1, 1, 1, √2, √2)
 * mmd(x, y, { sigma: 'median' }); // the same bandwidth, chosen inside mmd
 * ```
 */
export function medianHeuristic(x: PointsLike, y: PointsLike): number {
  const mx = toMatrix(x, 'x');
  return medianBandwidth(mx, toMatrix(y, 'y', mx.dim));
}

/** {@link medianHeuristic} on validated input. */
export function medianBandwidth(x: Matrix, y: Matrix): number {
  const pooled = stackRows(x, y);
  const { dim } = pooled;
  const total = pooled.count;
  const used = Math.min(total, MEDIAN_HEURISTIC_POINTS);
  const rows = new Int32Array(used);
  for (let k = 0; k < used; k++) rows[k] = Math.floor((k * total) / used);
  const distances = new Float64Array((used * (used - 1)) / 2);
  let o = 0;
  for (let a = 0; a < used; a++) {
    const ia = (rows[a] as number) * dim;
    for (let b = a + 1; b < used; b++) {
      const ib = (rows[b] as number) * dim;
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const diff = (pooled.data[ia + j] as number) - (pooled.data[ib + j] as number);
        d += diff * diff;
      }
      distances[o++] = Math.sqrt(d);
    }
  }
  const sigma = median(distances);
  if (!(sigma > 0)) {
    throw new RangeError(
      'sigma: the median heuristic gives 0 (more than half of the pooled pairs coincide); pass a positive number',
    );
  }
  return sigma;
}
