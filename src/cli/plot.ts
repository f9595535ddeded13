import { readFile } from 'node:fs/promises';
import { optional, parseFlags, required } from './args.js';
import type { Command } from './command.js';
import { pointFileArg, readPointsArg } from './data.js';
import { asUsage } from './errors.js';
import { historyFromJson, writeReportPlots } from './plots.js';

/** `pointgen plot`'s arguments, validated. */
export interface PlotArgs {
  readonly real: string;
  readonly generated: string;
  readonly history?: string;
  readonly out: string;
  readonly label?: string;
}

/** `pointgen plot`: the report figures of two point files (and a history). */
export const plotCommand: Command<PlotArgs> = {
  name: 'plot',
  summary: 'draw real against generated points (histograms, scatter, PCA, training curves)',
  help: `Usage: pointgen plot --real FILE --generated FILE [--history FILE] --out DIR

Writes the report figures (SVG and PNG, with their Vega-Lite specifications) into DIR.

Options:
  --real FILE         real points (.csv, .npy or .json) (required)
  --generated FILE    the model's points (required)
  --history FILE      history.json of 'pointgen fit' or report.json of 'pointgen reproduce': adds the
                      training curves
  --out DIR           the folder to write (required)
  --label TEXT        a name put in front of every title
  -h, --help          show this help`,
  parse(argv) {
    const v = parseFlags('plot', argv, {
      real: { type: 'string' },
      generated: { type: 'string' },
      history: { type: 'string' },
      out: { type: 'string' },
      label: { type: 'string' },
    });
    if (v === 'help') return v;
    const history = optional(v, 'history');
    const label = optional(v, 'label');
    return {
      real: pointFileArg('real', required(v, 'real')),
      generated: pointFileArg('generated', required(v, 'generated')),
      out: required(v, 'out'),
      ...(history === undefined ? {} : { history }),
      ...(label === undefined ? {} : { label }),
    };
  },
  async run(args, io) {
    const real = await readPointsArg('real', args.real);
    const generated = await readPointsArg('generated', args.generated);
    const history = args.history
      ? await asUsage('--history', async () =>
          historyFromJson(JSON.parse(await readFile(args.history as string, 'utf8')), args.history as string),
        )
      : undefined;
    const files = await writeReportPlots(
      { real, generated, ...(history ? { history } : {}), ...(args.label ? { label: args.label } : {}) },
      args.out,
    );
    io.stdout(`${files.join('\n')}\n`);
  },
};
