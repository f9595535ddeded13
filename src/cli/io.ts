/** Where a command writes, injectable so that tests can run commands without spawning. */
export interface CliIo {
  /** Results (tables, JSON, help): the command's output proper. */
  stdout(text: string): void;
  /** Progress, backend notes, errors. */
  stderr(text: string): void;
  /** Whether stderr is a terminal that can redraw a progress line in place. */
  readonly interactive: boolean;
}

/** The process's own streams; a terminal only when stderr is a TTY and not under CI. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  };
}
