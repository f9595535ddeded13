import type { Points } from './points.js';
import { type RngLike, toRng } from './rng.js';

/**
 * The lattice steps of pointgen data: positions on a 1/300 grid (a 300×300 image), colours on a 1/255 grid
 * (8-bit channels).
 */
export const DEFAULT_LATTICE_STEPS: readonly number[] = Object.freeze([
  1 / 300,
  1 / 300,
  1 / 255,
  1 / 255,
  1 / 255,
]);

/**
 * Uniform dequantization: adds `u · step` with `u ~ U(0, 1)` to every coordinate, so that a continuous density
 * model cannot put unbounded density on lattice points (see `../shared/docs/PROTOCOL.md`). Returns a new set;
 * the input is not changed.
 *
 * @param steps One lattice step per dimension (default {@link DEFAULT_LATTICE_STEPS}, for 5-D points).
 * @param rng A seed or an {@link Rng}; the same seed gives the same noise.
 *
 * @example
 * ```ts
 * import { datasets, dequantize } from 'pointgen';
 * const noisy = dequantize(datasets.coloredPi({ count: 100 }), undefined, 3);
 * ```
 */
export function dequantize(
  points: Points,
  steps: readonly number[] = DEFAULT_LATTICE_STEPS,
  rng?: RngLike,
): Points {
  const { data, count, dim } = points;
  if (steps.length !== dim) {
    throw new RangeError(`steps: expected ${dim} lattice steps (one per dimension), got ${steps.length}`);
  }
  for (const [j, s] of steps.entries()) {
    if (!(Number.isFinite(s) && s >= 0))
      throw new RangeError(`steps[${j}]: expected a finite step ≥ 0, got ${s}`);
  }
  const r = toRng(rng);
  const out = new Float32Array(data.length);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < dim; j++) {
      const k = i * dim + j;
      out[k] = (data[k] as number) + r.uniform() * (steps[j] as number);
    }
  }
  return { data: out, count, dim };
}
