import { POINT_COLUMNS, POINT_DIM, type PointsLike } from '../data/points.js';
import { Rng } from '../data/rng.js';
import { c2stOf } from './c2st.js';
import { histogramKl } from './kl.js';
import { type MemorizationResult, memorizationOf } from './memorization.js';
import { mmdOf } from './mmd.js';
import { slicedWassersteinOf } from './sliced.js';
import { subsampleRows } from './stats.js';
import { column, type Matrix, optionsObject, toMatrix } from './validate.js';
import { sortedW1 } from './wasserstein.js';

/**
 * The protocol's fixed settings (`docs/protocol.md`), used by {@link evaluate}: MMD bandwidth, KL
 * bins, C2ST neighbours, sliced-W directions.
 *
 * @example
 * ```ts
 * import { PROTOCOL_SETTINGS } from 'pointgen/metrics';
 * PROTOCOL_SETTINGS.sigma; // 0.1
 * ```
 */
export const PROTOCOL_SETTINGS = Object.freeze({ sigma: 0.1, bins: 100, k: 5, projections: 128 });

/**
 * Sets and seed of {@link evaluate}.
 *
 * @example
 * ```ts
 * import type { EvaluateOptions } from 'pointgen/metrics';
 * const options: EvaluateOptions = { train: [[0, 0]], test: [[1, 1]], seed: 3 };
 * ```
 */
export interface EvaluateOptions {
  /** The points the model was trained on. */
  train: PointsLike;
  /** Held-out points from the same distribution, never trained on. */
  test: PointsLike;
  /** Seed of every random choice (subsampling, C2ST balancing, sliced-W directions). Default 0. */
  seed?: number;
}

/**
 * One metric for generated-vs-test beside its floor, train-vs-test.
 *
 * @example
 * ```ts
 * import type { MetricComparison } from 'pointgen/metrics';
 * const w1x: MetricComparison = { value: 0.02, floor: 0.01, ratio: 2 }; // twice as far as real data
 * ```
 */
export interface MetricComparison {
  /** The metric for the generated points against the test points. */
  value: number;
  /** The same metric for (a same-size subsample of) the training points against the test points. */
  floor: number;
  /** `value / floor`; 1 means as close to the test set as real data is. `null` when the floor is 0. */
  ratio: number | null;
}

/**
 * The holdout report of {@link evaluate}: plain data, JSON-serialisable.
 *
 * @example
 * ```ts
 * import { type EvaluationReport, evaluate } from 'pointgen/metrics';
 * const pts = Array.from({ length: 60 }, (_, i) => [(i * 0.618) % 1, (i * 0.382) % 1]);
 * const report: EvaluationReport = evaluate(pts.slice(0, 20), { train: pts.slice(20, 40), test: pts.slice(40) });
 * JSON.parse(JSON.stringify(report)).counts.test; // 20
 * ```
 */
export interface EvaluationReport {
  kind: 'holdout';
  /** Column names: `x, y, r, g, b` for 5-D points, otherwise `d0, d1, …`. */
  columns: string[];
  counts: {
    generated: number;
    train: number;
    test: number;
    /** Training points used for the floors: the training set subsampled to the generated count if larger. */
    floorTrain: number;
  };
  settings: { sigma: number; bins: number; k: number; projections: number; seed: number };
  /** Biased MMD² with σ = 0.1. */
  mmd: MetricComparison;
  /** 1-Wasserstein distance per column. */
  w1: Record<string, MetricComparison>;
  /** Histogram KL(test ‖ generated) per column for the first two columns (x and y), 100 bins over test's range. */
  kl: Record<string, MetricComparison>;
  /** k-NN two-sample test accuracy (k = 5, balanced, leave-one-out); 0.5 is ideal. */
  c2st: MetricComparison;
  /** Sliced 1-Wasserstein distance over 128 directions (the same directions for value and floor). */
  slicedWasserstein: MetricComparison;
  /** Distances to the closest training point, generated vs test. */
  memorization: MemorizationResult;
}

/**
 * The holdout evaluation of `docs/protocol.md`: every metric for generated-vs-test, its floor (the
 * same metric for real training points vs the test points, i.e. what a perfect sampler would score at this
 * sample size), their ratio, and memorisation (distance to closest training record).
 *
 * When the training set is larger than the generated set, the floor uses a seeded subsample of the training set
 * of the generated size, so that size-dependent metrics (biased MMD, C2ST, KL) compare like with like; with the
 * protocol's 4000 generated and 4000 training points nothing is subsampled. When it is smaller, the whole
 * training set is used and `counts.floorTrain` shows the size difference. Memorisation always uses the whole
 * training set. At the protocol's sizes the ratios themselves are noisy (two random halves of real data can
 * differ by a factor 1.5 in MMD), so compare models on the same seed and split.
 *
 * @throws {InvalidPointsError} for bad or mismatched sets; `RangeError` when a KL or DCR ratio is undefined
 * (see {@link klDivergence}, {@link memorization}).
 *
 * @example
 * ```ts
 * import { evaluate, formatReport } from 'pointgen/metrics';
 * const wave = (n: number, shift: number) =>
 *   Array.from({ length: n }, (_, i) => [((i * 0.618) % 1), 0.5 + 0.3 * Math.sin(i + shift), 0.2, 0.4, 0.6]);
 * const report = evaluate(wave(400, 0.1), { train: wave(400, 0), test: wave(100, 0.05) });
 * report.mmd.ratio; // near 1 for a good generator
 * console.log(formatReport(report));
 * ```
 */
export function evaluate(generated: PointsLike, options: EvaluateOptions): EvaluationReport {
  const opts = optionsObject(options);
  const g = toMatrix(generated, 'generated');
  const train = toMatrix(opts.train as PointsLike, 'train', g.dim);
  const test = toMatrix(opts.test as PointsLike, 'test', g.dim);
  const seed = opts.seed ?? 0;
  if (typeof seed !== 'number') throw new TypeError(`seed: expected a number, got ${typeof seed}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed: expected a finite number, got ${seed}`);
  const { sigma, bins, k, projections } = PROTOCOL_SETTINGS;
  const master = new Rng(seed);
  const floorTrain = subsampleRows(train, g.count, master.fork());
  const c2stSeed = master.seed();
  const slicedSeed = master.seed();

  const compare = (metric: (sample: Matrix, name: string) => number): MetricComparison => {
    const value = metric(g, 'generated');
    const floor = metric(floorTrain, 'train');
    return { value, floor, ratio: floor === 0 ? null : value / floor };
  };
  const columns = columnNames(g.dim);
  const testColumns = columns.map((_, j) => column(test, j));
  const sortedTest = testColumns.map((c) => Float64Array.from(c).sort());

  const w1: Record<string, MetricComparison> = {};
  const kl: Record<string, MetricComparison> = {};
  columns.forEach((name, j) => {
    w1[name] = compare((s) => sortedW1(column(s, j).sort(), sortedTest[j] as Float64Array));
    if (j < 2) {
      kl[name] = compare((s, sName) =>
        histogramKl(testColumns[j] as Float64Array, column(s, j), bins, [
          `test column ${name}`,
          `${sName} column ${name}`,
        ]),
      );
    }
  });
  return {
    kind: 'holdout',
    columns,
    counts: { generated: g.count, train: train.count, test: test.count, floorTrain: floorTrain.count },
    settings: { sigma, bins, k, projections, seed },
    mmd: compare((s) => mmdOf(s, test, sigma, 'biased')),
    w1,
    kl,
    c2st: compare((s) => c2stOf(s, test, k, new Rng(c2stSeed))),
    slicedWasserstein: compare((s) => slicedWassersteinOf(s, test, projections, new Rng(slicedSeed))),
    memorization: memorizationOf(g, train, test),
  };
}

/**
 * The original README's figures of {@link evaluateSeedStyle}: plain data, JSON-serialisable.
 *
 * @example
 * ```ts
 * import { type SeedStyleReport, evaluateSeedStyle } from 'pointgen/metrics';
 * const all = [[0.1, 0.2], [0.4, 0.5], [0.9, 0.1]];
 * const report: SeedStyleReport = evaluateSeedStyle(all, all);
 * report.w1.d0; // 0
 * ```
 */
export interface SeedStyleReport {
  kind: 'seed-style';
  columns: string[];
  counts: { generated: number; all: number };
  /** Biased MMD², σ = 0.1. */
  mmd: number;
  /** Histogram KL(all ‖ generated), 100 bins, for the first two columns (x and y). */
  kl: Record<string, number>;
  /** 1-Wasserstein distance per column. */
  w1: Record<string, number>;
}

/**
 * The figures the original project published, computed its way: generated points against the very set the model
 * was trained on (`all`, the 5000 points): MMD² (σ = 0.1), KL for x and y, W1 for every column. This rewards
 * copying the training set, so report it only beside {@link evaluate}'s holdout figures, never instead of them.
 *
 * @example
 * ```ts
 * import { evaluateSeedStyle, formatReport } from 'pointgen/metrics';
 * const all = Array.from({ length: 300 }, (_, i) => [(i * 0.618) % 1, (i * 0.382) % 1, 0.1, 0.5, 0.9]);
 * const report = evaluateSeedStyle(all.slice(0, 200), all);
 * report.w1.x; // small: the "generated" points are training points
 * console.log(formatReport(report));
 * ```
 */
export function evaluateSeedStyle(generated: PointsLike, all: PointsLike): SeedStyleReport {
  const g = toMatrix(generated, 'generated');
  const real = toMatrix(all, 'all', g.dim);
  const columns = columnNames(g.dim);
  const w1: Record<string, number> = {};
  const kl: Record<string, number> = {};
  columns.forEach((name, j) => {
    const r = column(real, j);
    const gen = column(g, j);
    if (j < 2) {
      kl[name] = histogramKl(r, gen, PROTOCOL_SETTINGS.bins, [
        `all column ${name}`,
        `generated column ${name}`,
      ]);
    }
    w1[name] = sortedW1(r.sort(), gen.sort());
  });
  return {
    kind: 'seed-style',
    columns,
    counts: { generated: g.count, all: real.count },
    mmd: mmdOf(real, g, PROTOCOL_SETTINGS.sigma, 'biased'),
    kl,
    w1,
  };
}

function columnNames(dim: number): string[] {
  return dim === POINT_DIM ? [...POINT_COLUMNS] : Array.from({ length: dim }, (_, j) => `d${j}`);
}
