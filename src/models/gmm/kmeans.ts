import type { Rng } from '../../data/rng.js';
import { cumulativeWeights, drawIndex } from './mixture.js';

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre is a uniformly drawn point, each next one
 * a point drawn with probability proportional to its squared distance to the nearest centre so far. Returns
 * the `k` centres (`k × d`) and each point's nearest centre.
 */
export function kMeansPlusPlus(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: Rng,
): { centres: Float64Array; nearest: Uint32Array } {
  const centres = new Float64Array(k * d);
  const nearest = new Uint32Array(n);
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let next = rng.int(n);
  for (let c = 0; c < k; c++) {
    centres.set(data.subarray(next * d, (next + 1) * d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = (data[i * d + j] as number) - (centres[c * d + j] as number);
        s += t * t;
      }
      if (s < (best[i] as number)) {
        best[i] = s;
        nearest[i] = c;
      }
      total += best[i] as number;
    }
    if (c + 1 < k) {
      // Every point already a centre (fewer distinct points than components): any point will do.
      next = total > 0 ? drawIndex(cumulativeWeights(best), rng.uniform()) : rng.int(n);
    }
  }
  return { centres, nearest };
}
