import { evaluate, evaluateSeedStyle } from '../metrics/evaluate.js';
import { formatReport } from '../metrics/report-format.js';
import { integer, optional, parseFlags, required } from './args.js';
import type { Command } from './command.js';
import { pointFileArg, readPointsArg } from './data.js';
import { asUsage } from './errors.js';

/** `pointgen eval`'s arguments, validated. */
export interface EvalArgs {
  readonly real: string;
  readonly generated: string;
  readonly train?: string;
  readonly json: boolean;
  readonly seed: number;
}

/** `pointgen eval`: the holdout report with `--train`, the original README's figures without. */
export const evalCommand: Command<EvalArgs> = {
  name: 'eval',
  summary: 'score generated points against real ones',
  help: `Usage: pointgen eval --real FILE --generated FILE [--train FILE] [--json]

With --train: the holdout protocol (--real is the held-out test set; every metric beside its floor, the
same metric for the training points, and memorisation). Without: the original project's figures (MMD,
KL x/y, W1 per column of the generated points against --real), which reward copying.

Options:
  --real FILE         real points: the test set, or all points without --train (required)
  --generated FILE    the model's points (required)
  --train FILE        the points the model was trained on
  --json              print the report as JSON
  --seed S            seed of the metrics' random choices (default 0)
  -h, --help          show this help

Files are .csv, .npy or .json with five columns (x, y, r, g, b).`,
  parse(argv) {
    const v = parseFlags('eval', argv, {
      real: { type: 'string' },
      generated: { type: 'string' },
      train: { type: 'string' },
      json: { type: 'boolean' },
      seed: { type: 'string' },
    });
    if (v === 'help') return v;
    const train = optional(v, 'train');
    return {
      real: pointFileArg('real', required(v, 'real')),
      generated: pointFileArg('generated', required(v, 'generated')),
      ...(train === undefined ? {} : { train: pointFileArg('train', train) }),
      json: v.json === true,
      seed: integer(v, 'seed', 0, 2 ** 32 - 1) ?? 0,
    };
  },
  async run(args, io) {
    const real = await readPointsArg('real', args.real);
    const generated = await readPointsArg('generated', args.generated);
    const train = args.train ? await readPointsArg('train', args.train) : undefined;
    // The metrics reject sets they cannot score (e.g. an empty histogram range) with the set's name: the data's fault.
    const report = await asUsage('metrics', async () =>
      train
        ? evaluate(generated, { train, test: real, seed: args.seed })
        : evaluateSeedStyle(generated, real),
    );
    io.stdout(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  },
};
