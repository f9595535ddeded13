import { readFile } from 'node:fs/promises';
import { FormatError, InvalidPointsError } from '../errors.js';

/**
 * Runs `fn`, prefixing the message of a format, points or range error with the file it came from, so that an
 * error deep in a parser still says which file was bad. Other errors pass through unchanged.
 */
export function inFile<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FormatError) throw new FormatError(`${path}: ${e.message}`, { cause: e });
    if (e instanceof InvalidPointsError) throw new InvalidPointsError(path, e.code, e.message, e.row);
    if (e instanceof RangeError) throw new RangeError(`${path}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** Reads a file, turning a missing or unreadable file into an error that names it and the caller. */
export async function readFileNamed(path: string, caller: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new Error(`${caller}: cannot read ${path} (${reason})`, { cause: e });
  }
}
