import { FormatError } from '../errors.js';
import { float32Text } from './float-text.js';
import { POINT_COLUMNS, POINT_DIM, type Points, type PointsLike, toPoints } from './points.js';

/** Options of {@link parseCsv}. */
export interface ParseCsvOptions {
  /** The required number of columns; omitted, the first row (or the header) decides. */
  dim?: number;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Writes a point set as CSV: a header (`x,y,r,g,b` for 5-D points, `c0,c1,…` otherwise), then one line per
 * point. Each value is the shortest decimal that reads back as the same float32, so
 * `parseCsv(formatCsv(p))` equals `p` bit for bit.
 *
 * @example
 * ```ts
 * import { formatCsv, toPoints } from 'pointgen';
 * formatCsv(toPoints([[0.1, 0.2, 1, 0, 0.5]])); // 'x,y,r,g,b\n0.1,0.2,1,0,0.5\n'
 * ```
 */
export function formatCsv(points: PointsLike): string {
  const { data, count, dim } = toPoints(points, { allowEmpty: true });
  const header = dim === POINT_DIM ? POINT_COLUMNS : Array.from({ length: dim }, (_, j) => `c${j}`);
  const lines = [header.join(',')];
  for (let i = 0; i < count; i++) {
    const row = new Array<string>(dim);
    for (let j = 0; j < dim; j++) row[j] = float32Text(data[i * dim + j] as number);
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Reads CSV text into a point set. The first line is a header when none of its fields is a number (a line
 * mixing numbers and other text is a bad data row); columns are read by position, not by name. `\r\n` line
 * ends, blank lines and a trailing newline are fine. Each value is rounded once to float32. A header without
 * rows gives an empty set of the header's width.
 *
 * @throws {FormatError} naming the line (1-based) for a field that is not a decimal number, a value beyond the
 * float32 range, a row whose length differs from the first row's (or from `options.dim`), or text with no
 * lines at all.
 *
 * @example
 * ```ts
 * import { parseCsv } from 'pointgen';
 * const points = parseCsv('x,y,r,g,b\r\n0.5,0.5,1,0,0\r\n', { dim: 5 });
 * points.count; // 1
 * ```
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): Points {
  if (typeof text !== 'string') throw new TypeError(`text: expected a string, got ${typeof text}`);
  let dim = options.dim;
  if (dim !== undefined && !(Number.isInteger(dim) && dim >= 1)) {
    throw new RangeError(`options.dim: expected a positive integer, got ${dim}`);
  }
  // A byte-order mark would make a numeric first line look like a header.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let started = false;
  const values: number[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    const fields = line.split(',').map((f) => f.trim());
    if (!started && fields.every((f) => !NUMBER.test(f))) {
      started = true;
      checkWidth(fields.length, dim, lineNumber, 'the header');
      dim = fields.length;
      continue;
    }
    started = true;
    checkWidth(fields.length, dim, lineNumber, 'the row');
    dim = fields.length;
    for (const [column, field] of fields.entries()) {
      if (!NUMBER.test(field)) {
        throw new FormatError(`csv: line ${lineNumber}, column ${column + 1}: '${field}' is not a number`);
      }
      const value = Math.fround(Number(field));
      if (!Number.isFinite(value)) {
        throw new FormatError(
          `csv: line ${lineNumber}, column ${column + 1}: ${field} is beyond the float32 range`,
        );
      }
      values.push(value);
    }
  }
  if (!started || dim === undefined) throw new FormatError('csv: the text holds no lines');
  return { data: Float32Array.from(values), count: values.length / dim, dim };
}

function checkWidth(width: number, dim: number | undefined, lineNumber: number, what: string): void {
  if (dim !== undefined && width !== dim) {
    throw new FormatError(`csv: line ${lineNumber}: ${what} has ${width} columns, expected ${dim}`);
  }
}
