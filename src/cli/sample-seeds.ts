// One draw of 4000 points scored against 1000 test points is noisy: the MMD ratio of the same model moves from
// 1.0 to 1.7 between sample seeds on the quiz data, and the median of 15 draws still moved from 1.06 to 1.24
// between blocks of seeds. The tables therefore give headline metrics as the median over 50 draws, with their
// range (scoring a draw takes about 0.3 s; `pointgen demo` scores 10).
import { type Points, selectRows } from '../data/points.js';
import { Rng } from '../data/rng.js';
import { type EvaluationReport, evaluate } from '../metrics/evaluate.js';
import { median } from '../metrics/stats.js';
import type { Generator } from '../models/generator.js';

/** Sample seeds scored per model. */
export const SAMPLE_SEEDS = 50;

/** One metric over the sample seeds. */
export interface SeedSpread {
  readonly values: number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The headline metrics over the sample seeds. */
export interface SampleSeedSummary {
  readonly seeds: number[];
  readonly mmdRatio: SeedSpread;
  readonly c2st: SeedSpread;
  readonly dcrRatio: SeedSpread;
  readonly exactCopies: SeedSpread;
}

/**
 * Draws `train.count` points with each seed (from `source`: a model, or any function of the seed) and
 * evaluates each draw the protocol's way.
 */
export async function evaluateOverSeeds(
  source: Generator | ((count: number, seed: number) => Points),
  train: Points,
  test: Points,
  seeds: readonly number[],
  evaluationSeed: number,
): Promise<{ evaluations: EvaluationReport[]; summary: SampleSeedSummary }> {
  const evaluations: EvaluationReport[] = [];
  for (const seed of seeds) {
    const generated =
      typeof source === 'function' ? source(train.count, seed) : await source.sample(train.count, { seed });
    evaluations.push(evaluate(generated, { train, test, seed: evaluationSeed }));
  }
  const over = (f: (e: EvaluationReport) => number | null) =>
    spread(evaluations.map((e) => f(e) ?? Number.NaN));
  return {
    evaluations,
    summary: {
      seeds: [...seeds],
      mmdRatio: over((e) => e.mmd.ratio),
      c2st: over((e) => e.c2st.value),
      dcrRatio: over((e) => e.memorization.dcrRatio),
      exactCopies: over((e) => e.memorization.exactCopies),
    },
  };
}

/** Median and range of the finite `values` (all NaN when there is none). */
export function spread(values: readonly number[]): SeedSpread {
  const finite = Float64Array.from(values.filter(Number.isFinite));
  if (finite.length === 0)
    return { values: [...values], median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { values: [...values], median: median(finite), min: Math.min(...finite), max: Math.max(...finite) };
}

/**
 * `count` training points drawn with replacement: a "sampler" that copies the training set. Its scores are the
 * yardstick for the others: on the quiz data its MMD ratio is 1.16 (median of 50 draws), because the training set is itself
 * only a sample of the distribution, so a model must generalise beyond it to score lower.
 */
export function resampleTraining(train: Points, count: number, seed: number): Points {
  const rng = new Rng(seed);
  return selectRows(
    train,
    Array.from({ length: count }, () => rng.int(train.count)),
  );
}
