import type { PointsLike } from '../data/points.js';
import { type RngLike, toRng } from '../data/rng.js';
import { gaussianScale, gaussianUpperTriangle } from './kernel.js';
import {
  checkEstimator,
  type MmdEstimator,
  type MmdOptions,
  mmdFromSums,
  requireTwoRows,
  resolveSigma,
} from './mmd.js';
import { stackRows } from './stats.js';
import { integerAtLeast, optionsObject, toMatrix } from './validate.js';

/**
 * The largest pooled sample {@link mmdPermutationTest} accepts: it keeps the pooled kernel matrix in memory,
 * count² / 2 float64 values (400 MB at this size).
 *
 * @example
 * ```ts
 * import { MAX_PERMUTATION_POINTS } from 'pointgen/metrics';
 * MAX_PERMUTATION_POINTS; // 10000
 * ```
 */
export const MAX_PERMUTATION_POINTS = 10_000;

/**
 * Options of {@link mmdPermutationTest}.
 *
 * @example
 * ```ts
 * import type { MmdPermutationOptions } from 'pointgen/metrics';
 * const options: MmdPermutationOptions = { sigma: 0.2, permutations: 999, seed: 42 };
 * ```
 */
export interface MmdPermutationOptions extends MmdOptions {
  /** Number of random relabellings (default 200). */
  permutations?: number;
  /** Seed or `Rng` (from `pointgen`) for the relabellings (default 0, so repeated calls agree). */
  seed?: RngLike;
}

/**
 * Result of {@link mmdPermutationTest}.
 *
 * @example
 * ```ts
 * import { type MmdPermutationResult, mmdPermutationTest } from 'pointgen/metrics';
 * const result: MmdPermutationResult = mmdPermutationTest([[0], [1]], [[0.5], [1.5]], { permutations: 9 });
 * result.permutations; // 9
 * ```
 */
export interface MmdPermutationResult {
  /** MMD² of the two sets as given (equal to {@link mmd} with the same options, to float64 rounding). */
  statistic: number;
  /** `(1 + #{relabellings with MMD² ≥ statistic}) / (1 + permutations)`: never 0, uniform under the null. */
  pValue: number;
  /** The bandwidth used (useful with `sigma: 'median'`). */
  sigma: number;
  permutations: number;
}

/**
 * Permutation two-sample test with the MMD² statistic: how often does a random relabelling of the pooled points
 * into sets of the original sizes give an MMD² at least as large as the observed one? A small p-value means x
 * and y come from different distributions.
 *
 * The pooled kernel matrix is computed once, (|x| + |y|)² / 2 kernel evaluations; each relabelling then costs
 * min(|x|, |y|)² / 2 additions over it. With `sigma: 'median'` the bandwidth comes from the pooled sample, which
 * does not depend on the labels, so the test stays exact.
 *
 * @throws {RangeError} for bad options, or a pooled sample of more than {@link MAX_PERMUTATION_POINTS} points.
 *
 * @example
 * ```ts
 * import { mmdPermutationTest } from 'pointgen/metrics';
 * const x = Array.from({ length: 50 }, (_, i) => [Math.sin(i), Math.cos(i)]);
 * const y = Array.from({ length: 50 }, (_, i) => [Math.sin(i) + 0.5, Math.cos(i)]);
 * const { statistic, pValue } = mmdPermutationTest(x, y, { sigma: 'median', permutations: 500, seed: 1 });
 * pValue < 0.05; // true: the shift is detected
 * ```
 */
export function mmdPermutationTest(
  x: PointsLike,
  y: PointsLike,
  options?: MmdPermutationOptions,
): MmdPermutationResult {
  const opts = optionsObject(options);
  const mx = toMatrix(x, 'x');
  const my = toMatrix(y, 'y', mx.dim);
  const estimator = checkEstimator(opts.estimator);
  if (estimator === 'unbiased') requireTwoRows(mx, my);
  const permutations = integerAtLeast(opts.permutations, 'permutations', 1, 200);
  const rng = toRng(opts.seed ?? 0);
  const n = mx.count;
  const m = my.count;
  const total = n + m;
  if (total > MAX_PERMUTATION_POINTS) {
    throw new RangeError(
      `x, y: the permutation test keeps the pooled kernel matrix in memory and allows at most ` +
        `${MAX_PERMUTATION_POINTS} pooled points, got ${total}; subsample first`,
    );
  }
  const sigma = resolveSigma(opts.sigma, mx, my);
  const kernel = gaussianUpperTriangle(stackRows(mx, my), gaussianScale(sigma));
  const stats = new PooledStatistic(kernel, total, n, estimator);

  const labels = new Uint32Array(total);
  for (let i = 0; i < total; i++) labels[i] = i;
  const observed = stats.of(labels);
  let exceed = 0;
  for (let p = 0; p < permutations; p++) {
    if (stats.of(rng.permutation(total)) >= observed) exceed++;
  }
  return {
    statistic: stats.direct(),
    pValue: (1 + exceed) / (1 + permutations),
    sigma,
    permutations,
  };
}

const rowStart = (i: number, count: number) => i * count - (i * (i + 1)) / 2;

/**
 * MMD² of a labelling of the pooled sample from the packed kernel matrix. Only the within-group sum of the smaller
 * group is summed per labelling; the other two sums follow from the (fixed) row sums and grand total.
 */
class PooledStatistic {
  private readonly rowSums: Float64Array;
  private readonly halfTotal: number;

  constructor(
    private readonly kernel: Float64Array,
    private readonly count: number,
    private readonly n: number,
    private readonly estimator: MmdEstimator,
  ) {
    const rowSums = new Float64Array(count);
    let o = 0;
    for (let i = 0; i < count; i++) {
      for (let j = i + 1; j < count; j++) {
        const k = kernel[o++] as number;
        rowSums[i] = (rowSums[i] as number) + k;
        rowSums[j] = (rowSums[j] as number) + k;
      }
    }
    let total = 0;
    for (let i = 0; i < count; i++) total += rowSums[i] as number;
    this.rowSums = rowSums;
    this.halfTotal = total / 2;
  }

  /** MMD² when the points at `order[0..n)` form x and the rest y. */
  of(order: Uint32Array): number {
    const { n, count } = this;
    const m = count - n;
    const xIsSmaller = n <= m;
    const members = (xIsSmaller ? order.subarray(0, n) : order.subarray(n)).slice().sort();
    let within = 0;
    let rowSum = 0;
    for (let a = 0; a < members.length; a++) {
      const i = members[a] as number;
      rowSum += this.rowSums[i] as number;
      const base = rowStart(i, count) - i - 1;
      for (let b = a + 1; b < members.length; b++)
        within += this.kernel[base + (members[b] as number)] as number;
    }
    const across = rowSum - 2 * within;
    const other = this.halfTotal - within - across;
    return xIsSmaller
      ? mmdFromSums(within, other, across, n, m, this.estimator)
      : mmdFromSums(other, within, across, n, m, this.estimator);
  }

  /** MMD² of the original labelling from plain block sums, as {@link mmd} adds them. */
  direct(): number {
    const { n, count, kernel } = this;
    let xx = 0;
    let yy = 0;
    let xy = 0;
    for (let i = 0; i < count; i++) {
      let o = rowStart(i, count);
      for (let j = i + 1; j < count; j++, o++) {
        const k = kernel[o] as number;
        if (j < n) xx += k;
        else if (i >= n) yy += k;
        else xy += k;
      }
    }
    return mmdFromSums(xx, yy, xy, n, count - n, this.estimator);
  }
}
