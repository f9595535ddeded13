// One draw of 4000 points scored against 1000 test points is noisy: the MMD ratio of the same model moves by
// ±0.2 from one sample seed to the next. The tables therefore give headline metrics as the median over several
// sample seeds, with their range.
import type { Points } from '../data/points.js';
import { type EvaluationReport, evaluate } from '../metrics/evaluate.js';
import { median } from '../metrics/stats.js';
import type { Generator } from '../models/generator.js';

/** Sample seeds scored per model. */
export const SAMPLE_SEEDS = 5;

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

/** Draws `train.count` points with each seed and evaluates each draw the protocol's way. */
export async function evaluateOverSeeds(
  model: Generator,
  train: Points,
  test: Points,
  seeds: readonly number[],
  evaluationSeed: number,
): Promise<{ evaluations: EvaluationReport[]; summary: SampleSeedSummary }> {
  const evaluations: EvaluationReport[] = [];
  for (const seed of seeds) {
    const generated = await model.sample(train.count, { seed });
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
