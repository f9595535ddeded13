import { float32Text } from '../data/float-text.js';
import { detectLattice, formatStep } from '../data/lattice.js';
import { POINT_COLUMNS, POINT_DIM, type Points } from '../data/points.js';
import { constantValues, type LatticeOption } from '../models/data-space.js';
import {
  choice,
  fraction,
  integer,
  type LatticeFlag,
  latticeFlag,
  parseFlags,
  renamed,
  required,
} from './args.js';
import { BACKEND_HELP_LINES, BACKEND_NAMES, selectBackend } from './backend.js';
import type { Command } from './command.js';
import { readDataArg } from './data.js';
import { checkModelOut, saveModel } from './destination.js';
import { asUsage, UsageError } from './errors.js';
import { createModel, defaultEpochs, MODEL_NAMES, type ModelName, modelType, PRESETS } from './models.js';
import { epochsText, progress } from './progress.js';

/** `pointgen fit`'s arguments, validated. */
export interface FitArgs {
  readonly type: ModelName;
  readonly data: string;
  readonly out: string;
  readonly epochs?: number;
  readonly preset?: (typeof PRESETS)[number];
  readonly seed: number;
  readonly validation?: number;
  readonly backend?: string;
  /** `--lattice`: detect (`'auto'`), none (`null`), or the steps given. */
  readonly lattice: LatticeFlag;
  /** Deprecated spellings accepted, printed before the run. */
  readonly warnings: readonly string[];
}

/** Why `--model` in `fit` is now `--type`, for the warning. */
export const TYPE_FLAG_WHY = "--model names a model folder, as in 'pointgen sample'";

/** `pointgen fit`: trains on every point given and saves the model with its history. */
export const fitCommand: Command<FitArgs> = {
  name: 'fit',
  summary: 'train a model on a point file or the pi-quiz folder and save it',
  help: `Usage: pointgen fit --type ${MODEL_NAMES.join('|')} --data DIR|FILE --out MODEL_DIR [options]

Trains a model on every point of --data and saves it to MODEL_DIR (model.json, weights.bin) with the
training history (history.json). Prints the lattice it finds in the data (see --lattice).

Options:
  --type NAME         the model type: ${MODEL_NAMES.join(' or ')} (required; the old spelling --model still works)
  --data PATH         a .csv, .npy or .json file of (x, y, r, g, b) rows in any units, or a folder holding
                      the pi-quiz files (pi_xs.npy, pi_ys.npy, sparse_pi_colored.jpg) (required)
  --out DIR           where to save the model (required)
  --epochs N          passes over the data (default: the model's recipe)
  --preset P          ${PRESETS.join(' or ')} (default: default)
  --lattice L         auto: find each coordinate's grid in the data (1/300, 1/255, 1/427 …, or none) and
                      dequantize by it; none: treat the data as continuous; or steps such as 1/255 (one for
                      all coordinates, or 5 separated by commas) (default auto)
  --seed S            seed of the initial weights' shuffling and noise (default 0)
  --validation F      share of the points held out to pick the best epoch, in [0, 1) (default: the recipe's)
${BACKEND_HELP_LINES}`,
  parse(argv) {
    const v = parseFlags('fit', argv, {
      type: { type: 'string' },
      model: { type: 'string' },
      lattice: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      epochs: { type: 'string' },
      preset: { type: 'string' },
      seed: { type: 'string' },
      validation: { type: 'string' },
      backend: { type: 'string' },
    });
    if (v === 'help') return v;
    const { value, warnings } = renamed(v, 'type', 'model', TYPE_FLAG_WHY);
    if (value === undefined) throw new UsageError(`--type is required (${MODEL_NAMES.join(' or ')})`);
    const { type, warnings: renames } = modelType(value, 'type');
    return {
      type: type as ModelName,
      data: required(v, 'data'),
      out: required(v, 'out'),
      epochs: integer(v, 'epochs', 1),
      preset: choice(v, 'preset', PRESETS),
      seed: integer(v, 'seed', 0, 2 ** 32 - 1) ?? 0,
      validation: fraction(v, 'validation'),
      backend: choice(v, 'backend', BACKEND_NAMES),
      lattice: latticeFlag(v, POINT_DIM),
      warnings: [...warnings, ...renames],
    };
  },
  async run(args, io) {
    // The data first: a bad --data then leaves no new, empty --out folder behind.
    const points = await readDataArg(args.data);
    if (points.count < 2) {
      throw new UsageError(`--data: ${args.data} holds ${points.count} point(s); fitting needs at least 2`);
    }
    await checkModelOut(args.out);
    const backend = await selectBackend(args.backend);
    const { steps, text } = resolveLattice(args.lattice, points);
    io.stderr(`lattice: ${text}\n`);
    const model = await asUsage('--lattice', async () =>
      createModel(args.type, args.preset, { latticeSteps: steps }),
    );
    const totalEpochs = args.epochs ?? defaultEpochs(model, points.count, args.validation);
    io.stderr(
      `fitting ${args.type} to ${points.count} points of ${args.data}: ${epochsText(totalEpochs)}, backend ${backend}\n`,
    );
    const bar = progress(io, args.type, totalEpochs);
    const history = await model
      .fit(points, {
        seed: args.seed,
        ...(args.epochs === undefined ? {} : { epochs: args.epochs }),
        ...(args.validation === undefined ? {} : { validation: args.validation }),
        callbacks: { onEpochEnd: (r) => bar.epoch(r), onBatchEnd: (i) => bar.step(i) },
      })
      .catch((e: unknown) => {
        // The one fit option whose bad value shows only against the data's size.
        if (e instanceof RangeError && e.message.startsWith('validationFraction: ')) {
          throw new UsageError(`--validation: ${e.message.slice('validationFraction: '.length)}`, {
            cause: e,
          });
        }
        throw e;
      });
    bar.done(history);
    try {
      await saveModel(model, history, args.out);
    } finally {
      model.dispose();
    }
    const last = history.epochs.at(-1);
    io.stdout(
      `trained ${args.type} for ${epochsText(history.epochs.length)} in ${history.seconds.toFixed(1)} s` +
        (last ? `, final loss ${last.loss.toFixed(3)}` : '') +
        (Number.isFinite(history.bestValNll)
          ? `, best validation NLL ${history.bestValNll.toFixed(3)} (epoch ${history.bestEpoch})`
          : '') +
        `\nsaved to ${args.out}/ (model.json, weights.bin, history.json)\n`,
    );
  },
};

/**
 * The lattice `--lattice` gives the model and the line that says so: with `auto`, the model finds each
 * coordinate's grid in the data itself (the line shows {@link detectLattice}'s rule run on the same points;
 * a coordinate without one is continuous, the others keep their grid).
 */
export function resolveLattice(flag: LatticeFlag, points: Points): { steps: LatticeOption; text: string } {
  const named = (steps: readonly (number | null)[]) =>
    steps.map((s, j) => `${POINT_COLUMNS[j] ?? j} ${formatStep(s)}`).join(', ');
  if (flag === null) return { steps: null, text: 'none (--lattice none: continuous)' };
  if (flag !== 'auto') return { steps: flag, text: `${named(flag)} (given)` };
  const found = detectLattice(points);
  const constant = constantValues(points);
  if (found.every((s) => s === null) && constant.every((c) => c === null)) {
    return { steps: 'auto', text: 'none found (continuous data)' };
  }
  // A constant coordinate is a one-value lattice of the model (see DataSpace): sampled as that value.
  const text = found
    .map((s, j) => {
      const c = constant[j];
      return `${POINT_COLUMNS[j] ?? j} ${c === null || c === undefined ? formatStep(s) : `constant ${float32Text(c)}`}`;
    })
    .join(', ');
  return { steps: 'auto', text: `${text} (detected)` };
}
