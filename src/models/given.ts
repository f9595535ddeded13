import { POINT_COLUMNS, POINT_DIM } from '../data/points.js';
import { InvalidPointsError } from '../errors.js';
import { checkCount } from './batches.js';
import type { ConditionalQuantileOptions, GivenCoordinates } from './conditional.js';

/** The data index of a coordinate named by column name (5-D points) or index. */
export function coordinateIndex(key: string | number, dim: number, argument: string): number {
  if (dim === POINT_DIM) {
    const named = (POINT_COLUMNS as readonly string[]).indexOf(String(key));
    if (named >= 0) return named;
  }
  const index = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : Number.NaN;
  if (!(Number.isInteger(index) && index >= 0 && index < dim)) {
    const names = dim === POINT_DIM ? `${POINT_COLUMNS.join(', ')} or ` : '';
    throw new RangeError(`${argument}: unknown coordinate "${String(key)}" (expected ${names}0…${dim - 1})`);
  }
  return index;
}

/**
 * How many positions of the generation `order` the coordinates `indices` cover; they must be exactly its
 * first few (a transformer conditions on what comes earlier in its order).
 */
export function prefixLength(indices: readonly number[], order: readonly number[], argument: string): number {
  const set = new Set(indices);
  if (set.size !== indices.length) throw new RangeError(`${argument}: a coordinate is given twice`);
  const k = set.size;
  if (!order.slice(0, k).every((j) => set.has(j))) {
    throw new RangeError(
      `${argument}: the given coordinates [${[...set]}] are not the first ${k} of the generation order [${order}]; ` +
        'a model conditions on a prefix of its order (set `order` when creating the model)',
    );
  }
  return k;
}

/**
 * The given coordinates as one column of `count` values each, by data index, checked: every value finite and
 * inside the support `[0, upper[j]]`.
 *
 * @throws {RangeError} for an unknown or repeated coordinate or a column of the wrong length;
 * {@link InvalidPointsError} for a NaN or out-of-support value.
 */
export function givenColumns(
  given: GivenCoordinates,
  dim: number,
  count: number,
  upper: readonly number[],
  argument = 'options.given',
): Map<number, Float32Array> {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new TypeError(`${argument}: expected an object of coordinates, got ${String(given)}`);
  }
  const columns = new Map<number, Float32Array>();
  for (const [key, raw] of Object.entries(given)) {
    const j = coordinateIndex(key, dim, argument);
    const name = `${argument}.${key}`;
    let column: Float32Array;
    if (typeof raw === 'number') column = new Float32Array(count).fill(raw);
    else if (raw !== null && typeof raw === 'object' && typeof raw.length === 'number') {
      if (raw.length !== count) {
        throw new RangeError(`${name}: expected ${count} values (one per point), got ${raw.length}`);
      }
      column = Float32Array.from(raw);
    } else {
      throw new TypeError(`${name}: expected a number or an array of numbers, got ${String(raw)}`);
    }
    const hi = upper[j] as number;
    for (let i = 0; i < count; i++) {
      const v = column[i] as number;
      if (!Number.isFinite(v)) throw new InvalidPointsError(name, 'non-finite', `value ${i} is ${v}`, i);
      if (v < 0 || v > hi) {
        throw new InvalidPointsError(name, 'out-of-range', `value ${i} is ${v}, outside [0, ${hi}]`, i);
      }
    }
    if (columns.has(j)) throw new RangeError(`${argument}: coordinate ${j} is given twice`);
    columns.set(j, column);
  }
  return columns;
}

/**
 * The given coordinates as prefix columns in generation order (`count` values each), checked as by
 * {@link givenColumns}.
 *
 * @throws {RangeError} as {@link givenColumns}, and for a set that is not a prefix of `order`.
 */
export function resolveGiven(
  given: GivenCoordinates,
  order: readonly number[],
  count: number,
  upper: readonly number[],
  argument = 'options.given',
): Float32Array[] {
  const columns = givenColumns(given, order.length, count, upper, argument);
  const k = prefixLength([...columns.keys()], order, argument);
  return order.slice(0, k).map((j) => columns.get(j) as Float32Array);
}

/**
 * The arguments of a `conditionalQuantile` call, checked: `count` as for `sample`, `options` an object and its
 * `quantile` a number in [0, 1]; returns the quantile (default 0.5).
 *
 * @throws {TypeError} for options that are not an object; `RangeError` for a bad count or quantile.
 *
 * @example
 * ```ts
 * const q = quantileArguments(2, { given: { x: [0.3, 0.8] }, quantile: 0.9 }); // 0.9
 * ```
 */
export function quantileArguments(count: number, options: ConditionalQuantileOptions): number {
  checkCount(count);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options: expected an object, got ${String(options)}`);
  }
  const quantile = options.quantile ?? 0.5;
  if (!(typeof quantile === 'number' && quantile >= 0 && quantile <= 1)) {
    throw new RangeError(`options.quantile: expected a number in [0, 1], got ${String(quantile)}`);
  }
  return quantile;
}
