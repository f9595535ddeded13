import { FormatError } from '../errors.js';
import { float32Text } from './float-text.js';
import { type Points, type PointsLike, toPoints } from './points.js';

/**
 * Options of {@link parseJson}.
 *
 * @example
 * ```ts
 * import { parseJson, type ParseJsonOptions } from 'pointgen';
 * const options: ParseJsonOptions = { dim: 5 };
 * parseJson('[]', options).count; // 0, with dim 5
 * ```
 */
export interface ParseJsonOptions {
  /** The required number of coordinates per point; needed to read an empty array `[]`. */
  dim?: number;
}

/**
 * Writes a point set as a JSON array of rows, one row per line. Each value is the shortest decimal that reads
 * back as the same float32 (`0.1`, not `0.10000000149011612`), so `parseJson(formatJson(p))` equals `p` bit
 * for bit.
 *
 * @example
 * ```ts
 * import { formatJson, toPoints } from 'pointgen';
 * formatJson(toPoints([[0.1, 0.2, 1, 0, 0.5]])); // '[\n  [0.1,0.2,1,0,0.5]\n]\n'
 * ```
 */
export function formatJson(points: PointsLike): string {
  const { data, count, dim } = toPoints(points, { allowEmpty: true });
  const rows = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const row = new Array<string>(dim);
    for (let j = 0; j < dim; j++) row[j] = float32Text(data[i * dim + j] as number);
    rows[i] = `  [${row.join(',')}]`;
  }
  return count === 0 ? '[]\n' : `[\n${rows.join(',\n')}\n]\n`;
}

/**
 * Reads JSON text into a point set: an array of rows (`[[x, y, r, g, b], …]`) or an object
 * `{ "data": [...], "dim": 5 }` with flat row-major data; anything {@link toPoints} accepts. Values are
 * rounded once to float32.
 *
 * @throws {FormatError} for text that is not JSON, or `[]` without `options.dim`;
 * {@link InvalidPointsError} (argument `'json'`) for ragged rows, non-numbers, or a dimension other than
 * `options.dim`.
 *
 * @example
 * ```ts
 * import { parseJson } from 'pointgen';
 * const points = parseJson('[[0.5, 0.5, 1, 0, 0]]', { dim: 5 });
 * points.count; // 1
 * ```
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): Points {
  if (typeof text !== 'string') throw new TypeError(`text: expected a string, got ${typeof text}`);
  const { dim } = options;
  if (dim !== undefined && !(Number.isInteger(dim) && dim >= 1)) {
    throw new RangeError(`options.dim: expected a positive integer, got ${dim}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FormatError(`json: ${(e as Error).message}`);
  }
  if (Array.isArray(value) && value.length === 0) {
    if (dim === undefined) throw new FormatError('json: an empty array; pass options.dim to read it');
    return { data: new Float32Array(0), count: 0, dim };
  }
  return toPoints(value as PointsLike, { argument: 'json', dim });
}
