import { FormatError } from '../errors.js';
import { float32Text } from './float-text.js';
import { POINT_COLUMNS, POINT_DIM, type Points, type PointsLike, toPoints } from './points.js';

/**
 * Options of {@link parseCsv}.
 *
 * @example
 * ```ts
 * import { parseCsv, type ParseCsvOptions } from 'pointgen';
 * const fiveColumns: ParseCsvOptions = { dim: 5 }; // reject a file with any other width
 * const pts = parseCsv('x,y,r,g,b\n0.1,0.2,1,0,0.5\n', fiveColumns);
 * ```
 */
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
  return [...csvChunks(points)].join('');
}

/**
 * {@link formatCsv} as a sequence of strings of at most `rows` lines each (the header first), so that a large
 * set can be written out without ever being one string: 10 million points make about 530 MB of CSV.
 *
 * @example
 * ```ts
 * import { csvChunks, toPoints } from 'pointgen';
 * [...csvChunks(toPoints([[0.1, 0.2, 1, 0, 0.5]]))].join(''); // 'x,y,r,g,b\n0.1,0.2,1,0,0.5\n'
 * ```
 */
export function csvChunks(points: PointsLike, rows = 16384): Iterable<string> {
  // Validated here, not at the first chunk: a bad argument fails before any file is opened.
  const { data, count, dim } = toPoints(points, { allowEmpty: true });
  const header = dim === POINT_DIM ? POINT_COLUMNS : Array.from({ length: dim }, (_, j) => `c${j}`);
  return (function* () {
    yield `${header.join(',')}\n`;
    for (let start = 0; start < count; start += rows) {
      const end = Math.min(count, start + rows);
      const lines = new Array<string>(end - start);
      const row = new Array<string>(dim);
      for (let i = start; i < end; i++) {
        for (let j = 0; j < dim; j++) row[j] = float32Text(data[i * dim + j] as number);
        lines[i - start] = row.join(',');
      }
      yield `${lines.join('\n')}\n`;
    }
  })();
}

/**
 * Reads CSV text into a point set.
 *
 * - **Header**: the first line is a header when none of its fields is a number. Its names (case-insensitive,
 *   quotes and spaces ignored) must be `x, y, r, g, b` in any order, or a leading part of them such as `x, y`,
 *   or `c0, c1, …` (what {@link formatCsv} writes for other dimensions), in any order: columns are then
 *   mapped by name into storage order, so `r,g,b,x,y` reads correctly. Without a header, columns are read by
 *   position.
 * - **Delimiter**: `,`, `;` or tab, whichever the first line holds (tab first, then `;`).
 * - `\r\n` line ends, blank lines, a byte-order mark and a trailing newline are fine. Each value is rounded once
 *   to float32. A header without rows gives an empty set of the header's width.
 *
 * @throws {FormatError} naming the line (1-based) for a header naming other columns (or one twice), a first
 * line of `nan`/`inf` fields (not a header: points need finite values), a field that is not a decimal number,
 * a value beyond the float32 range, a row whose length differs from the first row's (or from `options.dim`),
 * or text with no lines at all.
 *
 * @example
 * ```ts
 * import { parseCsv } from 'pointgen';
 * const points = parseCsv('r;g;b;x;y\r\n1;0;0;0.5;0.25\r\n', { dim: 5 });
 * Array.from(points.data); // [0.5, 0.25, 1, 0, 0]
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
  let delimiter: string | undefined;
  let order: number[] | null = null;
  const values: number[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    const first = delimiter === undefined;
    delimiter ??= DELIMITERS.find((d) => line.includes(d)) ?? ',';
    const fields = line.split(delimiter).map((f) => f.trim());
    if (first && fields.every((f) => !NUMBER.test(f))) {
      checkWidth(fields.length, dim, lineNumber, 'the header');
      order = headerOrder(fields, lineNumber);
      dim = fields.length;
      continue;
    }
    checkWidth(fields.length, dim, lineNumber, 'the row');
    dim = fields.length;
    const row = values.length;
    for (const [column, field] of fields.entries()) {
      if (!NUMBER.test(field)) {
        const hint = DELIMITERS.some((d) => d !== delimiter && field.includes(d))
          ? ` (the delimiter, from line 1, is ${DELIMITER_NAMES[delimiter]}; decimal commas are not read)`
          : '';
        throw new FormatError(
          `csv: line ${lineNumber}, column ${column + 1}: '${field}' is not a number${hint}`,
        );
      }
      const value = Math.fround(Number(field));
      if (!Number.isFinite(value)) {
        throw new FormatError(
          `csv: line ${lineNumber}, column ${column + 1}: ${field} is beyond the float32 range`,
        );
      }
      values[row + (order ? (order[column] as number) : column)] = value;
    }
  }
  if (delimiter === undefined || dim === undefined) throw new FormatError('csv: the text holds no lines');
  return { data: Float32Array.from(values), count: values.length / dim, dim };
}

const DELIMITERS = ['\t', ';', ','];
const DELIMITER_NAMES: Record<string, string> = { '\t': 'a tab', ';': "';'", ',': "','" };
const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/** Where each header column goes in storage order, or `null` when the header keeps the stored order. */
function headerOrder(fields: readonly string[], lineNumber: number): number[] | null {
  const names = fields.map((f) =>
    f
      .replace(/^(["'])(.*)\1$/, '$2')
      .trim()
      .toLowerCase(),
  );
  const notFinite = names.findIndex((n) => NOT_FINITE.test(n));
  if (notFinite >= 0) {
    throw new FormatError(
      `csv: line ${lineNumber}, column ${notFinite + 1}: '${fields[notFinite]}' is not a number ` +
        '(points need finite values) nor a column name',
    );
  }
  const width = names.length;
  const families = [
    POINT_COLUMNS.slice(0, width) as readonly string[],
    Array.from({ length: width }, (_, j) => `c${j}`),
  ];
  for (const family of families) {
    if (family.length !== width) continue;
    const order = names.map((n) => family.indexOf(n));
    if (order.every((j) => j >= 0) && new Set(order).size === width) {
      return order.every((j, column) => j === column) ? null : order;
    }
  }
  const expected = width <= POINT_DIM ? `${POINT_COLUMNS.slice(0, width).join(', ')} or ` : '';
  throw new FormatError(
    `csv: line ${lineNumber}: the header names the columns ${names.join(', ')}; expected ` +
      `${expected}c0…c${width - 1}, in any order (case-insensitive), or no header (columns by position)`,
  );
}
function checkWidth(width: number, dim: number | undefined, lineNumber: number, what: string): void {
  if (dim !== undefined && width !== dim) {
    throw new FormatError(`csv: line ${lineNumber}: ${what} has ${width} columns, expected ${dim}`);
  }
}
