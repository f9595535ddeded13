// numpy.histogram, reproduced to the bin: which bin a value lands in decides the KL, so the edges and the
// bin assignment follow numpy's own arithmetic rather than a textbook formula.

/**
 * `numpy.histogram(values, bins)`'s edges: over [min, max] of the values, widened to [v - 0.5, v + 0.5] when
 * all values are equal, spaced as `numpy.linspace` spaces them (`start + i·step`, the last edge exactly `stop`).
 */
export function numpyBinEdges(values: Float64Array, bins: number): Float64Array {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < first) first = v;
    if (v > last) last = v;
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  const delta = last - first;
  const step = delta / bins;
  for (let i = 0; i < bins; i++) {
    // linspace falls back to (i / bins) · delta when the step underflows to 0.
    edges[i] = (step === 0 ? (i / bins) * delta : i * step) + first;
  }
  edges[bins] = last;
  return edges;
}

/**
 * Counts of `numpy.histogram(values, bins)` with edges from {@link numpyBinEdges} of the same values: numpy's
 * equal-bin fast path, an index from `(v - first) / (last - first) · bins` corrected by one against the edges,
 * the last bin closed on the right.
 */
export function countUniformBins(values: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const first = edges[0] as number;
  const last = edges[bins] as number;
  const denominator = last - first;
  const counts = new Float64Array(bins);
  for (const v of values) {
    if (!(v >= first && v <= last)) continue;
    let index = Math.trunc(((v - first) / denominator) * bins);
    if (index === bins) index--;
    if (v < (edges[index] as number)) index--;
    else if (v >= (edges[index + 1] as number) && index !== bins - 1) index++;
    counts[index] = (counts[index] as number) + 1;
  }
  return counts;
}

/**
 * Counts of `numpy.histogram(values, bins=edges)` for explicit edges: bin i holds edges[i] ≤ v < edges[i+1], the
 * last bin also v = edges[last]; values outside [edges[0], edges[last]] are dropped.
 */
export function countWithEdges(values: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const first = edges[0] as number;
  const last = edges[bins] as number;
  const counts = new Float64Array(bins);
  for (const v of values) {
    if (!(v >= first && v <= last)) continue;
    if (v === last) {
      counts[bins - 1] = (counts[bins - 1] as number) + 1;
      continue;
    }
    // The largest i with edges[i] ≤ v.
    let lo = 0;
    let hi = bins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((edges[mid] as number) <= v) lo = mid;
      else hi = mid;
    }
    counts[lo] = (counts[lo] as number) + 1;
  }
  return counts;
}

/** `numpy.histogram(..., density=True)`: `counts / widths / total`, with numpy's per-bin widths. */
export function densities(counts: Float64Array, edges: Float64Array): Float64Array {
  let total = 0;
  for (const c of counts) total += c;
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    out[i] = (counts[i] as number) / ((edges[i + 1] as number) - (edges[i] as number)) / total;
  }
  return out;
}
