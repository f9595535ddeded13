import { toVector } from './validate.js';

/**
 * 1-Wasserstein (earth mover's) distance between two 1-D samples, `∫ |F_a(t) - F_b(t)| dt` over their empirical
 * CDFs: equal to `scipy.stats.wasserstein_distance(a, b)` (unweighted) for any sizes and ties.
 * Cost: two sorts and one merge, O((|a| + |b|) log(|a| + |b|)).
 *
 * @throws {TypeError|RangeError} for an empty sample or a non-finite value, naming `a` or `b`.
 *
 * @example
 * ```ts
 * import { wasserstein1d } from 'pointgen/metrics';
 * wasserstein1d([0, 1, 3], [5, 6, 8]); // 5
 * wasserstein1d([0, 0, 1], [0, 1]); // 0.16667 (= 1/6)
 * ```
 */
export function wasserstein1d(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return sortedW1(toVector(a, 'a').sort(), toVector(b, 'b').sort());
}

/**
 * Energy distance between two 1-D samples, `sqrt(2 ∫ (F_a(t) - F_b(t))² dt)`: equal to
 * `scipy.stats.energy_distance(a, b)` (unweighted).
 *
 * @throws {TypeError|RangeError} for an empty sample or a non-finite value, naming `a` or `b`.
 *
 * @example
 * ```ts
 * import { energyDistance1d } from 'pointgen/metrics';
 * energyDistance1d([0], [2]); // 2
 * ```
 */
export function energyDistance1d(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const u = toVector(a, 'a').sort();
  const v = toVector(b, 'b').sort();
  return Math.SQRT2 * Math.sqrt(cdfIntegral(u, v, true));
}

/** W1 of two ascending samples. */
export function sortedW1(u: Float64Array, v: Float64Array): number {
  return cdfIntegral(u, v, false);
}

/**
 * ∫ |F_u - F_v| (or its square) over the merged sorted values, as scipy's `_cdf_distance` does: between two
 * consecutive merged values z_k < z_{k+1}, F_u is the share of u that is ≤ z_k. Ties give zero-width steps, so
 * the order in which tied values are taken does not matter.
 */
function cdfIntegral(u: Float64Array, v: Float64Array, squared: boolean): number {
  const n = u.length;
  const m = v.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let previous = Math.min(u[0] as number, v[0] as number);
  while (i < n || j < m) {
    const takeU = j >= m || (i < n && (u[i] as number) <= (v[j] as number));
    const z = takeU ? (u[i] as number) : (v[j] as number);
    const gap = i / n - j / m;
    sum += (squared ? gap * gap : Math.abs(gap)) * (z - previous);
    previous = z;
    if (takeU) i++;
    else j++;
  }
  return sum;
}
