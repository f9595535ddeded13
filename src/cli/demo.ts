import { coloredPi } from '../datasets/colored-pi.js';
import { choice, integer, optional, parseFlags } from './args.js';
import { BACKEND_NAMES } from './backend.js';
import type { Command } from './command.js';
import { MODEL_NAMES, type ModelName } from './models.js';
import { runPipeline } from './reproduce-command.js';

/**
 * Demo epochs per model: a few minutes in all on two cores, enough for recognisable samples (the full recipes
 * train 100 and 50 epochs: `pointgen reproduce`).
 */
export const DEMO_EPOCHS: Readonly<Record<ModelName, number>> = { realnvp: 20, transformer: 5 };

/** `pointgen demo`'s arguments, validated. */
export interface DemoArgs {
  readonly out: string;
  readonly epochs?: number;
  readonly backend?: string;
}

/** `pointgen demo`: the reproduce pipeline on the built-in data with few epochs. */
export const demoCommand: Command<DemoArgs> = {
  name: 'demo',
  summary: 'both models on the built-in colour pi, with reports and plots, in a few minutes',
  help: `Usage: pointgen demo [--out DIR] [--backend NAME] [--epochs N]

Trains RealNVP (${DEMO_EPOCHS.realnvp} epochs) and the masked transformer (${DEMO_EPOCHS.transformer} epochs) on the built-in colour pi
(protocol split), then writes samples, models, reports and plots as 'pointgen reproduce' does.

Options:
  --out DIR           output folder (default out/demo)
  --epochs N          epochs per model instead of the demo's
  --backend NAME      cpu, wasm, webgl or tensorflow (default: the fastest installed)
  -h, --help          show this help`,
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
        seed: 0,
        backend: args.backend,
      },
      coloredPi(),
      'datasets.coloredPi()',
      io,
    );
  },
};
