import * as tf from '@tensorflow/tfjs-core';
import { dequantize } from '../data/lattice.js';
import { type Points, selectRows } from '../data/points.js';
import type { Rng } from '../data/rng.js';

/**
 * A seeded random hold-out of `round(count · fraction)` points (both sides keep the rows' order).
 *
 * @throws {RangeError} when nothing would be left to train on.
 * @example
 * ```ts
 * const { train, validation } = holdOut(points, 0.1, new Rng(1));
 * ```
 */
export function holdOut(
  data: Points,
  fraction: number,
  rng: Rng,
): { train: Points; validation: Points | null } {
  const held = Math.round(data.count * fraction);
  if (held === 0) return { train: data, validation: null };
  if (held >= data.count) {
    throw new RangeError(
      `validationFraction: holding out ${held} of ${data.count} points leaves none to train on`,
    );
  }
  const order = rng.permutation(data.count);
  const isVal = new Uint8Array(data.count);
  for (const i of order.subarray(0, held)) isVal[i] = 1;
  const trainRows: number[] = [];
  const valRows: number[] = [];
  for (let i = 0; i < data.count; i++) (isVal[i] ? valRows : trainRows).push(i);
  return { train: selectRows(data, trainRows), validation: selectRows(data, valRows) };
}

/** How one epoch's training points are drawn from the stored ones. */
export interface Noise {
  /** Lattice steps to dequantize with, or `null`. */
  readonly dequantize: readonly number[] | null;
  /** Standard deviation of extra Gaussian noise (0: none). */
  readonly jitter: number;
  /** Upper end of the support per coordinate: jittered values are kept within `[0, upper]`. */
  readonly upper: readonly number[];
}

/**
 * One epoch's training points: fresh dequantization noise, then jitter if asked for.
 *
 * @example
 * ```ts
 * const epoch = noisyPoints(train, { dequantize: DEFAULT_LATTICE_STEPS, jitter: 0, upper }, rng);
 * ```
 */
export function noisyPoints(points: Points, noise: Noise, rng: Rng): Points {
  const dequantized = noise.dequantize ? dequantize(points, noise.dequantize, rng) : points;
  if (noise.jitter === 0) return dequantized;
  const { dim } = dequantized;
  // Dequantizing made a fresh array: only the caller's own points need copying before the noise goes in.
  const data = dequantized === points ? new Float32Array(points.data) : dequantized.data;
  for (let k = 0; k < data.length; k++) {
    const v = (data[k] as number) + noise.jitter * rng.normal();
    data[k] = Math.min(Math.max(v, 0), noise.upper[k % dim] as number);
  }
  return { data, count: dequantized.count, dim };
}

/**
 * `points` as tensors of at most `chunk` rows (for evaluating a large set without one huge batch).
 *
 * @example
 * ```ts
 * const chunks = toChunks(validation, 4096);
 * ```
 */
export function toChunks(points: Points, chunk: number): tf.Tensor2D[] {
  const chunks: tf.Tensor2D[] = [];
  for (let start = 0; start < points.count; start += chunk) {
    const end = Math.min(start + chunk, points.count);
    chunks.push(
      tf.tensor2d(points.data.subarray(start * points.dim, end * points.dim), [end - start, points.dim]),
    );
  }
  return chunks;
}

/**
 * The rows `order[start..end)` of `points` as a batch tensor.
 *
 * @example
 * ```ts
 * const batch = batchTensor(points, order, 0, 256);
 * ```
 */
export function batchTensor(points: Points, order: Uint32Array, start: number, end: number): tf.Tensor2D {
  return tf.tensor2d(selectRows(points, order.subarray(start, end)).data, [end - start, points.dim]);
}
