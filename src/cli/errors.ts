import { FormatError, InvalidPointsError, NonFiniteError } from '../errors.js';
import { TrainingDivergedError } from '../train/errors.js';

/**
 * A mistake of the person at the keyboard (a bad flag or value, a missing or malformed file): reported as one
 * line and exit code 2, never with a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes: 0 success, 1 an internal error (a bug, with its stack), 2 a usage or data error. */
export const EXIT = Object.freeze({ ok: 0, internal: 1, usage: 2 });

/**
 * Whether `e` is the user's doing: our own usage errors, node:util parseArgs rejections, and the library's
 * typed data errors (bad points, malformed files, training that diverged on the data and settings given).
 */
export function isUserError(e: unknown): e is Error {
  const typed = [UsageError, InvalidPointsError, FormatError, TrainingDivergedError, NonFiniteError];
  if (typed.some((type) => e instanceof type)) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * Runs `fn`, turning any failure into a {@link UsageError} that starts with `what` (a flag or a path): used
 * where a failure can only mean a bad argument, such as reading a file the user named.
 */
export async function asUsage<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // The library prefixes file errors with its function name (`readPoints: cannot read …`): the flag says more.
    const message = (e instanceof Error ? e.message : String(e))
      .replace(/^(readPoints|loadPiQuiz|writePoints): /, '')
      .replace(/^ENOENT: no such file or directory, \w+ '([^']*)'$/, 'cannot read $1 (no such file)');
    throw new UsageError(`${what}: ${message}`, { cause: e });
  }
}
