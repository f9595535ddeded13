import type { Rng } from '../data/rng.js';
import type { Matrix } from './validate.js';

/** The median as numpy computes it: the mean of the two middle values for an even count. */
export function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `size` rows of `m` drawn without replacement, kept in their original order; `m` itself if it is not larger. */
export function subsampleRows(m: Matrix, size: number, rng: Rng): Matrix {
  if (m.count <= size) return m;
  const chosen = rng.permutation(m.count).subarray(0, size).sort();
  const data = new Float64Array(size * m.dim);
  for (let k = 0; k < size; k++) {
    const i = chosen[k] as number;
    data.set(m.data.subarray(i * m.dim, (i + 1) * m.dim), k * m.dim);
  }
  return { data, count: size, dim: m.dim };
}

/** The rows of `a` followed by the rows of `b` (same dimension). */
export function stackRows(a: Matrix, b: Matrix): Matrix {
  const data = new Float64Array(a.data.length + b.data.length);
  data.set(a.data);
  data.set(b.data, a.data.length);
  return { data, count: a.count + b.count, dim: a.dim };
}
