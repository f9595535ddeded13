import { colorizeCommand } from './colorize-command.js';
import type { Command } from './command.js';
import { demoCommand } from './demo.js';
import { EXIT, isUserError } from './errors.js';
import { evalCommand } from './eval.js';
import { fitCommand } from './fit.js';
import type { CliIo } from './io.js';
import { plotCommand } from './plot.js';
import { reproduceCommand } from './reproduce-command.js';
import { sampleCommand } from './sample.js';

/** Every command, in the order `pointgen --help` lists them. */
export const COMMANDS: readonly Command<unknown>[] = [
  demoCommand,
  reproduceCommand,
  fitCommand,
  sampleCommand,
  colorizeCommand,
  evalCommand,
  plotCommand,
] as Command<unknown>[];

/** `pointgen --help`. */
export const MAIN_HELP = `Usage: pointgen <command> [options]

Generative models for 2D colour points (x, y, r, g, b).

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}  ${c.summary}`).join('\n')}

Run 'pointgen <command> --help' for a command's options.
Exit codes: 0 success, 1 internal error, 2 usage or data error.`;

/**
 * Runs `pointgen` with `argv` (the arguments after the program name) and returns the exit code: 0, 2 for a
 * user error (reported in one line, `pointgen: <message>`), 1 for anything else (with its stack, a bug).
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${MAIN_HELP}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const what = name === undefined ? 'missing command' : `unknown command '${name}'`;
    io.stderr(
      `pointgen: ${what} (expected one of ${COMMANDS.map((c) => c.name).join(', ')}; see 'pointgen --help')\n`,
    );
    return EXIT.usage;
  }
  try {
    const args = command.parse(rest);
    if (args === 'help') {
      io.stdout(`${command.help}\n`);
      return EXIT.ok;
    }
    // A command's parse may note deprecated spellings it accepted.
    for (const warning of (args as { warnings?: readonly string[] }).warnings ?? []) {
      io.stderr(`pointgen: warning: ${warning}\n`);
    }
    await command.run(args, io);
    return EXIT.ok;
  } catch (e) {
    if (isUserError(e)) {
      io.stderr(`pointgen: ${oneLine(e.message)}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `pointgen: internal error (please report it)\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return EXIT.internal;
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ');
}
