import { dirname } from 'node:path';
import { makeFolder } from '../io/node-fs.js';
import { loadGenerator } from '../models/load-generator.js';
import { writePoints } from '../node/files.js';
import { integer, parseFlags, required } from './args.js';
import { selectBackend } from './backend.js';
import type { Command } from './command.js';
import { checkPointsOut } from './destination.js';
import { DRAW_FLAGS, type DrawArgs, drawArgs, drawHelp } from './draw-args.js';
import { asUsage } from './errors.js';

/** `pointgen sample`'s arguments, validated. */
export interface SampleArgs extends DrawArgs {
  readonly count: number;
}

/** `pointgen sample`: loads a saved model and writes new points. */
export const sampleCommand: Command<SampleArgs> = {
  name: 'sample',
  summary: 'draw new points from a saved model',
  help: `Usage: pointgen sample --model MODEL_DIR -n N --out FILE [options]

Loads a model saved by 'pointgen fit' (or any pointgen model folder) and writes N new points.

Options:
${drawHelp('  -n, --count N       how many points (required)', 'points')}`,
  parse(argv) {
    const v = parseFlags('sample', argv, { ...DRAW_FLAGS, count: { type: 'string', short: 'n' } });
    if (v === 'help') return v;
    // In the order of the help: --count's errors before --out's.
    required(v, 'count');
    required(v, 'model');
    const count = integer(v, 'count', 1, 10_000_000) as number;
    return { count, ...drawArgs(v) };
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
