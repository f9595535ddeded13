import type { Rng } from '../../data/rng.js';
import { boxProbability } from './box-probability.js';
import { type Mixture, mixtureLogDensity, sampleMixture } from './mixture.js';

/** Draws per accepted point after which rejection sampling gives up (the box holds almost none of the mass). */
export const MAX_TRIES_PER_POINT = 1000;

/**
 * `Σ_k w_k P_k(box)`: the mixture's mass inside the box `[lower, upper]` (its normaliser on the support). On the
 * quiz data's 30-component fits the mass outside is about 5e-5, and 1024 lattice points per component get it
 * within 1e-5 of 65536 points' value: well below anything an NLL can show.
 */
export function boxMass(m: Mixture, lower: readonly number[], upper: readonly number[]): number {
  const d = m.dim;
  let mass = 0;
  for (let c = 0; c < m.components; c++) {
    const mean = m.means.subarray(c * d, (c + 1) * d);
    mass += (m.weights[c] as number) * boxProbability(mean, m.cholesky, d, lower, upper, 1024, c * d * d);
  }
  return mass;
}

/** True when every coordinate of row `i` of `x` (`n × d`) lies in `[lower_j, upper_j]`. */
export function insideBox(
  x: ArrayLike<number>,
  i: number,
  lower: readonly number[],
  upper: readonly number[],
): boolean {
  const d = lower.length;
  for (let j = 0; j < d; j++) {
    const v = x[i * d + j] as number;
    if (!(v >= (lower[j] as number) && v <= (upper[j] as number))) return false;
  }
  return true;
}

/**
 * The truncated mixture's log density `log q(x) − log Z` at `n` points (row-major), `-Infinity` outside the box.
 */
export function truncatedLogDensity(
  m: Mixture,
  logMass: number,
  x: Float64Array,
  n: number,
  lower: readonly number[],
  upper: readonly number[],
): Float64Array {
  const out = mixtureLogDensity(m, x, n);
  for (let i = 0; i < n; i++) {
    out[i] = insideBox(x, i, lower, upper) ? (out[i] as number) - logMass : Number.NEGATIVE_INFINITY;
  }
  return out;
}

/**
 * `count` exact draws from the mixture truncated to the box, by rejection (each accepted with probability `Z`).
 *
 * @throws {RangeError} when the box holds so little of the mass that rejection would not end.
 */
export function sampleTruncated(
  m: Mixture,
  mass: number,
  count: number,
  rng: Rng,
  lower: readonly number[],
  upper: readonly number[],
): Float64Array {
  const d = m.dim;
  const out = new Float64Array(count * d);
  let filled = 0;
  let tries = 0;
  while (filled < count) {
    const want = Math.ceil(((count - filled) / Math.max(mass, 1e-3)) * 1.05) + 8;
    const draws = sampleMixture(m, want, rng);
    for (let i = 0; i < want && filled < count; i++) {
      if (!insideBox(draws, i, lower, upper)) continue;
      out.set(draws.subarray(i * d, (i + 1) * d), filled * d);
      filled += 1;
    }
    tries += want;
    if (filled < count && tries > MAX_TRIES_PER_POINT * count) {
      throw new RangeError(
        `GaussianMixture: only ${filled} of ${tries} draws fell inside the support; the mixture has almost no mass there`,
      );
    }
  }
  return out;
}

/**
 * Exact draws inside the box `[0, upper]` (row-major, `upper.length` coordinates) as float32: rounding can carry
 * a draw just past the upper edge, so such a draw goes onto the largest float32 inside instead.
 */
export function float32Inside(draws: ArrayLike<number>, upper: readonly number[]): Float32Array {
  const out = Float32Array.from(draws);
  const d = upper.length;
  for (let k = 0; k < out.length; k++) {
    const hi = upper[k % d] as number;
    if ((out[k] as number) > hi) out[k] = Math.fround(hi) > hi ? previousFloat32(hi) : hi;
  }
  return out;
}

/** The largest float32 below `v` (for a positive `v` that is not itself a float32). */
function previousFloat32(v: number): number {
  const f = new Float32Array([v]);
  const bits = new Uint32Array(f.buffer);
  bits[0] = (bits[0] as number) - 1;
  return f[0] as number;
}
