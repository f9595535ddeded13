// The reproduce pipeline behind `pointgen reproduce`, `pointgen demo` and examples/reproduce-readme.ts: train
// each model on the protocol's train split (../shared/docs/PROTOCOL.md), score it on the test split and the
// original README's way, and write everything under one output folder.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Points } from '../data/points.js';
import { protocolSplit } from '../data/split.js';
import { writeFilesAtomic } from '../io/node-fs.js';
import { evaluateSeedStyle } from '../metrics/evaluate.js';
import { formatReport } from '../metrics/report-format.js';
import { isConditional } from '../models/conditional.js';
import { heldOutNll } from '../models/held-out-nll.js';
import { writePoints } from '../node/files.js';
import type { EpochRecord } from '../train/history.js';
import { HOLDOUT_ANCHORS, isQuizData, ORIGINAL_README_FIGURES, SEED_QUALITY_NLL } from './anchors.js';
import { type ColorizeReport, colorize } from './colorize.js';
import { resolveLattice } from './fit.js';
import type { CliIo } from './io.js';
import {
  createModel,
  defaultEpochs,
  type ModelName,
  type PRESETS,
  trainsByEpochs,
  withBaseline,
} from './models.js';
import { writeReportPlots } from './plots.js';
import { epochsText, progress } from './progress.js';
import { evaluateOverSeeds, resampleTraining, SAMPLE_SEEDS, type SampleSeedSummary } from './sample-seeds.js';
import { comparison, type RunSummary, referencesNote, SAMPLE_COUNT, spreadText } from './tables.js';

/** What {@link reproduce} trains, on which points, and where it writes. */
export interface ReproduceOptions {
  /** The models to train; the Gaussian mixture, the same-data baseline, is added when it is not among them. */
  readonly models: readonly ModelName[];
  /** All the points; the protocol split is taken from them. */
  readonly points: Points;
  /** Where the points came from, for the reports (`datasets.coloredPi()` or a folder). */
  readonly dataLabel: string;
  readonly out: string;
  readonly preset?: (typeof PRESETS)[number];
  /** Epochs per model (default each model's recipe); a function gives each model its own. */
  readonly epochs?: number | ((model: ModelName) => number | undefined);
  /** Share of the training points held out for early stopping (default: the recipe's). */
  readonly validation?: number;
  /** Epochs without a better validation NLL before stopping (default: the recipe's). */
  readonly patience?: number;
  readonly seed: number;
  /** Sample draws scored per model and for the training copy (default {@link SAMPLE_SEEDS}). */
  readonly sampleSeeds?: number;
  /** The active backend's name, for the reports. */
  readonly backend: string;
}

/** One model's run: its `report.json` content and the figures the tables need. */
export interface ModelRun {
  readonly summary: RunSummary;
  readonly report: Record<string, unknown>;
}

/**
 * Trains and scores every model of `options.models` and the Gaussian mixture (the baseline, measured on the same
 * split in the same run) in turn, writes their files and the run's reports. The reference rows measured once on
 * the quiz data stand beside them only when the points are the quiz data ({@link isQuizData}).
 */
export async function reproduce(options: ReproduceOptions, io: CliIo): Promise<ModelRun[]> {
  const runs: ModelRun[] = [];
  const split = protocolSplit(options.points);
  const { train, test } = split;
  const quizData = isQuizData(options.points);
  for (const name of withBaseline(options.models)) {
    runs.push(await reproduceOne(name, split, { ...options, quizData }, io));
  }
  const summaries = runs.map((r) => r.summary);
  const copy = await evaluateOverSeeds(
    (count, seed) => resampleTraining(train, count, seed),
    train,
    test,
    sampleSeedsOf(options),
    options.seed,
  );
  const { seedTable, holdout, text } = comparison(options.points, summaries, copy);
  io.stdout(text);
  await mkdir(options.out, { recursive: true });
  const report = {
    data: options.dataLabel,
    backend: options.backend,
    seed: options.seed,
    preset: options.preset ?? 'default',
    quizData,
    ...(quizData ? { anchors: { holdout: HOLDOUT_ANCHORS, originalReadme: ORIGINAL_README_FIGURES } } : {}),
    trainingCopy: copy.summary,
    models: Object.fromEntries(runs.map((r) => [r.summary.model, r.report])),
  };
  await writeFilesAtomic([
    { path: join(options.out, 'report.json'), content: `${JSON.stringify(report, null, 2)}\n` },
    {
      path: join(options.out, 'report.md'),
      content: markdownReport({ ...options, quizData }, runs, seedTable, holdout),
    },
  ]);
  io.stdout(`\nwrote ${join(options.out, 'report.json')} and ${join(options.out, 'report.md')}\n`);
  return runs;
}

async function reproduceOne(
  name: ModelName,
  { train, test }: { train: Points; test: Points },
  options: ReproduceOptions & { readonly quizData: boolean },
  io: CliIo,
): Promise<ModelRun> {
  const { seed } = options;
  const lattice = resolveLattice('auto', train);
  const model = createModel(name, options.preset, { latticeSteps: lattice.steps });
  const byEpochs = trainsByEpochs(name);
  const label = options.preset && byEpochs ? `${name} (${options.preset})` : name;
  const outDir = join(options.out, name);
  // The mixture runs EM to convergence: epochs, a validation hold-out and patience are for the other models.
  const epochs = !byEpochs
    ? undefined
    : typeof options.epochs === 'function'
      ? options.epochs(name)
      : options.epochs;
  const validation = byEpochs ? options.validation : undefined;
  const patience = byEpochs ? options.patience : undefined;
  const totalEpochs = epochs ?? defaultEpochs(model, train.count, validation);
  io.stderr(
    `${label} on ${options.dataLabel}: ${train.count} train / ${test.count} test points, ` +
      `${epochsText(totalEpochs)}, backend ${options.backend}; lattice: ${lattice.text}\n`,
  );

  const curve: { epoch: number; seconds: number; cpuSeconds: number; testNll: number }[] = [];
  let secondsToSeedQuality: number | null = null;
  let cpuSecondsToSeedQuality: number | null = null;
  // Wall-clock seconds depend on whatever else the machine runs; this process's CPU seconds (callbacks
  // excluded) much less so: on an otherwise idle machine the two agree (the backends compute on one thread).
  const cpuStart = process.cpuUsage();
  let callbackCpu = 0;
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpuStart);
    return (used.user + used.system) / 1e6 - callbackCpu;
  };
  const bar = progress(io, label, totalEpochs);
  const history = await model.fit(train, {
    seed,
    ...(epochs === undefined ? {} : { epochs }),
    ...(validation === undefined ? {} : { validation }),
    ...(patience === undefined ? {} : { patience }),
    callbacks: {
      // Scoring the test split each epoch only times the curve; `seconds` excludes it, nothing trains on it.
      onEpochEnd: async (r: EpochRecord) => {
        const cpu = cpuSeconds();
        const entered = process.cpuUsage();
        const testNll = await heldOutNll(model, test, { draws: 2, seed: 1 });
        curve.push({ epoch: r.epoch, seconds: r.seconds, cpuSeconds: cpu, testNll });
        if (options.quizData && secondsToSeedQuality === null && testNll <= SEED_QUALITY_NLL) {
          secondsToSeedQuality = r.seconds;
          cpuSecondsToSeedQuality = cpu;
        }
        bar.epoch(r, testNll);
        const spent = process.cpuUsage(entered);
        callbackCpu += (spent.user + spent.system) / 1e6;
      },
      onBatchEnd: (i) => bar.step(i),
    },
  });
  bar.done(history);
  const fitCpuSeconds = cpuSeconds();
  const testNll = await heldOutNll(model, test, { draws: 10, seed: 0 });
  const samples = await model.sample(SAMPLE_COUNT, { seed: seed + 1 });
  const sampleSeeds = sampleSeedsOf(options);
  const { evaluations, summary: overSeeds } = await evaluateOverSeeds(model, train, test, sampleSeeds, seed);
  const evaluation = evaluations[0] as (typeof evaluations)[number];
  const seedStyle = evaluateSeedStyle(samples, options.points);
  // A conditional sampler also colours the test positions, beside a 5-nearest-neighbour baseline.
  const colours: ColorizeReport | null = isConditional(model)
    ? await colorize(model, train, test, seed + 3)
    : null;

  await mkdir(outDir, { recursive: true });
  await writePoints(join(outDir, 'samples.csv'), samples);
  await model.save(join(outDir, 'model'));
  // Figures are a bonus: without the optional renderers the run still writes its samples and reports. They
  // draw all the points against as many samples, so that both scatters have the same density.
  const plots = await writeReportPlots(
    { real: options.points, generated: samples, history, label },
    join(outDir, 'plots'),
  ).catch((e: unknown) => {
    io.stderr(`plots skipped: ${e instanceof Error ? e.message : String(e)}\n`);
    return [];
  });
  const report = {
    model: name,
    preset: options.preset ?? 'default',
    data: options.dataLabel,
    backend: options.backend,
    testNll,
    fitSeconds: history.seconds,
    fitCpuSeconds,
    // Seed quality is the original recipe's test NLL on the quiz data: a mark on no other data.
    ...(options.quizData
      ? { secondsToSeedQuality, cpuSecondsToSeedQuality, seedQualityNll: SEED_QUALITY_NLL }
      : {}),
    epochs: history.epochs.length,
    steps: history.steps,
    bestEpoch: history.bestEpoch,
    stoppedBy: history.stoppedBy,
    config: model.getConfig(),
    curve,
    history: history.epochs,
    evaluation,
    overSampleSeeds: overSeeds,
    seedStyle,
    ...(colours ? { colorize: colours } : {}),
  };
  await writeFilesAtomic([
    { path: join(outDir, 'report.json'), content: `${JSON.stringify(report, null, 2)}\n` },
  ]);
  model.dispose();

  io.stdout(
    `\n${label}: test NLL ${testNll.toFixed(3)} nats/point; sample seed ${sampleSeeds[0]}:\n` +
      `${formatReport(evaluation)}\n${overSeedsLine(overSeeds)}\n`,
  );
  if (colours) io.stdout(`${colorizeLine(colours, test.count)}\n`);
  const written = [join(outDir, 'samples.csv'), `${join(outDir, 'model')}/`, join(outDir, 'report.json')];
  if (plots.length > 0) written.push(`${plots.length} plots in ${join(outDir, 'plots')}/`);
  io.stderr(`wrote ${written.join(', ')}\n`);
  return {
    summary: {
      model: name,
      label,
      fitSeconds: history.seconds,
      fitCpuSeconds,
      testNll,
      evaluation,
      overSeeds,
      seedStyle,
    },
    report,
  };
}

/** The sample seeds of a run (the same for every model and the training copy). */
function sampleSeedsOf(options: ReproduceOptions): number[] {
  return Array.from({ length: options.sampleSeeds ?? SAMPLE_SEEDS }, (_, k) => options.seed + 2 + k);
}

/** The headline metrics over the sample seeds in one line. */
function overSeedsLine(s: SampleSeedSummary): string {
  return (
    `over ${s.seeds.length} sample seeds, median (range): MMD ratio ${spreadText(s.mmdRatio, 2)}, ` +
    `C2ST ${spreadText(s.c2st, 3)}, DCR ratio ${spreadText(s.dcrRatio, 2)}`
  );
}

/** The colourising figures in one line. */
export function colorizeLine(c: ColorizeReport, count: number): string {
  const mae = (v: number[]) => v.map((e) => e.toFixed(4)).join(' / ');
  return (
    `colourising the ${count} test positions, mean |error| r / g / b: one draw ${mae(c.sampleMae)}, ` +
    `median ${mae(c.medianMae)} (${medianSource(c)}), mean of the draws ${mae(c.meanMae)}, ` +
    `5-NN baseline (mean colour) ${mae(c.knnMae)}`
  );
}

function medianSource(c: ColorizeReport): string {
  const exact = c.exactChannel === null ? null : (['r', 'g', 'b'][c.exactChannel] as string);
  return exact === null ? `of ${c.draws} draws` : `${exact} exact, the others of ${c.draws} draws`;
}

function markdownReport(
  options: ReproduceOptions & { readonly quizData: boolean },
  runs: readonly ModelRun[],
  seedTable: string,
  holdout: string,
): string {
  const sections = runs.map((r) => {
    const c = r.report.colorize as ColorizeReport | undefined;
    return [
      `## ${r.summary.label}`,
      '',
      `Test NLL ${r.summary.testNll.toFixed(3)} nats/point; fit ${r.summary.fitSeconds.toFixed(1)} s ` +
        `(${r.summary.fitCpuSeconds.toFixed(1)} CPU s).`,
      '',
      '```',
      formatReport(r.summary.evaluation),
      '```',
      ...(c ? ['', colorizeLine(c, r.summary.evaluation.counts.test)] : []),
    ].join('\n');
  });
  return [
    '# pointgen reproduce',
    '',
    `Data: ${options.dataLabel} (protocol split: row i is a test point when i % 5 == 4). ` +
      `Backend ${options.backend}, seed ${options.seed}, preset ${options.preset ?? 'default'}.`,
    '',
    `## The original README's way`,
    '',
    `${SAMPLE_COUNT} generated points against all ${options.points.count} points, as the original project measured ` +
      `them: this rewards copying the training set, so it is shown for comparison only${referencesNote(options.quizData, 'the original README')}.`,
    '',
    seedTable,
    '',
    '## The holdout protocol',
    '',
    'Generated points against the test split; each ratio divides by the same metric for real training points ' +
      `(1 = as close as real data). The gaussian-mixture row is the baseline, measured on these points in this run` +
      `${referencesNote(options.quizData, 'docs/protocol.md')}.`,
    '',
    holdout,
    '',
    ...sections,
    '',
  ].join('\n');
}
