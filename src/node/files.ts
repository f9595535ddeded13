import { extname } from 'node:path';
import { csvChunks, parseCsv } from '../data/csv.js';
import { formatJson, parseJson } from '../data/json.js';
import { type FormatNpyOptions, formatNpy, npyToPoints, parseNpy } from '../data/npy.js';
import { type Points, type PointsLike, toPoints } from '../data/points.js';
import { FormatError } from '../errors.js';
import { writeFilesAtomic } from '../io/node-fs.js';
import { inFile, readFileNamed } from './file-errors.js';

/**
 * The point-file formats of {@link readPoints} and {@link writePoints}, named by file extension.
 *
 * @example
 * ```ts
 * import { type PointsFileFormat, pointsFileFormat } from 'pointgen/node';
 * const format: PointsFileFormat = pointsFileFormat('samples.npy'); // 'npy'
 * ```
 */
export type PointsFileFormat = 'csv' | 'json' | 'npy';

/**
 * Options of {@link readPoints}.
 *
 * @example
 * ```ts
 * import { readPoints } from 'pointgen/node';
 * const points = await readPoints('points.csv', { dim: 5 });
 * ```
 */
export interface ReadPointsOptions {
  /** The required number of coordinates per point. */
  dim?: number;
}

/**
 * Options of {@link writePoints}.
 *
 * @example
 * ```ts
 * import { writePoints } from 'pointgen/node';
 * await writePoints('samples.npy', samples, { npyDtype: 'f8' });
 * ```
 */
export interface WritePointsOptions {
  /** Element type of a `.npy` file (default `'f4'`). */
  npyDtype?: FormatNpyOptions['dtype'];
}

/**
 * The format of a point file from its extension (`.csv`, `.json` or `.npy`, any case).
 *
 * @throws {FormatError} for any other extension.
 *
 * @example
 * ```ts
 * import { pointsFileFormat } from 'pointgen/node';
 * pointsFileFormat('out/samples.NPY'); // 'npy'
 * ```
 */
export function pointsFileFormat(path: string): PointsFileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.json' || ext === '.npy') return ext.slice(1) as PointsFileFormat;
  throw new FormatError(`${path}: unknown point file extension '${ext}' (expected .csv, .json or .npy)`);
}

/**
 * Reads a point set from a `.csv` ({@link parseCsv}), `.json` ({@link parseJson}) or `.npy`
 * ({@link parseNpy}, shape `(count, dim)`) file, chosen by extension.
 *
 * @throws {FormatError} naming the file for an unknown extension or malformed content; an `Error` naming
 * the file when it cannot be read.
 *
 * @example
 * ```ts
 * import { readPoints } from 'pointgen/node';
 * const points = await readPoints('samples.csv', { dim: 5 });
 * ```
 */
export async function readPoints(path: string, options: ReadPointsOptions = {}): Promise<Points> {
  const format = pointsFileFormat(path);
  const bytes = await readFileNamed(path, 'readPoints');
  const { dim } = options;
  return inFile(path, () => {
    if (format === 'npy') {
      return toPoints(npyToPoints(parseNpy(bytes)), { dim, argument: 'npy', allowEmpty: true });
    }
    const text = decodeUtf8(bytes);
    return format === 'csv' ? parseCsv(text, { dim }) : parseJson(text, { dim });
  });
}

/**
 * Writes a point set to a `.csv` ({@link csvChunks}), `.json` ({@link formatJson}) or `.npy`
 * ({@link formatNpy}) file, chosen by extension; every format reads back bit for bit. The write is atomic: a
 * temporary file in the same folder, flushed, then renamed over `path`, so a failed write (a full disk, a
 * file-size limit) leaves the previous file whole. CSV is written in chunks, never held as one string.
 *
 * @throws {FormatError} for an unknown extension (before anything is written); an `Error` naming `path` when
 * it cannot be written.
 *
 * @example
 * ```ts
 * import { toPoints } from 'pointgen';
 * import { writePoints } from 'pointgen/node';
 * await writePoints('samples.npy', toPoints([[0.1, 0.2, 0.3, 0.4, 0.5]]));
 * ```
 */
export async function writePoints(
  path: string,
  points: PointsLike,
  options: WritePointsOptions = {},
): Promise<void> {
  const format = pointsFileFormat(path);
  const content =
    format === 'npy'
      ? formatNpy(points, { dtype: options.npyDtype })
      : format === 'csv'
        ? csvChunks(points)
        : formatJson(points);
  await writeFilesAtomic([{ path, content }]).catch((e: Error) => {
    throw new Error(`writePoints: ${e.message}`, { cause: e });
  });
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormatError('the file is not UTF-8 text');
  }
}
