import type { EvaluationReport, MetricComparison, SeedStyleReport } from '../metrics/evaluate.js';
import { HOLDOUT_ANCHORS, ORIGINAL_README_FIGURES, type SeedStyleFigures } from './anchors.js';
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

/**
 * Table (a): the original README's figures (MMD² σ = 0.1, KL x/y, W1 of every column, 5000 generated points
 * against all 5000 points) beside ours computed the same way.
 */
export function seedStyleTable(runs: readonly RunSummary[]): string[][] {
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
    const original = ORIGINAL_README_FIGURES[run.model];
    if (original) rows.push(row(`${ORIGINAL_NAMES[run.model]}, original README`, original));
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
 * Table (b): the holdout protocol (test NLL, every metric's ratio to its floor, memorisation) for our models
 * beside the reference models of docs/protocol.md (whose unpublished cells stay `–`) and, when given, `copy`: the
 * training set resampled, what a sampler that copies it scores. MMD ratio, C2ST and DCR ratio are the median
 * over the sample seeds with their range, when the run scored several; the other cells come from the first
 * sample seed.
 */
export function holdoutTable(
  runs: readonly RunSummary[],
  copy?: { readonly evaluations: readonly EvaluationReport[]; readonly summary: SampleSeedSummary },
): string[][] {
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
  for (const a of HOLDOUT_ANCHORS) {
    rows.push([
      a.model,
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
