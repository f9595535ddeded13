import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { POINT_DIM, type Points } from '../data/points.js';
import { readPoints } from '../node/files.js';
import { loadPiQuiz } from '../node/pi-quiz.js';
import { asUsage, UsageError } from './errors.js';

const POINT_FILES = new Set(['.csv', '.npy', '.json']);

/** Whether `path` names a point file (by extension) rather than a folder. */
export function isPointFile(path: string): boolean {
  return POINT_FILES.has(extname(path).toLowerCase());
}

/** Checks that `path` names a point file by its extension, before anything is read or written. */
export function pointFileArg(flag: string, path: string): string {
  if (!isPointFile(path)) {
    throw new UsageError(`--${flag}: expected a .csv, .npy or .json file, got '${path}'`);
  }
  return path;
}

/** Reads the 5-D points of a file given with `--flag`; any failure is the user's to fix. */
export function readPointsArg(flag: string, path: string): Promise<Points> {
  return asUsage(`--${flag}`, () => readPoints(path, { dim: POINT_DIM }));
}

/** `--data`: a point file, or a folder holding the pi-quiz files (`pi_xs.npy`, `pi_ys.npy`, the JPEG). */
export async function readDataArg(path: string): Promise<Points> {
  if (isPointFile(path)) return readPointsArg('data', path);
  const info = await stat(path).catch(() => null);
  if (!info) throw new UsageError(`--data: no such file or folder '${path}'`);
  if (!info.isDirectory()) {
    throw new UsageError(
      `--data: expected a folder of pi-quiz files or a .csv, .npy or .json file, got '${path}'`,
    );
  }
  return asUsage('--data', () => loadPiQuiz(path));
}
