import type { Points } from '../data/points.js';
import { coloredPi } from '../datasets/colored-pi.js';
import { choice, fraction, integer, optional, parseFlags, renamed } from './args.js';
import { BACKEND_HELP_LINES, BACKEND_NAMES, selectBackend } from './backend.js';
import type { Command } from './command.js';
import { readDataArg } from './data.js';
import { UsageError } from './errors.js';
import { TYPE_FLAG_WHY } from './fit.js';
import { MODEL_NAMES, type ModelName, modelType, PRESETS } from './models.js';
import { reproduce } from './reproduce.js';
import { SAMPLE_SEEDS } from './sample-seeds.js';

/** `pointgen reproduce`'s arguments, validated. */
export interface ReproduceArgs {
  readonly models: readonly ModelName[];
  readonly data?: string;
  readonly out: string;
  readonly preset?: (typeof PRESETS)[number];
  readonly epochs?: number;
  /** Share of the training points held out for early stopping (default: the recipe's, none). */
  readonly validation?: number;
  /** Epochs without a better validation NLL before stopping (default: the recipe's). */
  readonly patience?: number;
  readonly seed: number;
  /** Sample draws scored per model (default {@link SAMPLE_SEEDS}). */
  readonly sampleSeeds?: number;
  readonly backend?: string;
  /** Deprecated spellings accepted, printed before the run. */
  readonly warnings?: readonly string[];
}

const BUILT_IN = 'datasets.coloredPi()';

/** `pointgen reproduce`: the pipeline of reproduce.ts on the quiz data or the built-in points. */
export const reproduceCommand: Command<ReproduceArgs> = {
  name: 'reproduce',
  summary: "train on the protocol split and compare with the original README's and the reference figures",
  help: `Usage: pointgen reproduce [--type ${[...MODEL_NAMES, 'all'].join('|')}] [--data DIR|FILE] [--out DIR] [options]

Trains each model, and always the Gaussian mixture (the baseline, fitted on the same split in the same
run), on the protocol's train split (row i is a test point when i % 5 == 4) and writes, per model,
OUT/<model>/samples.csv (5000 fresh samples), model/, report.json and plots/, then OUT/report.json and
OUT/report.md. Prints (a) the original README's way of scoring and (b) the holdout table. Any point file
works, with the lattice found in the data. The reference rows (the original README's, the PyTorch
recipe's and scikit-learn's, measured once on the quiz data) are shown only when the points are the quiz
data, recognised by their checksum.

Options:
  --type NAME         the model type: ${MODEL_NAMES.join(', ')} or all (default all; the old --model still works)
  --data PATH         the pi-quiz folder, or a .csv, .npy or .json file of (x, y, r, g, b) rows
                      (default: the built-in colour pi)
  --out DIR           output folder (default out)
  --preset P          ${PRESETS.join(' or ')} (default: default)
  --epochs N          epochs per model (default: each model's recipe)
  --validation F      share of the training points held out for early stopping, in [0, 1) (default: none;
                      smooth data such as the built-in pi overfits without it)
  --patience N        epochs without a better validation NLL before stopping (default: the recipe's)
  --seed S            seed of training, sampling and metrics (default 0)
  --sample-seeds N    draws of 4000 points scored per model; the table gives their median (default ${SAMPLE_SEEDS})
${BACKEND_HELP_LINES}`,
  parse(argv) {
    const v = parseFlags('reproduce', argv, {
      type: { type: 'string' },
      model: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      preset: { type: 'string' },
      epochs: { type: 'string' },
      validation: { type: 'string' },
      patience: { type: 'string' },
      seed: { type: 'string' },
      'sample-seeds': { type: 'string' },
      backend: { type: 'string' },
    });
    if (v === 'help') return v;
    const validation = fraction(v, 'validation');
    const patience = integer(v, 'patience', 0);
    if (patience !== undefined && patience > 0 && !(validation !== undefined && validation > 0)) {
      throw new UsageError('--patience: early stopping watches the validation NLL; add --validation F');
    }
    const sampleSeeds = integer(v, 'sample-seeds', 1, 1000);
    const { value, warnings } = renamed(v, 'type', 'model', TYPE_FLAG_WHY);
    const { type, warnings: renames } = modelType(value, 'type', ['all'] as const);
    const model = type ?? 'all';
    const data = optional(v, 'data');
    return {
      models: model === 'all' ? MODEL_NAMES : [model],
      ...(data === undefined ? {} : { data }),
      out: optional(v, 'out') ?? 'out',
      preset: choice(v, 'preset', PRESETS),
      epochs: integer(v, 'epochs', 1),
      ...(validation === undefined ? {} : { validation }),
      ...(patience === undefined ? {} : { patience }),
      seed: integer(v, 'seed', 0, 2 ** 31) ?? 0,
      ...(sampleSeeds === undefined ? {} : { sampleSeeds }),
      backend: choice(v, 'backend', BACKEND_NAMES),
      ...(warnings.length + renames.length > 0 ? { warnings: [...warnings, ...renames] } : {}),
    };
  },
  async run(args, io) {
    const points: Points = args.data ? await readDataArg(args.data) : coloredPi();
    await runPipeline(args, points, args.data ?? BUILT_IN, io);
  },
};

/** Chooses the backend, says which, and runs the pipeline. */
export async function runPipeline(
  args: Omit<ReproduceArgs, 'data' | 'epochs'> & { epochs?: number | ((m: ModelName) => number | undefined) },
  points: Points,
  dataLabel: string,
  io: Parameters<Command<unknown>['run']>[1],
): Promise<void> {
  const backend = await selectBackend(args.backend);
  await reproduce(
    {
      models: args.models,
      points,
      dataLabel,
      out: args.out,
      ...(args.preset ? { preset: args.preset } : {}),
      ...(args.epochs === undefined ? {} : { epochs: args.epochs }),
      ...(args.validation === undefined ? {} : { validation: args.validation }),
      ...(args.patience === undefined ? {} : { patience: args.patience }),
      seed: args.seed,
      ...(args.sampleSeeds === undefined ? {} : { sampleSeeds: args.sampleSeeds }),
      backend,
    },
    io,
  );
}
