import type { Points } from '../data/points.js';

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
