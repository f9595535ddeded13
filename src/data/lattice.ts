import type { Points } from './points.js';
import { type RngLike, toRng } from './rng.js';

/**
 * The lattice steps of pointgen data: positions on a 1/300 grid (a 300×300 image), colours on a 1/255 grid
 * (8-bit channels).
 *
 * @example
 * ```ts
 * import { DEFAULT_LATTICE_STEPS, snapToLattice } from 'pointgen';
 * const onGrid = snapToLattice(samples, DEFAULT_LATTICE_STEPS); // positions k/300, colours k/255
 * ```
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
 * model cannot put unbounded density on lattice points (see `docs/protocol.md`). Returns a new set;
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
 * Lattice steps, one per coordinate: a step, or `null` (or 0) for a continuous coordinate.
 *
 * @example
 * ```ts
 * import type { LatticeSteps } from 'pointgen';
 * const pixelsAndContinuousColour: LatticeSteps = [1, 1, null, null, null];
 * ```
 */
export type LatticeSteps = readonly (number | null)[];

/**
 * True when every coordinate of `points` lies on its lattice: `points[i][j]` is a whole multiple of
 * `steps[j]`, up to float32 rounding (continuous coordinates, `null`, are not checked; without any step it is
 * false). Decides whether `fit` dequantizes by default.
 *
 * @example
 * ```ts
 * import { DEFAULT_LATTICE_STEPS, isOnLattice, toPoints } from 'pointgen';
 * isOnLattice(toPoints([[0.5, 0.1, 1, 0, 51 / 255]]), DEFAULT_LATTICE_STEPS); // true
 * ```
 */
export function isOnLattice(points: Points, steps: LatticeSteps): boolean {
  const { data, dim } = points;
  if (steps.length !== dim || steps.every((s) => s === null)) return false;
  for (let k = 0; k < data.length; k++) {
    const step = steps[k % dim] as number | null;
    if (step === null) continue;
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
 * kept within `[min[j], max[j]]` (default [0, 1]). Continuous coordinates (`null` or 0) are left as they are.
 *
 * @example
 * ```ts
 * import { snapToLattice, toPoints } from 'pointgen';
 * snapToLattice(toPoints([[0.0051, 12.7]]), [1 / 300, null]).data; // [1/300, 12.7]
 * ```
 */
export function snapToLattice(
  points: Points,
  steps: LatticeSteps,
  bounds: { readonly min: readonly number[]; readonly max: readonly number[] } = UNIT_BOUNDS,
): Points {
  const { data, count, dim } = points;
  const divisors = steps.map((s) => {
    if (!s) return 0;
    const n = Math.round(1 / s);
    return Math.abs(n * s - 1) < 1e-9 ? n : 0;
  });
  const out = new Float32Array(data.length);
  for (let k = 0; k < data.length; k++) {
    const j = k % dim;
    const step = steps[j];
    const v = data[k] as number;
    if (!step) {
      out[k] = v;
      continue;
    }
    const n = divisors[j] as number;
    const index = Math.floor(v / step + 1e-6);
    const snapped = n > 0 ? index / n : index * step;
    out[k] = Math.min(Math.max(snapped, bounds.min[j] ?? 0), bounds.max[j] ?? 1);
  }
  return { data: out, count, dim };
}

const UNIT_BOUNDS = { min: [] as number[], max: [] as number[] };

/**
 * Options of {@link detectLattice} and {@link detectStep}.
 *
 * @example
 * ```ts
 * import { detectLattice, type DetectLatticeOptions } from 'pointgen';
 * const sure: DetectLatticeOptions = { maxDivisor: 1000, minDistinct: 10 };
 * const steps = detectLattice(points, sure);
 * ```
 */
export interface DetectLatticeOptions {
  /** The largest divisor `N` tried for a step `1 / N` (default {@link MAX_LATTICE_DIVISOR}). */
  readonly maxDivisor?: number;
  /** The fewest distinct values a coordinate needs before a lattice is believed (default 3). */
  readonly minDistinct?: number;
}

/**
 * The largest `N` that {@link detectStep} tries for a step `1 / N`: finer grids count as continuous.
 *
 * @example
 * ```ts
 * import { detectStep, MAX_LATTICE_DIVISOR } from 'pointgen';
 * const fine = [0, 1, 3, 7].map((k) => k / 20_000);
 * detectStep(fine); // null: finer than 1 / MAX_LATTICE_DIVISOR
 * detectStep(fine, { maxDivisor: 2 * MAX_LATTICE_DIVISOR }); // 1/20000
 * ```
 */
export const MAX_LATTICE_DIVISOR = 10_000;

// Four times float32's relative rounding (2^-24): room for a value stored, or computed, in float32.
const TOLERANCE = 2 ** -22;

/**
 * The lattice step of one coordinate's values, or `null` when they sit on none. The step is `1 / N` for the
 * smallest integer `N ≤ maxDivisor` such that every `v · N` is within float32 rounding of an integer
 * (`|v·N − round(v·N)| ≤ 2^-22 · max(1, |v·N|)`, and at most 0.01: a grid finer than float32 resolves at
 * the values' size, such as 1/2048 near 1000, is not believed); when `N = 1` (whole numbers, such as pixel indices) it
 * is their greatest common divisor instead (so values 0, 10, 20 … have step 10). Fewer than `minDistinct`
 * distinct values give `null`: two values fit almost any grid by chance.
 *
 * The smallest `N` is the coarsest grid the values fit: data on 1/300 gives 1/300, not 1/600. Values printed
 * with `d` decimals sit on `1 / 10^d` (found for `d ≤ 4` with the default cap); random or finely printed
 * values (e.g. 6 decimals) are continuous. A lattice is a grid through 0: values `k·s + c` with an offset
 * `c` are found only when `c` is itself on a grid (pixel centres `(k + 0.5) / W` give `1 / (2W)`).
 *
 * @throws {RangeError} for options that are not positive integers.
 *
 * @example
 * ```ts
 * import { detectStep } from 'pointgen';
 * detectStep([0, 1 / 427, 5 / 427, 426 / 427].map(Math.fround)); // the step 1/427
 * detectStep([3, 7, 12]); // 1
 * detectStep([0.1234567, 0.7654321, 0.5]); // null
 * ```
 */
export function detectStep(values: ArrayLike<number>, options: DetectLatticeOptions = {}): number | null {
  const maxDivisor = positiveInteger(options.maxDivisor ?? MAX_LATTICE_DIVISOR, 'options.maxDivisor');
  const minDistinct = positiveInteger(options.minDistinct ?? 3, 'options.minDistinct');
  const distinct = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) return null;
    distinct.add(Math.abs(v));
  }
  if (distinct.size < minDistinct) return null;
  // Zero fits every grid; the largest values fail first on a wrong one, so they are tried first.
  const sorted = [...distinct].filter((v) => v !== 0).sort((a, b) => b - a);
  for (let n = 1; n <= maxDivisor; n++) {
    if (sorted.every((v) => nearInteger(v * n))) return n === 1 ? wholeStep(sorted) : 1 / n;
  }
  return null;
}

/**
 * The lattice step of each coordinate of `points` ({@link detectStep} per column): `null` for a continuous
 * coordinate. On the pi-quiz data it finds 1/300 for the positions and 1/255 for the colours.
 *
 * @example
 * ```ts
 * import { datasets, detectLattice } from 'pointgen';
 * detectLattice(datasets.coloredPi({ count: 500 })); // one step or null per coordinate
 * ```
 */
export function detectLattice(points: Points, options: DetectLatticeOptions = {}): (number | null)[] {
  const { data, count, dim } = points;
  const column = new Float32Array(count);
  return Array.from({ length: dim }, (_, j) => {
    for (let i = 0; i < count; i++) column[i] = data[i * dim + j] as number;
    return detectStep(column, options);
  });
}

/**
 * A lattice as text: `1/300` for a step that is the inverse of an integer, the step itself otherwise, `none`
 * for a continuous coordinate.
 *
 * @example
 * ```ts
 * import { formatStep } from 'pointgen';
 * formatStep(1 / 255); // '1/255'
 * formatStep(null); // 'none'
 * ```
 */
export function formatStep(step: number | null): string {
  if (step === null) return 'none';
  const n = Math.round(1 / step);
  return step < 1 && Math.abs(n * step - 1) < 1e-9 ? `1/${n}` : String(step);
}

function nearInteger(units: number): boolean {
  // Past ~4e4 units float32 cannot resolve the grid (its rounding exceeds 1% of a step): only exact fits count.
  return Math.abs(units - Math.round(units)) <= Math.min(0.01, TOLERANCE * Math.max(1, Math.abs(units)));
}

function wholeStep(values: readonly number[]): number {
  let g = 0;
  for (const v of values) {
    let a = Math.round(v);
    let b = g;
    while (b !== 0) [a, b] = [b, a % b];
    g = a;
  }
  return g;
}

function positiveInteger(value: number, name: string): number {
  if (!(Number.isInteger(value) && value >= 1)) {
    throw new RangeError(`${name}: expected a positive integer, got ${value}`);
  }
  return value;
}
