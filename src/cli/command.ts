import type { CliIo } from './io.js';

/** One `pointgen` subcommand: pure parsing and validation, then the run with its I/O. */
export interface Command<Args> {
  readonly name: string;
  /** One line for `pointgen --help`. */
  readonly summary: string;
  /** The full `pointgen <name> --help` text. */
  readonly help: string;
  /** Parses and validates the arguments without touching the file system. */
  parse(argv: readonly string[]): Args | 'help';
  run(args: Args, io: CliIo): Promise<void>;
}
