import * as tf from '@tensorflow/tfjs-core';
import { onHostBackend, peekValues, tensorFilled } from './host.js';

/**
 * Column sums of the `[rows, columns]` block at `at` of `values`, into `sums` at `to`, four columns at a time
 * (3× faster than one store per value), each column added row by row and rounded by `round` after every add,
 * as the backend's own `Sum` does: so the values are its values to the bit.
 */
function sumBlock(
  values: Float32Array,
  at: number,
  rows: number,
  columns: number,
  sums: Float32Array,
  to: number,
  round: (x: number) => number,
): void {
  const end = at + rows * columns;
  let c = 0;
  for (; c + 4 <= columns; c += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = at + c; i < end; i += columns) {
      s0 = round(s0 + (values[i] as number));
      s1 = round(s1 + (values[i + 1] as number));
      s2 = round(s2 + (values[i + 2] as number));
      s3 = round(s3 + (values[i + 3] as number));
    }
    sums[to + c] = s0;
    sums[to + c + 1] = s1;
    sums[to + c + 2] = s2;
    sums[to + c + 3] = s3;
  }
  for (; c < columns; c++) {
    let s = 0;
    for (let i = at + c; i < end; i += columns) s = round(s + (values[i] as number));
    sums[to + c] = s;
  }
}

const keepDouble = (x: number) => x;

/**
 * `tf.sum(x, axes)` for consecutive `axes` short of the last one (a gradient summed back over a broadcast
 * batch, `[n, d] → [d]` or `[m, n, d] → [m, d]`), as JavaScript over the values in place on host backends,
 * flattened; `null` where it does not apply. On wasm `Sum` over any axis but the last transposes first
 * (docs/recipes.md, "Sums over rows in place"). Recorded gradients (a sum taken while a tape is on, for a
 * gradient of a gradient) keep the kernels, which have a gradient.
 */
export function hostRowSums(x: tf.Tensor, axes: readonly number[]): tf.Tensor1D | null {
  const first = axes[0];
  const last = axes[axes.length - 1];
  if (first === undefined || last === undefined || last >= x.rank - 1) return null;
  if (axes.some((axis, i) => axis !== first + i)) return null;
  if (x.dtype !== 'float32' || !onHostBackend() || tf.engine().state.gradientDepth > 0) return null;
  const size = (from: number, to: number) => x.shape.slice(from, to).reduce((a, b) => a * b, 1);
  const [outer, rows, inner] = [size(0, first), size(first, last + 1), size(last + 1, x.rank)];
  // wasm adds in float32; the cpu backend's Sum adds in doubles and rounds once.
  const round = tf.getBackend() === 'wasm' ? Math.fround : keepDouble;
  return tensorFilled<tf.Rank.R1>([outer * inner], (sums) => {
    const values = peekValues(x);
    for (let o = 0; o < outer; o++) sumBlock(values, o * rows * inner, rows, inner, sums, o * inner, round);
  });
}
