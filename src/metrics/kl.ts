import { countUniformBins, countWithEdges, densities, numpyBinEdges } from './histogram.js';
import { integerAtLeast, optionsObject, toVector } from './validate.js';

/**
 * Options of {@link klDivergence}.
 *
 * @example
 * ```ts
 * import { type KlOptions, klDivergence } from 'pointgen/metrics';
 * const options: KlOptions = { bins: 10 };
 * klDivergence([0, 1, 2], [0, 1, 2], options); // 0
 * ```
 */
export interface KlOptions {
  /** Number of equal-width bins over p's range (default 100, the original project's). */
  bins?: number;
}

/**
 * The original project's histogram KL divergence KL(P ‖ Q) of two 1-D samples, step for step:
 * 1. `numpy.histogram(p, bins, density=True)`: equal bins over [min p, max p] (widened by ±0.5 when p is
 *    constant), the last bin closed on the right;
 * 2. `numpy.histogram(q, bins=those edges, density=True)`: values of q outside p's range are dropped;
 * 3. `+1e-10` to every density, each histogram renormalised to sum 1;
 * 4. `scipy.stats.entropy(hist_p, hist_q)` = Σ p_i log(p_i / q_i), in nats.
 *
 * The result depends on the sample sizes and on the bins (it is not an estimate of the true KL); it is kept to
 * compare with the original figures.
 *
 * @throws {RangeError} when no value of q falls inside p's range, or p's range is so narrow (below ~1e-300)
 * that densities overflow (numpy returns NaN in both cases); for `bins < 1`; for an empty or non-finite sample
 * (naming `p` or `q`).
 *
 * @example
 * ```ts
 * import { klDivergence } from 'pointgen/metrics';
 * const p = [0.1, 0.2, 0.2, 0.4, 0.9];
 * klDivergence(p, p); // 0
 * klDivergence(p, [0.1, 0.5, 0.5, 0.6, 0.9], { bins: 10 }); // > 0
 * ```
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>, options?: KlOptions): number {
  const { bins } = optionsObject(options);
  const pv = toVector(p, 'p');
  const qv = toVector(q, 'q');
  return histogramKl(pv, qv, integerAtLeast(bins, 'bins', 1, 100));
}

/** {@link klDivergence} on validated samples; `names` name p and q in the error when q misses p's range. */
export function histogramKl(
  p: Float64Array,
  q: Float64Array,
  bins: number,
  names: readonly [string, string] = ['p', 'q'],
): number {
  const edges = numpyBinEdges(p, bins);
  const qCounts = countWithEdges(q, edges);
  if (qCounts.every((c) => c === 0)) {
    throw new RangeError(
      `${names[1]}: none of its ${q.length} values lies in [${edges[0]}, ${edges[bins]}], the range of ${names[0]}, ` +
        'so the histogram KL is undefined',
    );
  }
  const dp = densities(countUniformBins(p, edges), edges);
  const dq = densities(qCounts, edges);
  if (!(dp.every(Number.isFinite) && dq.every(Number.isFinite))) {
    // numpy returns NaN here: count / width overflows when the bins are narrower than ~1e-308.
    throw new RangeError(
      `${names[0]}: its range [${edges[0]}, ${edges[bins]}] is too narrow for ${bins} density bins`,
    );
  }
  const hp = smoothed(dp);
  const hq = smoothed(dq);
  // scipy.stats.entropy normalises its inputs once more.
  normalise(hp);
  normalise(hq);
  let kl = 0;
  for (let i = 0; i < bins; i++) {
    const pi = hp[i] as number;
    kl += pi * Math.log(pi / (hq[i] as number));
  }
  return kl;
}

function smoothed(density: Float64Array): Float64Array {
  for (let i = 0; i < density.length; i++) density[i] = (density[i] as number) + 1e-10;
  return normalise(density);
}

function normalise(values: Float64Array): Float64Array {
  let sum = 0;
  for (const v of values) sum += v;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / sum;
  return values;
}
