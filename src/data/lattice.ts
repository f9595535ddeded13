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

/**
 * True when every coordinate of `points` lies on its lattice: `points[i][j]` is a whole multiple of
 * `steps[j]`, up to float32 rounding. Decides whether `fit` dequantizes by default.
 *
 * @example
 * ```ts
 * import { DEFAULT_LATTICE_STEPS, isOnLattice, toPoints } from 'pointgen';
 * isOnLattice(toPoints([[0.5, 0.1, 1, 0, 51 / 255]]), DEFAULT_LATTICE_STEPS); // true
 * ```
 */
export function isOnLattice(points: Points, steps: readonly number[]): boolean {
  const { data, dim } = points;
  if (steps.length !== dim) return false;
  for (let k = 0; k < data.length; k++) {
    const step = steps[k % dim] as number;
    if (!(step > 0)) return false;
    const units = (data[k] as number) / step;
    // float32 storage of v = n·step is off by at most ~6e-8·v, i.e. ~6e-8·n units of step.
    if (Math.abs(units - Math.round(units)) > 1e-4 + 1e-6 * Math.abs(units)) return false;
  }
  return true;
}

/**
 * Maps continuous draws back onto the lattice: the inverse of uniform dequantization, `floor(v / step) · step`,
 * so that a density over dequantized data gives points distributed like the original lattice data. Values are
 * computed as `k / N` when `step = 1 / N`, so that they equal data built the same way bit for bit, and are
 * kept within [0, 1].
 */
export function snapToLattice(points: Points, steps: readonly number[]): Points {
  const { data, count, dim } = points;
  const divisors = steps.map((s) => {
    const n = Math.round(1 / s);
    return Math.abs(n * s - 1) < 1e-9 ? n : 0;
  });
  const out = new Float32Array(data.length);
  for (let k = 0; k < data.length; k++) {
    const j = k % dim;
    const step = steps[j] as number;
    const n = divisors[j] as number;
    const v = data[k] as number;
    const index = Math.floor(v / step + 1e-6);
    const snapped = n > 0 ? index / n : index * step;
    out[k] = Math.min(Math.max(snapped, 0), 1);
  }
  return { data: out, count, dim };
}
