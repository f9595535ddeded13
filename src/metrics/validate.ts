import { type PointsLike, toPoints } from '../data/points.js';

/**
 * A validated point set in float64, row-major. The metrics keep the caller's precision: rows given as
 * `number[][]` or a `Float64Array` are not rounded through the library's `Float32Array` storage, so results match
 * numpy/scipy computed on the same numbers.
 */
export interface Matrix {
  readonly data: Float64Array;
  readonly count: number;
  readonly dim: number;
}

/**
 * Validates a point set with the library's {@link toPoints} (so errors are the usual `InvalidPointsError`
 * naming `argument`), then copies it into float64 from the original values.
 */
export function toMatrix(input: PointsLike, argument: string, dim?: number): Matrix {
  const points = toPoints(input, dim === undefined ? { argument } : { argument, dim });
  const { count } = points;
  if (Array.isArray(input)) {
    const d = points.dim;
    const data = new Float64Array(count * d);
    const rows = input as ReadonlyArray<ArrayLike<number>>;
    for (let i = 0; i < count; i++) {
      const row = rows[i] as ArrayLike<number>;
      for (let j = 0; j < d; j++) data[i * d + j] = row[j] as number;
    }
    return { data, count, dim: d };
  }
  const source = 'data' in input && !('dataSync' in input) ? input.data : points.data;
  // toPoints checked finiteness on float32-rounded values; a float64 value beyond float32's range is rejected
  // there as Infinity, so the copy below never holds a non-finite value.
  return { data: Float64Array.from(source), count, dim: points.dim };
}

/**
 * Validates a 1-D sample: a non-empty array-like of finite numbers, copied into a `Float64Array`.
 */
export function toVector(input: ArrayLike<number>, argument: string): Float64Array {
  if (input === null || typeof input !== 'object' || typeof input.length !== 'number') {
    throw new TypeError(`${argument}: expected an array of numbers, got ${describe(input)}`);
  }
  if (input.length === 0) throw new RangeError(`${argument}: the sample is empty`);
  const out = new Float64Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const v = input[i];
    if (typeof v !== 'number') {
      throw new TypeError(`${argument}: element ${i} is not a number (${describe(v)})`);
    }
    if (!Number.isFinite(v)) throw new RangeError(`${argument}: element ${i} is ${v}`);
    out[i] = v;
  }
  return out;
}

/** Column `j` of a row-major point set (a {@link Matrix} or a `Points`) as a new float64 vector. */
export function column(
  m: { readonly data: ArrayLike<number>; readonly count: number; readonly dim: number },
  j: number,
): Float64Array {
  const out = new Float64Array(m.count);
  for (let i = 0; i < m.count; i++) out[i] = m.data[i * m.dim + j] as number;
  return out;
}

/** Checks that an options argument is an object (or absent) and returns it as one. */
export function optionsObject<T extends object>(options: T | undefined, argument = 'options'): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${argument}: expected an object, got ${describe(options)}`);
  }
  return options;
}

/** A positive finite number, or the fallback when `value` is undefined. */
export function positiveNumber(value: unknown, argument: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number')
    throw new TypeError(`${argument}: expected a number, got ${describe(value)}`);
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${argument}: expected a positive finite number, got ${value}`);
  }
  return value;
}

/** An integer of at least `min`, or the fallback when `value` is undefined. */
export function integerAtLeast(value: unknown, argument: string, min: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number')
    throw new TypeError(`${argument}: expected a number, got ${describe(value)}`);
  if (!(Number.isInteger(value) && value >= min)) {
    throw new RangeError(`${argument}: expected an integer ≥ ${min}, got ${value}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value === 'string' ? `the string "${value}"` : String(value);
}
