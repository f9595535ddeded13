import { dirname } from 'node:path';
import { makeFolder } from '../io/node-fs.js';
import { loadGenerator } from '../models/load-generator.js';
import { writePoints } from '../node/files.js';
import { choice, integer, parseFlags, required } from './args.js';
import { BACKEND_NAMES, selectBackend } from './backend.js';
import type { Command } from './command.js';
import { pointFileArg } from './data.js';
import { checkPointsOut } from './destination.js';
import { asUsage } from './errors.js';

/** `pointgen sample`'s arguments, validated. */
export interface SampleArgs {
  readonly model: string;
  readonly count: number;
  readonly out: string;
  readonly seed: number;
  readonly backend?: string;
}

/** `pointgen sample`: loads a saved model and writes new points. */
export const sampleCommand: Command<SampleArgs> = {
  name: 'sample',
  summary: 'draw new points from a saved model',
  help: `Usage: pointgen sample --model MODEL_DIR -n N --out FILE [options]

Loads a model saved by 'pointgen fit' (or any pointgen model folder) and writes N new points.

Options:
  --model DIR         the saved model's folder (required)
  -n, --count N       how many points (required)
  --out FILE          a .csv, .npy or .json file to write (required)
  --seed S            the same seed gives the same points on the same backend (default 0)
  --backend NAME      cpu, wasm, webgl or tensorflow (default: the fastest installed)
  -h, --help          show this help`,
  parse(argv) {
    const v = parseFlags('sample', argv, {
      model: { type: 'string' },
      count: { type: 'string', short: 'n' },
      out: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string' },
    });
    if (v === 'help') return v;
    required(v, 'count');
    return {
      model: required(v, 'model'),
      count: integer(v, 'count', 1, 10_000_000) as number,
      out: pointFileArg('out', required(v, 'out')),
      seed: integer(v, 'seed', 0, 2 ** 32 - 1) ?? 0,
      backend: choice(v, 'backend', BACKEND_NAMES),
    };
  },
  async run(args, io) {
    await checkPointsOut('out', args.out);
    const backend = await selectBackend(args.backend);
    const model = await asUsage('--model', () => loadGenerator(args.model));
    io.stderr(
      `sampling ${args.count} points from the ${model.type} model in ${args.model}, backend ${backend}\n`,
    );
    const points = await model.sample(args.count, { seed: args.seed });
    model.dispose();
    await asUsage('--out', async () => {
      await makeFolder(dirname(args.out));
      await writePoints(args.out, points);
    });
    io.stdout(`wrote ${points.count} points from ${model.type} to ${args.out}\n`);
  },
};
