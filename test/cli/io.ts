import type { CliIo } from '../../src/cli/io.js';

/** A CliIo that records what a command writes. */
export function captureIo(interactive = false): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, interactive, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}
