import type { Points } from '../data/points.js';

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
