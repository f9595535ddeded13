import { FormatError } from '../errors.js';
import { type Points, type PointsLike, toPoints } from './points.js';

/**
 * An array read from a `.npy` file: its shape, its dtype exactly as the file spells it (`'<i8'`, `'>f4'`,
 * `'|u1'`…), and its values in C order as float64. Every supported dtype fits float64 exactly, except 64-bit
 * integers beyond `Number.MAX_SAFE_INTEGER`, which {@link parseNpy} refuses rather than rounds.
 *
 * @example
 * ```ts
 * import { type NpyArray, parseNpy } from 'pointgen';
 * const array: NpyArray = parseNpy(bytes); // e.g. { shape: [5000], dtype: '<i8', data: Float64Array(5000) }
 * ```
 */
export interface NpyArray {
  readonly shape: number[];
  readonly dtype: string;
  readonly data: Float64Array;
}

/**
 * Options of {@link formatNpy}.
 *
 * @example
 * ```ts
 * import { formatNpy, type FormatNpyOptions } from 'pointgen';
 * const double: FormatNpyOptions = { dtype: 'f8' }; // for a reader that wants float64
 * const file = formatNpy(points, double);
 * ```
 */
export interface FormatNpyOptions {
  /** Element type of the file: `'f4'` (default, exactly the values of a `Points`) or `'f8'`. */
  dtype?: 'f4' | 'f8';
}

type Reader = (view: DataView, offset: number, littleEndian: boolean) => number;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

function readBigInt(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(-Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${value} is beyond Number.MAX_SAFE_INTEGER`);
  }
  return Number(value);
}

interface ElementType {
  readonly size: number;
  readonly read: Reader;
}

const TYPES = new Map<string, ElementType>([
  ['b1', { size: 1, read: (v, o) => (v.getUint8(o) === 0 ? 0 : 1) }],
  ['i1', { size: 1, read: (v, o) => v.getInt8(o) }],
  ['u1', { size: 1, read: (v, o) => v.getUint8(o) }],
  ['i2', { size: 2, read: (v, o, le) => v.getInt16(o, le) }],
  ['u2', { size: 2, read: (v, o, le) => v.getUint16(o, le) }],
  ['i4', { size: 4, read: (v, o, le) => v.getInt32(o, le) }],
  ['u4', { size: 4, read: (v, o, le) => v.getUint32(o, le) }],
  ['i8', { size: 8, read: (v, o, le) => readBigInt(v.getBigInt64(o, le)) }],
  ['u8', { size: 8, read: (v, o, le) => readBigInt(v.getBigUint64(o, le)) }],
  ['f4', { size: 4, read: (v, o, le) => v.getFloat32(o, le) }],
  ['f8', { size: 8, read: (v, o, le) => v.getFloat64(o, le) }],
]);

/**
 * Reads a numpy `.npy` file (format versions 1.0, 2.0 and 3.0): C-order arrays of `b1`, `i1`, `i2`, `i4`,
 * `i8`, `u1`, `u2`, `u4`, `u8`, `f4` or `f8`, little- or big-endian. Use {@link npyToPoints} to turn a
 * `(count, dim)` array into a point set.
 *
 * @throws {FormatError} for a bad magic string, an unknown format version, a truncated or malformed header,
 * Fortran order, object, structured or other unsupported dtypes, a data section of the wrong length, or a
 * 64-bit integer beyond `Number.MAX_SAFE_INTEGER`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { parseNpy } from 'pointgen';
 * const xs = parseNpy(readFileSync('pi_xs.npy'));
 * xs.shape; // [5000]
 * xs.dtype; // '<i8'
 * ```
 */
export function parseNpy(bytes: Uint8Array): NpyArray {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`bytes: expected a Uint8Array, got ${bytes === null ? 'null' : typeof bytes}`);
  }
  if (MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new FormatError('npy: not a .npy file (missing the "\\x93NUMPY" magic string)');
  }
  if (bytes.length < 10) throw new FormatError('npy: truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6] as number;
  const minor = bytes[7] as number;
  if (major < 1 || major > 3 || minor !== 0) {
    throw new FormatError(`npy: unsupported format version ${major}.${minor} (expected 1.0, 2.0 or 3.0)`);
  }
  const lengthSize = major === 1 ? 2 : 4;
  const headerStart = 8 + lengthSize;
  if (bytes.length < headerStart) throw new FormatError('npy: truncated header length');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart) {
    throw new FormatError(
      `npy: truncated header (${headerLength} bytes announced, ${bytes.length - headerStart} present)`,
    );
  }
  const header = decodeHeader(bytes.subarray(headerStart, dataStart), major);
  const { dtype, shape, littleEndian, type } = parseHeader(header);

  const count = shape.reduce((a, b) => a * b, 1);
  const expected = count * type.size;
  const present = bytes.length - dataStart;
  if (present !== expected) {
    throw new FormatError(
      `npy: shape (${shape.join(', ')}) of ${dtype} needs ${expected} data bytes, the file has ${present}` +
        (present < expected ? ' (truncated)' : ''),
    );
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    try {
      data[i] = type.read(view, dataStart + i * type.size, littleEndian);
    } catch (e) {
      throw new FormatError(`npy: element ${i} of ${dtype}: ${(e as Error).message}`);
    }
  }
  return { shape, dtype, data };
}

/**
 * A `(count, dim)` array from {@link parseNpy} as a point set (values rounded once to float32).
 *
 * @throws {FormatError} when the array is not two-dimensional; {@link InvalidPointsError} for NaN or
 * infinite values (including float64 values beyond the float32 range).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { npyToPoints, parseNpy } from 'pointgen';
 * const points = npyToPoints(parseNpy(readFileSync('points.npy')));
 * ```
 */
export function npyToPoints(array: NpyArray): Points {
  const [count, dim] = array.shape;
  if (array.shape.length !== 2 || count === undefined || dim === undefined || dim < 1) {
    throw new FormatError(
      `npy: expected an array of shape (count, dim) with dim >= 1, got (${array.shape.join(', ')})`,
    );
  }
  return toPoints({ data: array.data, dim, count }, { argument: 'npy', allowEmpty: true });
}

/**
 * Writes a point set as a `.npy` file (format 1.0, little-endian `'<f4'` or `'<f8'`, shape `(count, dim)`,
 * C order) that `numpy.load` reads.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { formatNpy, toPoints } from 'pointgen';
 * writeFileSync('points.npy', formatNpy(toPoints([[0.1, 0.2, 0.3, 0.4, 0.5]])));
 * // python: numpy.load('points.npy').shape == (1, 5)
 * ```
 */
export function formatNpy(points: PointsLike, options: FormatNpyOptions = {}): Uint8Array {
  const { data, count, dim } = toPoints(points, { allowEmpty: true });
  const dtype = options.dtype ?? 'f4';
  if (dtype !== 'f4' && dtype !== 'f8') {
    throw new RangeError(`options.dtype: expected 'f4' or 'f8', got ${String(dtype)}`);
  }
  const size = dtype === 'f4' ? 4 : 8;
  const dict = `{'descr': '<${dtype}', 'fortran_order': False, 'shape': (${count}, ${dim}), }`;
  // numpy pads the header with spaces so that the data starts on a 64-byte boundary.
  const unpadded = 10 + dict.length + 1;
  const header = `${dict}${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + header.length + data.length * size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const start = 10 + header.length;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (size === 4) view.setFloat32(start + 4 * i, v, true);
    else view.setFloat64(start + 8 * i, v, true);
  }
  return out;
}

function decodeHeader(raw: Uint8Array, major: number): string {
  if (major === 3) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw new FormatError('npy: the header is not valid UTF-8');
    }
  }
  let text = '';
  for (const b of raw) text += String.fromCharCode(b);
  return text;
}

function parseHeader(header: string) {
  const descr = /['"]descr['"]\s*:\s*(?:'([^']*)'|"([^"]*)"|(\[))/.exec(header);
  const order = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header);
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descr || !order || !shapeMatch) {
    throw new FormatError(
      `npy: malformed header (expected 'descr', 'fortran_order' and 'shape'): ${header.trim()}`,
    );
  }
  if (descr[3]) throw new FormatError('npy: structured dtypes are not supported');
  const dtype = (descr[1] ?? descr[2]) as string;
  const shape = (shapeMatch[1] as string)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      if (!/^\d+L?$/.test(s)) throw new FormatError(`npy: bad dimension '${s}' in shape`);
      return Number.parseInt(s, 10);
    });
  // Fortran and C order are the same layout for fewer than two dimensions.
  if (order[1] === 'True' && shape.length > 1) {
    throw new FormatError('npy: Fortran-order arrays are not supported (save with numpy.ascontiguousarray)');
  }
  if (dtype.includes('O')) throw new FormatError(`npy: object arrays (${dtype}) are not supported`);
  const type = TYPES.get(dtype.slice(1));
  const byteOrder = dtype[0];
  if (!type || (byteOrder !== '<' && byteOrder !== '>' && !(byteOrder === '|' && type.size === 1))) {
    throw new FormatError(
      `npy: unsupported dtype '${dtype}' (supported: b1 i1 i2 i4 i8 u1 u2 u4 u8 f4 f8, with '<' or '>')`,
    );
  }
  return { dtype, shape, littleEndian: byteOrder !== '>', type };
}
