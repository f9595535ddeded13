/**
 * `pointgen/metrics`: sample-quality metrics for point sets, in plain TypeScript on typed arrays (float64
 * throughout). Loads no TensorFlow.js, so it runs anywhere, including where no model does.
 *
 * - Two-sample distances: {@link mmd}, {@link mmdPermutationTest}, {@link slicedWasserstein}, {@link c2st}.
 * - 1-D: {@link wasserstein1d}, {@link energyDistance1d} (as scipy), {@link klDivergence} (as the original project).
 * - Memorisation: {@link distanceToClosest}, {@link memorization}.
 * - Reports: {@link evaluate} (the holdout protocol), {@link evaluateSeedStyle} (the original README's figures),
 *   {@link formatReport}.
 *
 * Point sets are `number[][]` rows or the library's `Points` (anything `toPoints` accepts); bad input throws a
 * `TypeError` or `RangeError` whose message starts with the argument's name.
 *
 * @example
 * ```ts
 * import { evaluate, formatReport, mmd } from 'pointgen/metrics';
 * type Row = [number, number, number, number, number];
 * const points = Array.from({ length: 500 }, (_, i): Row => [(i * 0.618) % 1, (i * 0.382) % 1, 0.2, 0.4, 0.6]);
 * const train = points.filter((_, i) => i % 5 !== 4);
 * const test = points.filter((_, i) => i % 5 === 4);
 * const samples = train.map(([x, y, r, g, b]): Row => [x, 1 - y, r, g, b]); // stand-in for a model's samples
 * mmd(samples, test) > 0; // true
 * console.log(formatReport(evaluate(samples, { train, test })));
 * ```
 *
 * @packageDocumentation
 */
export type { Points, PointsLike } from '../data/points.js';
export { InvalidPointsError } from '../errors.js';
export { MEDIAN_HEURISTIC_POINTS, medianHeuristic } from './bandwidth.js';
export { type C2stOptions, c2st } from './c2st.js';
export {
  type EvaluateOptions,
  type EvaluationReport,
  evaluate,
  evaluateSeedStyle,
  type MetricComparison,
  PROTOCOL_SETTINGS,
  type SeedStyleReport,
} from './evaluate.js';
export { type KlOptions, klDivergence } from './kl.js';
export {
  distanceToClosest,
  type MemorizationResult,
  type MemorizationSets,
  memorization,
} from './memorization.js';
export { type MmdEstimator, type MmdOptions, mmd } from './mmd.js';
export {
  MAX_PERMUTATION_POINTS,
  type MmdPermutationOptions,
  type MmdPermutationResult,
  mmdPermutationTest,
} from './permutation.js';
export { formatReport } from './report-format.js';
export { type SlicedWassersteinOptions, slicedWasserstein } from './sliced.js';
export { energyDistance1d, wasserstein1d } from './wasserstein.js';
