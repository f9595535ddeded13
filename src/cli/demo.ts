import { coloredPi } from '../datasets/colored-pi.js';
import { choice, integer, optional, parseFlags } from './args.js';
import { BACKEND_HELP_LINES, BACKEND_NAMES } from './backend.js';
import type { Command } from './command.js';
import { MODEL_NAMES, type ModelName } from './models.js';
import { runPipeline } from './reproduce-command.js';

/**
 * Demo epochs per model: a few minutes in all on two cores (the full recipes train 700 and 1050 steps:
 * `pointgen reproduce`). RealNVP keeps its recipe, because early stopping ends it sooner.
 */
export const DEMO_EPOCHS: Readonly<Record<ModelName, number | undefined>> = {
  realnvp: undefined,
  'masked-transformer': 15,
  'gaussian-mixture': undefined,
};

/**
 * The built-in colour π is smoother than the quiz data (its colours are noisier around each position), and the
 * models overfit it after about 30 epochs without a hold-out (RealNVP: test NLL ends at −6.21 against −6.30
 * with 10% held out and patience 10): the demo holds 10% out and keeps the best epoch.
 */
export const DEMO_VALIDATION = { validation: 0.1, patience: 10 } as const;

/** Sample draws scored per model: fewer than `pointgen reproduce`'s, for a quick look. */
export const DEMO_SAMPLE_SEEDS = 10;

/** `pointgen demo`'s arguments, validated. */
export interface DemoArgs {
  readonly out: string;
  readonly epochs?: number;
  readonly backend?: string;
}

/** `pointgen demo`: the reproduce pipeline on the built-in data with few epochs. */
export const demoCommand: Command<DemoArgs> = {
  name: 'demo',
  summary: 'every model on the built-in colour pi, with reports and plots, in a few minutes',
  help: `Usage: pointgen demo [--out DIR] [--backend NAME] [--epochs N]

Trains RealNVP (its recipe's epochs, stopping early), the masked transformer (${DEMO_EPOCHS['masked-transformer']} epochs) and the
Gaussian mixture (the baseline) on the built-in colour pi (protocol split; 10% of the training points held
out for early stopping), then writes samples, models, reports and plots as 'pointgen reproduce' does. The
built-in points are not the quiz data: the tables compare the three models only.

Options:
  --out DIR           output folder (default out/demo)
  --epochs N          epochs per model instead of the demo's
${BACKEND_HELP_LINES}`,
  parse(argv) {
    const v = parseFlags('demo', argv, {
      out: { type: 'string' },
      epochs: { type: 'string' },
      backend: { type: 'string' },
    });
    if (v === 'help') return v;
    const epochs = integer(v, 'epochs', 1);
    return {
      out: optional(v, 'out') ?? 'out/demo',
      ...(epochs === undefined ? {} : { epochs }),
      backend: choice(v, 'backend', BACKEND_NAMES),
    };
  },
  async run(args, io) {
    await runPipeline(
      {
        models: MODEL_NAMES,
        out: args.out,
        epochs: (model) => args.epochs ?? DEMO_EPOCHS[model],
        ...DEMO_VALIDATION,
        seed: 0,
        sampleSeeds: DEMO_SAMPLE_SEEDS,
        backend: args.backend,
      },
      coloredPi(),
      'datasets.coloredPi()',
      io,
    );
  },
};
