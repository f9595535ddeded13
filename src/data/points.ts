import { InvalidPointsError } from '../errors.js';

/**
 * The number of coordinates of a pointgen point: `x, y, r, g, b`.
 *
 * @example
 * ```ts
 * import { POINT_DIM, toPoints } from 'pointgen';
 * const pts = toPoints([[0.1, 0.2, 1, 0, 0]], { dim: POINT_DIM }); // rejects rows of any other length
 * ```
 */
export const POINT_DIM = 5;

/**
 * Column names of a pointgen point, in storage order.
 *
 * @example
 * ```ts
 * import { POINT_COLUMNS } from 'pointgen';
 * const blue = points.data[3 * points.dim + POINT_COLUMNS.indexOf('b')]; // coordinate b of point 3
 * ```
 */
export const POINT_COLUMNS = ['x', 'y', 'r', 'g', 'b'] as const;

/**
 * The one point-set type of the library: `count` rows of `dim` numbers, row-major in a `Float32Array`
 * (`data[i * dim + j]` is coordinate `j` of point `i`). Plain data, so it crosses workers and JSON easily.
 *
 * @example
 * ```ts
 * import type { Points } from 'pointgen';
 * const pts: Points = { data: new Float32Array([0.1, 0.2, 1, 0, 0]), count: 1, dim: 5 };
 * ```
 */
export interface Points {
  readonly data: Float32Array;
  readonly count: number;
  readonly dim: number;
}

/**
 * The structural shape of a 2-D `tf.Tensor` that {@link toPoints} accepts. Typed structurally, so that the
 * data layer and `pointgen/metrics` never load tfjs.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { toPoints, type Tensor2DLike } from 'pointgen';
 * const tensor: Tensor2DLike = tf.tensor2d([[0.1, 0.2, 1, 0, 0]]);
 * const pts = toPoints(tensor); // count 1, dim 5
 * ```
 */
export interface Tensor2DLike {
  readonly rank: number;
  readonly shape: readonly number[];
  /** The values, row-major. */
  dataSync(): ArrayLike<number>;
}

/**
 * Anything that the library accepts as a point set:
 * - rows: `number[][]` (or any array of array-likes),
 * - a {@link Points}, or any `{ data, dim }` with flat row-major `data` (a `Float32Array`, `Float64Array` or
 *   `number[]`),
 * - a rank-2 `tf.Tensor` of shape `[count, dim]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import type { PointsLike } from 'pointgen';
 * const rows: PointsLike = [[0.1, 0.2, 1, 0, 0]];
 * const flat: PointsLike = { data: [0.1, 0.2, 1, 0, 0], dim: 5 };
 * const tensor: PointsLike = tf.tensor2d([[0.1, 0.2, 1, 0, 0]]);
 * ```
 */
export type PointsLike =
  | ReadonlyArray<ArrayLike<number>>
  | { readonly data: ArrayLike<number>; readonly dim: number; readonly count?: number }
  | Tensor2DLike;

/** What an out-of-[0, 1] error adds: how to fit other units, and the image convention that exceeds 1. */
export const UNIT_RANGE_HINT =
  '; a Scaler (Scaler.fit) maps other units onto [0, 1] and back; points of a non-square image under the ' +
  'original convention, x = row / width and y = column / height, exceed 1: pointsFromImage and loadPiQuiz ' +
  "take { convention: 'aspect' }";

/**
 * Options of {@link toPoints}.
 *
 * @example
 * ```ts
 * import { toPoints, type ToPointsOptions } from 'pointgen';
 * const forTraining: ToPointsOptions = { dim: 5, unitRange: true, argument: 'upload' };
 * const pts = toPoints([[0.1, 0.2, 1, 0, 0]], forTraining);
 * ```
 */
export interface ToPointsOptions {
  /** The required number of coordinates per point; omitted, any dimension of at least 1 is accepted. */
  dim?: number;
  /** Require every value to lie in [0, 1] (what the generators need of their training data). */
  unitRange?: boolean;
  /** The argument's name, used in error messages. Default `'points'`. */
  argument?: string;
  /** Accept an empty set. Default `false`. */
  allowEmpty?: boolean;
}

/**
 * Validates any {@link PointsLike} and returns it as {@link Points}. A `Points` whose data is already a
 * `Float32Array` is returned without copying; everything else is copied.
 *
 * @throws {InvalidPointsError} for an empty set, a wrong or inconsistent dimension, ragged rows, NaN or
 * Infinity (naming the first bad row), or, with `unitRange`, a value outside [0, 1].
 *
 * @example
 * ```ts
 * import { toPoints } from 'pointgen';
 * const pts = toPoints([[0.1, 0.2, 0.9, 0.5, 0.3]], { dim: 5, unitRange: true });
 * pts.count; // 1
 * ```
 */
export function toPoints(input: PointsLike, options: ToPointsOptions = {}): Points {
  const argument = options.argument ?? 'points';
  const points = coerce(input, argument);
  validate(points, argument, options);
  return points;
}

/**
 * True when `value` is a well-formed {@link Points} (a `Float32Array` of exactly `count * dim` values).
 *
 * @example
 * ```ts
 * import { isPoints } from 'pointgen';
 * isPoints({ data: new Float32Array(5), count: 1, dim: 5 }); // true
 * ```
 */
export function isPoints(value: unknown): value is Points {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Points>;
  return (
    v.data instanceof Float32Array &&
    Number.isInteger(v.count) &&
    Number.isInteger(v.dim) &&
    (v.dim as number) > 0 &&
    v.data.length === (v.count as number) * (v.dim as number)
  );
}

/**
 * The rows of a point set as plain arrays (for JSON, logging, or code that wants `number[][]`).
 *
 * @example
 * ```ts
 * import { toRows } from 'pointgen';
 * toRows({ data: new Float32Array([0.5, 0.5, 0, 0, 1]), count: 1, dim: 5 }); // [[0.5, 0.5, 0, 0, 1]]
 * ```
 */
export function toRows(points: Points): number[][] {
  const rows: number[][] = new Array(points.count);
  for (let i = 0; i < points.count; i++) {
    rows[i] = Array.from(points.data.subarray(i * points.dim, (i + 1) * points.dim));
  }
  return rows;
}

/**
 * The rows of `points` at `indices`, in that order, as a new point set.
 *
 * @example
 * ```ts
 * import { selectRows, toPoints } from 'pointgen';
 * const first = selectRows(toPoints([[0, 0], [1, 1]]), [0]); // one row
 * ```
 */
export function selectRows(points: Points, indices: ArrayLike<number>): Points {
  const { dim } = points;
  const data = new Float32Array(indices.length * dim);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    if (!Number.isInteger(i) || i < 0 || i >= points.count) {
      throw new RangeError(`indices[${k}]: ${i} is not a row index of a set of ${points.count} points`);
    }
    data.set(points.data.subarray(i * dim, (i + 1) * dim), k * dim);
  }
  return { data, count: indices.length, dim };
}

/**
 * The columns `indices` of `points`, in that order, as a new point set (e.g. the given coordinates of a
 * conditional).
 *
 * @example
 * ```ts
 * import { selectColumns, toPoints } from 'pointgen';
 * selectColumns(toPoints([[1, 2, 3]]), [2, 0]).data; // Float32Array [3, 1]
 * ```
 */
export function selectColumns(points: Points, indices: readonly number[]): Points {
  const { data, count, dim } = points;
  for (const [k, j] of indices.entries()) {
    if (!Number.isInteger(j) || j < 0 || j >= dim) {
      throw new RangeError(`indices[${k}]: ${j} is not a column index of ${dim}-D points`);
    }
  }
  const out = new Float32Array(count * indices.length);
  for (let i = 0; i < count; i++) {
    for (const [c, j] of indices.entries()) out[i * indices.length + c] = data[i * dim + j] as number;
  }
  return { data: out, count, dim: indices.length };
}

function isTensorLike(input: object): input is Tensor2DLike {
  return 'shape' in input && 'rank' in input && typeof (input as Tensor2DLike).dataSync === 'function';
}

/** The most values a point set holds: a Float32Array of 2^31 values (8 GiB) is beyond any use here. */
const MAX_VALUES = 2 ** 31 - 1;

function coerce(input: PointsLike, argument: string): Points {
  if (typeof input !== 'object' || input === null) {
    throw new InvalidPointsError(
      argument,
      'type',
      `expected rows, a Points or a 2-D tensor, got ${describe(input)}`,
    );
  }
  if (Array.isArray(input)) return fromRows(input as ReadonlyArray<ArrayLike<number>>, argument);
  if (isPoints(input)) return input;
  if (isTensorLike(input)) {
    if ((input as { isDisposed?: boolean }).isDisposed === true) {
      throw new InvalidPointsError(argument, 'type', 'the tensor has been disposed');
    }
    if (input.rank !== 2) {
      throw new InvalidPointsError(
        argument,
        'dimension',
        `expected a rank-2 tensor, got shape [${input.shape}]`,
      );
    }
    const [count, dim] = input.shape as [number, number];
    return { data: Float32Array.from(input.dataSync()), count, dim };
  }
  if ('data' in input && 'dim' in input) {
    const { data, dim } = input;
    if (!Number.isInteger(dim) || dim < 1) {
      throw new InvalidPointsError(argument, 'dimension', `dim must be a positive integer, got ${dim}`);
    }
    if (data === null || typeof data !== 'object' || typeof data.length !== 'number') {
      throw new InvalidPointsError(
        argument,
        'type',
        `data must be an array of numbers, got ${describe(data)}`,
      );
    }
    if (!(data.length <= MAX_VALUES)) {
      throw new InvalidPointsError(
        argument,
        'type',
        `data has ${data.length} values, more than a point set can hold (${MAX_VALUES})`,
      );
    }
    if (data.length % dim !== 0) {
      throw new InvalidPointsError(
        argument,
        'ragged',
        `data has ${data.length} values, not a whole number of rows of ${dim}`,
      );
    }
    const count = data.length / dim;
    if (input.count !== undefined && input.count !== count) {
      throw new InvalidPointsError(
        argument,
        'dimension',
        `count is ${input.count} but data holds ${count} rows of ${dim}`,
      );
    }
    return { data: data instanceof Float32Array ? data : Float32Array.from(data), count, dim };
  }
  throw new InvalidPointsError(
    argument,
    'type',
    `expected rows, a Points or a 2-D tensor, got ${describe(input)}`,
  );
}

function fromRows(rows: ReadonlyArray<ArrayLike<number>>, argument: string): Points {
  const count = rows.length;
  if (count === 0) return { data: new Float32Array(0), count: 0, dim: 0 };
  const first = rows[0];
  if (first === null || typeof first !== 'object' || typeof first.length !== 'number') {
    throw new InvalidPointsError(argument, 'type', `row 0 is not an array (got ${describe(first)})`, 0);
  }
  const dim = first.length;
  const data = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
      throw new InvalidPointsError(argument, 'type', `row ${i} is not an array (got ${describe(row)})`, i);
    }
    if (row.length !== dim) {
      throw new InvalidPointsError(
        argument,
        'ragged',
        `row ${i} has ${row.length} values, row 0 has ${dim}`,
        i,
      );
    }
    for (let j = 0; j < dim; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        throw new InvalidPointsError(
          argument,
          'type',
          `row ${i}, column ${j} is not a number (${describe(v)})`,
          i,
        );
      }
      data[i * dim + j] = v;
    }
  }
  return { data, count, dim };
}

function validate(points: Points, argument: string, options: ToPointsOptions): void {
  const { data, count, dim } = points;
  if (count === 0) {
    if (options.allowEmpty) return;
    throw new InvalidPointsError(argument, 'empty', 'the point set is empty');
  }
  if (dim < 1) throw new InvalidPointsError(argument, 'dimension', 'points have no coordinates');
  if (options.dim !== undefined && dim !== options.dim) {
    throw new InvalidPointsError(
      argument,
      'dimension',
      `expected ${options.dim} coordinates per point, got ${dim}`,
    );
  }
  for (let k = 0; k < data.length; k++) {
    const v = data[k] as number;
    if (!Number.isFinite(v)) {
      const row = Math.floor(k / dim);
      throw new InvalidPointsError(argument, 'non-finite', `row ${row} holds ${v} (column ${k % dim})`, row);
    }
    if (options.unitRange && (v < 0 || v > 1)) {
      const row = Math.floor(k / dim);
      throw new InvalidPointsError(
        argument,
        'out-of-range',
        `row ${row} holds ${v} in column ${k % dim}, outside [0, 1]${UNIT_RANGE_HINT}`,
        row,
      );
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value === 'string' ? `the string "${value}"` : String(value);
}
