import type { PointsLike } from '../data/points.js';
import { type Rng, type RngLike, toRng } from '../data/rng.js';
import { integerAtLeast, type Matrix, optionsObject, toMatrix } from './validate.js';
import { sortedW1 } from './wasserstein.js';

/**
 * Options of {@link slicedWasserstein}.
 *
 * @example
 * ```ts
 * import { type SlicedWassersteinOptions, slicedWasserstein } from 'pointgen/metrics';
 * const options: SlicedWassersteinOptions = { projections: 16, seed: 1 };
 * slicedWasserstein([[0, 0]], [[0, 0]], options); // 0
 * ```
 */
export interface SlicedWassersteinOptions {
  /** Number of random directions (default 128). */
  projections?: number;
  /** Seed or `Rng` (from `pointgen`) for the directions (default 0, so repeated calls agree). */
  seed?: RngLike;
}

/**
 * Sliced 1-Wasserstein distance: the mean, over `projections` random unit directions θ (normalised standard
 * normal vectors drawn from the library's `Rng`), of the 1-D {@link wasserstein1d} between the projections
 * θ·x and θ·y. Unlike per-coordinate W1 it sees joint structure, at the cost of some randomness (fixed by `seed`).
 *
 * @example
 * ```ts
 * import { slicedWasserstein } from 'pointgen/metrics';
 * const x: [number, number][] = [[0, 0], [1, 0], [0, 1]];
 * slicedWasserstein(x, x); // 0
 * slicedWasserstein(x, x.map(([a, b]) => [a + 1, b]), { projections: 2000 }); // ≈ 0.64 = 2/π, the mean |θ₁|
 * ```
 */
export function slicedWasserstein(x: PointsLike, y: PointsLike, options?: SlicedWassersteinOptions): number {
  const { projections, seed } = optionsObject(options);
  const mx = toMatrix(x, 'x');
  const my = toMatrix(y, 'y', mx.dim);
  return slicedWassersteinOf(mx, my, integerAtLeast(projections, 'projections', 1, 128), toRng(seed ?? 0));
}

/** {@link slicedWasserstein} on validated input. */
export function slicedWassersteinOf(x: Matrix, y: Matrix, projections: number, rng: Rng): number {
  const { dim } = x;
  const theta = new Float64Array(dim);
  const px = new Float64Array(x.count);
  const py = new Float64Array(y.count);
  let sum = 0;
  for (let p = 0; p < projections; p++) {
    let norm = 0;
    while (norm === 0) {
      rng.fillNormal(theta);
      for (const t of theta) norm += t * t;
      norm = Math.sqrt(norm);
    }
    for (let j = 0; j < dim; j++) theta[j] = (theta[j] as number) / norm;
    project(x, theta, px);
    project(y, theta, py);
    sum += sortedW1(px.sort(), py.sort());
  }
  return sum / projections;
}

function project(m: Matrix, theta: Float64Array, out: Float64Array): void {
  const { data, count, dim } = m;
  for (let i = 0; i < count; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += (data[i * dim + j] as number) * (theta[j] as number);
    out[i] = s;
  }
}
