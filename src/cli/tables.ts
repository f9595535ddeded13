import type { Points } from '../data/points.js';
import type { EvaluationReport, MetricComparison, SeedStyleReport } from '../metrics/evaluate.js';
import {
  HOLDOUT_ANCHORS,
  isQuizData,
  ORIGINAL_README_FIGURES,
  referenceLabel,
  type SeedStyleFigures,
} from './anchors.js';
import type { ModelName } from './models.js';
import type { SampleSeedSummary, SeedSpread } from './sample-seeds.js';

/** What the comparison tables need from one trained model. */
export interface RunSummary {
  readonly model: ModelName;
  /** The row's name, e.g. `realnvp (original)`. */
  readonly label: string;
  readonly fitSeconds: number;
  readonly fitCpuSeconds: number;
  readonly testNll: number;
  /** The evaluation of the first sample seed. */
  readonly evaluation: EvaluationReport;
  /** Headline metrics over several sample seeds (the table gives their median and range). */
  readonly overSeeds?: SampleSeedSummary;
  readonly seedStyle: SeedStyleReport;
}

const ORIGINAL_NAMES: Readonly<Record<ModelName, string>> = {
  realnvp: 'RealNVP',
  'masked-transformer': 'MaskedTransformer',
  'gaussian-mixture': 'GaussianMixture',
};

/** What the tables print beside the runs. */
export interface TableOptions {
  /**
   * Whether the runs trained on the quiz data (`isQuizData`): only then do the reference rows, measured once on
   * that data outside pointgen, stand beside them. On any other data the runs' own rows are the comparison,
   * the Gaussian mixture's the same-data baseline.
   */
  readonly quizData: boolean;
}

/**
 * Table (a): ours (MMD² σ = 0.1, KL x/y, W1 of every column, 5000 generated points against all the points),
 * each below the original README's figures for its model when the data is the quiz data.
 */
export function seedStyleTable(runs: readonly RunSummary[], { quizData }: TableOptions): string[][] {
  const header = ['model', 'MMD² (σ = 0.1)', 'KL x', 'KL y', 'W1 x', 'W1 y', 'W1 r', 'W1 g', 'W1 b'];
  const row = (label: string, f: SeedStyleFigures) => [
    label,
    fixed(f.mmd, 4),
    fixed(f.kl.x, 4),
    fixed(f.kl.y, 4),
    ...(['x', 'y', 'r', 'g', 'b'] as const).map((c) => fixed(f.w1[c], 4)),
  ];
  const rows = [header];
  for (const run of runs) {
    // The original README had no mixture: its row is only ours.
    const original = quizData ? ORIGINAL_README_FIGURES[run.model] : undefined;
    if (original) {
      rows.push(row(referenceLabel(`${ORIGINAL_NAMES[run.model]}, original README`, 'PyTorch'), original));
    }
    const s = run.seedStyle;
    rows.push(
      row(`${run.label}, pointgen`, {
        mmd: s.mmd,
        kl: { x: at(s.kl, 'x'), y: at(s.kl, 'y') },
        w1: { x: at(s.w1, 'x'), y: at(s.w1, 'y'), r: at(s.w1, 'r'), g: at(s.w1, 'g'), b: at(s.w1, 'b') },
      }),
    );
  }
  return rows;
}

/**
 * Table (b): the holdout protocol (test NLL, every metric's ratio to its floor, memorisation) for our models,
 * below the reference models of docs/protocol.md when the data is the quiz data (their unpublished cells stay
 * `–`) and, when given, `copy`: the training set resampled, what a sampler that copies it scores. MMD ratio,
 * C2ST and DCR ratio are the median over the sample seeds with their range, when the run scored several; the
 * other cells come from the first sample seed.
 */
export function holdoutTable(
  runs: readonly RunSummary[],
  options: TableOptions & {
    readonly copy?: {
      readonly evaluations: readonly EvaluationReport[];
      readonly summary: SampleSeedSummary;
    };
  },
): string[][] {
  const { copy } = options;
  const header = [
    'model',
    'fit s (CPU s)',
    'test NLL',
    'MMD ratio',
    'W1 x / y ratio',
    'W1 r / g / b ratio',
    'KL x / y ratio',
    'C2ST acc',
    'sliced W1 ratio',
    'DCR ratio',
    'copies',
  ];
  const rows = [header];
  for (const a of options.quizData ? HOLDOUT_ANCHORS : []) {
    rows.push([
      referenceLabel(a.model, a.measuredIn),
      fixed(a.fitSeconds, 1),
      fixed(a.testNll, 2),
      fixed(a.mmdRatio, 2),
      `${fixed(a.w1Ratio.x, 2)} / ${fixed(a.w1Ratio.y, 2)}`,
      '–',
      '–',
      fixed(a.c2st, 3),
      '–',
      fixed(a.dcrRatio, 2),
      '–',
    ]);
  }
  const first = copy?.evaluations[0];
  if (copy && first) {
    rows.push(
      holdoutRow('training points resampled (a copy)', '–', '–', {
        evaluation: first,
        overSeeds: copy.summary,
      }),
    );
  }
  for (const run of runs) {
    rows.push(
      holdoutRow(
        `${run.label}, pointgen`,
        `${fixed(run.fitSeconds, 1)} (${fixed(run.fitCpuSeconds, 1)})`,
        fixed(run.testNll, 3),
        run,
      ),
    );
  }
  return rows;
}

function holdoutRow(
  label: string,
  fit: string,
  nll: string,
  run: { readonly evaluation: EvaluationReport; readonly overSeeds?: SampleSeedSummary | undefined },
): string[] {
  const e = run.evaluation;
  const ratios = (record: Record<string, MetricComparison>, keys: string[]) =>
    keys.map((k) => fixed(record[k]?.ratio, 2)).join(' / ');
  return [
    label,
    fit,
    nll,
    run.overSeeds ? spreadText(run.overSeeds.mmdRatio, 2) : fixed(e.mmd.ratio, 2),
    ratios(e.w1, ['x', 'y']),
    ratios(e.w1, ['r', 'g', 'b']),
    ratios(e.kl, ['x', 'y']),
    run.overSeeds ? spreadText(run.overSeeds.c2st, 3) : fixed(e.c2st.value, 3),
    fixed(e.slicedWasserstein.ratio, 2),
    run.overSeeds ? spreadText(run.overSeeds.dcrRatio, 2) : fixed(e.memorization.dcrRatio, 2),
    `${(100 * e.memorization.exactCopies).toFixed(2)} %`,
  ];
}

/** Samples drawn and written per model (table (a) scores them), as many as the original project drew. */
export const SAMPLE_COUNT = 5000;

/** The training set resampled and scored over the sample seeds: the yardstick row of table (b). */
export interface CopyScores {
  readonly evaluations: readonly EvaluationReport[];
  readonly summary: SampleSeedSummary;
}

/**
 * Both tables of a run on `points` as markdown, and the text that prints them with their captions: the reference
 * rows, measured once on the quiz data, are in them only when `points` are the quiz data ({@link isQuizData}).
 */
export function comparison(
  points: Points,
  runs: readonly RunSummary[],
  copy?: CopyScores,
): { quizData: boolean; seedTable: string; holdout: string; text: string } {
  const quizData = isQuizData(points);
  const seedTable = markdownTable(seedStyleTable(runs, { quizData }));
  const holdout = markdownTable(holdoutTable(runs, { quizData, ...(copy ? { copy } : {}) }));
  const text =
    `\n(a) The original README's way: ${SAMPLE_COUNT} generated points against all ${points.count} points ` +
    `(rewards copying; for comparison only)${referencesNote(quizData, 'the original README')}\n\n${seedTable}\n` +
    '\n(b) The holdout protocol: generated vs the test split, ratios to the real-data floor ' +
    `(1 = as close as real data; C2ST 0.5 is ideal); the gaussian-mixture row is the baseline, fitted on these ` +
    `points in this run${referencesNote(quizData, 'docs/protocol.md')}\n\n${holdout}\n`;
  return { quizData, seedTable, holdout, text };
}

/** What a caption says of its reference rows: where they come from, or why there are none. */
export function referencesNote(quizData: boolean, source: string): string {
  return quizData
    ? `; the reference rows are ${source}'s, measured once on the quiz data outside pointgen`
    : '; no reference rows: they were measured on the quiz data, and these points are not it';
}

/** A table (header row first) as GitHub markdown, readable as it is in a terminal. */
export function markdownTable(rows: readonly string[][]): string {
  const [header, ...body] = rows;
  if (!header) return '';
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

/** Median with the range over sample seeds: `1.15 (0.97–1.35)`. */
export function spreadText(s: SeedSpread, digits: number): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}

function fixed(v: number | null | undefined, digits: number): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

function at(record: Record<string, number>, key: string): number {
  return record[key] ?? Number.NaN;
}
