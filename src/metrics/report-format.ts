import type { EvaluationReport, MetricComparison, SeedStyleReport } from './evaluate.js';

/**
 * A report of {@link evaluate} or {@link evaluateSeedStyle} as a plain-text table for a terminal or a log.
 *
 * @example
 * ```ts
 * import { evaluate, formatReport } from 'pointgen/metrics';
 * const pts = Array.from({ length: 200 }, (_, i) => [(i * 0.618) % 1, (i * 0.382) % 1, 0.1, 0.5, 0.9]);
 * console.log(formatReport(evaluate(pts.slice(0, 80), { train: pts.slice(80, 160), test: pts.slice(160) })));
 * // metric              generated      floor    ratio
 * // MMD² (σ = 0.1)       …
 * ```
 */
export function formatReport(report: EvaluationReport | SeedStyleReport): string {
  return report.kind === 'holdout' ? formatHoldout(report) : formatSeedStyle(report);
}

function formatHoldout(r: EvaluationReport): string {
  const { counts, settings } = r;
  const rows: [string, MetricComparison][] = [[`MMD² (σ = ${settings.sigma})`, r.mmd]];
  for (const name of r.columns) rows.push([`W1 ${name}`, r.w1[name] as MetricComparison]);
  for (const name of Object.keys(r.kl))
    rows.push([`KL ${name} (${settings.bins} bins)`, r.kl[name] as MetricComparison]);
  rows.push([`C2ST accuracy (k = ${settings.k})`, r.c2st]);
  rows.push([`sliced W1 (${settings.projections} dirs)`, r.slicedWasserstein]);
  const table = [
    ['metric', 'generated', 'floor', 'ratio'],
    ...rows.map(([label, c]) => [
      label,
      num(c.value),
      num(c.floor),
      c.ratio === null ? '-' : c.ratio.toFixed(3),
    ]),
  ];
  const m = r.memorization;
  return [
    `holdout evaluation: ${counts.generated} generated vs ${counts.test} test points; ` +
      `floor: ${counts.floorTrain} of ${counts.train} training points vs the same test points (seed ${settings.seed})`,
    ...align(table),
    'ratio = generated / floor: 1 means as close to the test set as real data (C2ST: 0.5 accuracy is ideal)',
    `memorisation: DCR ratio ${m.dcrRatio.toFixed(3)} (median distance to closest training point: ` +
      `generated ${num(m.medianDcrGenerated)}, test ${num(m.medianDcrTest)}); ` +
      `exact copies ${(100 * m.exactCopies).toFixed(2)} %`,
  ].join('\n');
}

function formatSeedStyle(r: SeedStyleReport): string {
  const table = [
    ['metric', 'value'],
    ['MMD² (σ = 0.1)', num(r.mmd)],
    ...Object.entries(r.kl).map(([name, v]) => [`KL ${name}`, num(v)]),
    ...Object.entries(r.w1).map(([name, v]) => [`W1 ${name}`, num(v)]),
  ];
  return [
    `seed-style figures: ${r.counts.generated} generated vs the ${r.counts.all} training points ` +
      '(rewards copying; compare with the holdout report)',
    ...align(table),
  ].join('\n');
}

function num(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? v.toPrecision(4) : v.toExponential(3);
}

/** Left-aligns the first column and right-aligns the others. */
function align(table: string[][]): string[] {
  const widths = (table[0] as string[]).map((_, c) =>
    Math.max(...table.map((row) => (row[c] as string).length)),
  );
  return table.map((row) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ')
      .trimEnd(),
  );
}
