// What the commands that draw from a saved model into a point file (`sample`, `colorize`) share: their flags
// --model, --out, --seed and --backend, validated the same way and described in the same words.
import { choice, type FlagValues, integer, type OptionSpec, required } from './args.js';
import { BACKEND_HELP_LINES, BACKEND_NAMES } from './backend.js';
import { pointFileArg } from './data.js';

/** The flag table of --model, --out, --seed and --backend, in parseArgs form. */
export const DRAW_FLAGS = {
  model: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
} as const satisfies OptionSpec;

/** The validated --model, --out, --seed and --backend of a command that draws from a saved model. */
export interface DrawArgs {
  readonly model: string;
  readonly out: string;
  readonly seed: number;
  readonly backend?: string;
}

/** Validates the flags of {@link DRAW_FLAGS} (--model and --out required, --seed default 0). */
export function drawArgs(values: FlagValues): DrawArgs {
  return {
    model: required(values, 'model'),
    out: pointFileArg('out', required(values, 'out')),
    seed: integer(values, 'seed', 0, 2 ** 32 - 1) ?? 0,
    backend: choice(values, 'backend', BACKEND_NAMES),
  };
}

/**
 * The options part of such a command's help: --model, the command's own `inputLines`, --out, --seed (the same
 * seed gives the same `drawn`), --backend and --help.
 */
export function drawHelp(inputLines: string, drawn: string): string {
  return `  --model DIR         the saved model's folder (required)
${inputLines}
  --out FILE          a .csv, .npy or .json file to write (required)
  --seed S            the same seed gives the same ${drawn} on the same backend (default 0)
${BACKEND_HELP_LINES}`;
}
