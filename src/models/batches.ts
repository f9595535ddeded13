import type { Points } from '../data/points.js';
import { NonFiniteError } from '../errors.js';

/** Points per batch when sampling or scoring: large enough to be fast, small enough for memory. */
const CHUNK = 8192;
const MAX_SAMPLES = 1e8;

/**
 * The `[start, size]` ranges that cut `count` items into batches of {@link CHUNK}.
 *
 * @example
 * ```ts
 * [...chunks(10000)]; // [[0, 8192], [8192, 1808]]
 * ```
 */
export function* chunks(count: number): IterableIterator<[number, number]> {
  for (let start = 0; start < count; start += CHUNK) yield [start, Math.min(CHUNK, count - start)];
}

/**
 * Checks a count of points to draw or estimate: an integer in `[0, 1e8]`.
 *
 * @throws {RangeError} for anything else.
 *
 * @example
 * ```ts
 * checkCount(1000); // fine
 * ```
 */
export function checkCount(count: number): void {
  if (!(Number.isInteger(count) && count >= 0 && count <= MAX_SAMPLES)) {
    throw new RangeError(`count: expected an integer in [0, ${MAX_SAMPLES}], got ${count}`);
  }
}

const DIVERGED = 'the model has diverged (retrain it, e.g. with a smaller learning rate)';

/**
 * `count` draws inside the support `[0, upper]` (one bound per coordinate), batch by batch: `batch(n, start)`
 * draws points `start…start+n-1`. A draw past an edge (where a flow's logit margin leaves room) goes onto it;
 * a non-finite one is a {@link NonFiniteError} naming `call` (e.g. `'realnvp: sample()'`).
 *
 * @example
 * ```ts
 * const draws = await drawInBatches(10, [1, 1], (n) => new Float32Array(2 * n).fill(0.5), 'toy: sample()');
 * ```
 */
export async function drawInBatches(
  count: number,
  upper: readonly number[],
  batch: (n: number, start: number) => Float32Array | Promise<Float32Array>,
  call: string,
): Promise<Points> {
  const dim = upper.length;
  const out = new Float32Array(count * dim);
  for (const [start, n] of chunks(count)) {
    const values = await batch(n, start);
    // Checked before the clamp below, which NaN would pass through.
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new NonFiniteError(
        `${call} drew ${values[bad]} in point ${start + Math.floor(bad / dim)}: ${DIVERGED}`,
      );
    }
    out.set(values, start * dim);
  }
  for (let k = 0; k < out.length; k++) {
    const hi = upper[k % dim] as number;
    const v = out[k] as number;
    if (v < 0) out[k] = 0;
    else if (v > hi) out[k] = hi;
  }
  return { data: out, count, dim };
}

/**
 * Log densities of `points`, batch by batch through `density`: `-Infinity` outside the support `[0, upper]`
 * (those points are scored at a point inside and the value discarded), a NaN one a {@link NonFiniteError}
 * naming `model`.
 *
 * @example
 * ```ts
 * const flat = await scoreInBatches(points, [1, 1, 1, 1, 1], (p) => new Float32Array(p.count), 'toy');
 * ```
 */
export async function scoreInBatches(
  points: Points,
  upper: readonly number[],
  density: (inside: Points) => Float32Array | Promise<Float32Array>,
  model: string,
): Promise<Float32Array> {
  const { data, count, dim } = points;
  const result = new Float32Array(count);
  const inside = new Float32Array(data);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < dim; j++) {
      const v = data[i * dim + j] as number;
      if (v < 0 || v > (upper[j] as number)) {
        result[i] = Number.NEGATIVE_INFINITY;
        // Any point of the support will do: its density is computed and then discarded.
        for (let c = 0; c < dim; c++) inside[i * dim + c] = 0.5;
        break;
      }
    }
  }
  for (const [start, n] of chunks(count)) {
    const values = await density({ data: inside.subarray(start * dim, (start + n) * dim), count: n, dim });
    for (let k = 0; k < n; k++) {
      if (result[start + k] === Number.NEGATIVE_INFINITY) continue;
      if (Number.isNaN(values[k])) {
        throw new NonFiniteError(`${model}: the log density of point ${start + k} is NaN: ${DIVERGED}`);
      }
      result[start + k] = values[k] as number;
    }
  }
  return result;
}
