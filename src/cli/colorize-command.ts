import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Points } from '../data/points.js';
import { isConditional } from '../models/conditional.js';
import { loadGenerator } from '../models/load-generator.js';
import { readPoints, writePoints } from '../node/files.js';
import { parseFlags, required } from './args.js';
import { selectBackend } from './backend.js';
import type { Command } from './command.js';
import { pointFileArg } from './data.js';
import { DRAW_FLAGS, type DrawArgs, drawArgs, drawHelp } from './draw-args.js';
import { asUsage, UsageError } from './errors.js';

/** `pointgen colorize`'s arguments, validated. */
export interface ColorizeArgs extends DrawArgs {
  readonly positions: string;
}

const POSITIONS_HELP = `  --positions FILE    a .csv, .npy or .json file of (x, y) rows, or of (x, y, r, g, b) rows whose colours
                      are ignored (required)`;

/** `pointgen colorize`: a conditional model draws a colour for each given position. */
export const colorizeCommand: Command<ColorizeArgs> = {
  name: 'colorize',
  summary: 'draw a colour for each position of a file from a saved conditional model',
  help: `Usage: pointgen colorize --model MODEL_DIR --positions FILE --out FILE [options]

Loads a conditional model (a transformer, 'pointgen fit --type masked-transformer', whose generation order starts
with x and y, as by default) and draws (r, g, b) given each position (x, y) of --positions; writes the
coloured points (x, y, r, g, b), the positions exactly as given.

Options:
${drawHelp(POSITIONS_HELP, 'colours')}`,
  parse(argv) {
    const v = parseFlags('colorize', argv, { ...DRAW_FLAGS, positions: { type: 'string' } });
    if (v === 'help') return v;
    // In the order of the help: --positions' errors before --out's.
    required(v, 'model');
    const positions = pointFileArg('positions', required(v, 'positions'));
    return { positions, ...drawArgs(v) };
  },
  async run(args, io) {
    const positions = await asUsage('--positions', () => readPoints(args.positions)).then((p) =>
      positionsOf(p, args.positions),
    );
    const backend = await selectBackend(args.backend);
    const model = await asUsage('--model', () => loadGenerator(args.model));
    try {
      if (!isConditional(model)) {
        throw new UsageError(
          `--model: a ${model.type} model cannot draw colours given positions; train a transformer or a ` +
            `Gaussian mixture ('pointgen fit --type masked-transformer' or '--type gaussian-mixture')`,
        );
      }
      io.stderr(
        `colouring ${positions.x.length} positions of ${args.positions} with the ${model.type} model in ` +
          `${args.model}, backend ${backend}\n`,
      );
      const points = await asUsage('--model', () =>
        model.sample(positions.x.length, { seed: args.seed, given: positions }),
      );
      await mkdir(dirname(args.out), { recursive: true });
      await writePoints(args.out, points);
      io.stdout(`wrote ${points.count} coloured points to ${args.out}\n`);
    } finally {
      model.dispose();
    }
  },
};

/** The x and y columns of a file of (x, y) or (x, y, r, g, b) rows. */
function positionsOf(points: Points, path: string): { x: Float32Array; y: Float32Array } {
  const { data, count, dim } = points;
  if (dim !== 2 && dim !== 5) {
    throw new UsageError(`--positions: ${path} has ${dim} columns, expected 2 (x, y) or 5 (x, y, r, g, b)`);
  }
  if (count === 0) throw new UsageError(`--positions: ${path} holds no positions`);
  const x = new Float32Array(count);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    x[i] = data[i * dim] as number;
    y[i] = data[i * dim + 1] as number;
  }
  return { x, y };
}
