import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { choice, fraction, integer, parseFlags, required, requiredChoice } from './args.js';
import { BACKEND_NAMES, selectBackend } from './backend.js';
import type { Command } from './command.js';
import { readDataArg } from './data.js';
import { createModel, defaultEpochs, MODEL_NAMES, type ModelName, PRESETS } from './models.js';
import { epochsText, progress } from './progress.js';

/** `pointgen fit`'s arguments, validated. */
export interface FitArgs {
  readonly model: ModelName;
  readonly data: string;
  readonly out: string;
  readonly epochs?: number;
  readonly preset?: (typeof PRESETS)[number];
  readonly seed: number;
  readonly validation?: number;
  readonly backend?: string;
}

/** `pointgen fit`: trains on every point given and saves the model with its history. */
export const fitCommand: Command<FitArgs> = {
  name: 'fit',
  summary: 'train a model on a point file or the pi-quiz folder and save it',
  help: `Usage: pointgen fit --model realnvp|transformer --data DIR|FILE --out MODEL_DIR [options]

Trains a model on every point of --data and saves it to MODEL_DIR (model.json, weights.bin) with the
training history (history.json).

Options:
  --model NAME        realnvp or transformer (required)
  --data PATH         a .csv, .npy or .json file of (x, y, r, g, b) rows in [0, 1], or a folder holding
                      the pi-quiz files (pi_xs.npy, pi_ys.npy, sparse_pi_colored.jpg) (required)
  --out DIR           where to save the model (required)
  --epochs N          passes over the data (default: the model's recipe)
  --preset P          ${PRESETS.join(' or ')} (default: default)
  --seed S            seed of the initial weights' shuffling and noise (default 0)
  --validation F      share of the points held out to pick the best epoch, in [0, 1) (default: the recipe's)
  --backend NAME      cpu, wasm, webgl or tensorflow (default: the fastest installed)
  -h, --help          show this help`,
  parse(argv) {
    const v = parseFlags('fit', argv, {
      model: { type: 'string' },
      data: { type: 'string' },
      out: { type: 'string' },
      epochs: { type: 'string' },
      preset: { type: 'string' },
      seed: { type: 'string' },
      validation: { type: 'string' },
      backend: { type: 'string' },
    });
    if (v === 'help') return v;
    return {
      model: requiredChoice(v, 'model', MODEL_NAMES),
      data: required(v, 'data'),
      out: required(v, 'out'),
      epochs: integer(v, 'epochs', 1),
      preset: choice(v, 'preset', PRESETS),
      seed: integer(v, 'seed', 0, 2 ** 32 - 1) ?? 0,
      validation: fraction(v, 'validation'),
      backend: choice(v, 'backend', BACKEND_NAMES),
    };
  },
  async run(args, io) {
    const points = await readDataArg(args.data);
    const backend = await selectBackend(args.backend);
    const model = createModel(args.model, args.preset);
    const totalEpochs = args.epochs ?? defaultEpochs(model, points.count, args.validation);
    io.stderr(
      `fitting ${args.model} to ${points.count} points of ${args.data}: ${epochsText(totalEpochs)}, backend ${backend}\n`,
    );
    const bar = progress(io, args.model, totalEpochs);
    const history = await model.fit(points, {
      seed: args.seed,
      ...(args.epochs === undefined ? {} : { epochs: args.epochs }),
      ...(args.validation === undefined ? {} : { validation: args.validation }),
      callbacks: { onEpochEnd: (r) => bar.epoch(r) },
    });
    bar.done();
    await model.save(args.out);
    await writeFile(join(args.out, 'history.json'), `${JSON.stringify(history, null, 2)}\n`);
    model.dispose();
    const last = history.epochs.at(-1);
    io.stdout(
      `trained ${args.model} for ${epochsText(history.epochs.length)} in ${history.seconds.toFixed(1)} s` +
        (last ? `, final loss ${last.loss.toFixed(3)}` : '') +
        (Number.isFinite(history.bestValNll)
          ? `, best validation NLL ${history.bestValNll.toFixed(3)} (epoch ${history.bestEpoch})`
          : '') +
        `\nsaved to ${args.out}/ (model.json, weights.bin, history.json)\n`,
    );
  },
};
