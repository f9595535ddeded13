import { expNonPositive } from './exp.js';
import type { Matrix } from './validate.js';

// Squared distances are summed five coordinates at a time, unrolled, on rows zero-padded to a multiple of five
// (padding adds exact zeros, so distances are unchanged). The differences are taken directly rather than through
// |a|² + |b|² - 2a·b, which loses digits for close points.
const CHUNK = 5;

interface Padded {
  readonly data: Float64Array;
  readonly count: number;
  readonly stride: number;
}

function pad(m: Matrix): Padded {
  const stride = Math.ceil(m.dim / CHUNK) * CHUNK;
  if (stride === m.dim) return { data: m.data, count: m.count, stride };
  const data = new Float64Array(m.count * stride);
  for (let i = 0; i < m.count; i++) data.set(m.data.subarray(i * m.dim, (i + 1) * m.dim), i * stride);
  return { data, count: m.count, stride };
}

/**
 * The exponent's factor -1 / (2σ²) of the Gaussian kernel exp(-|a-b|² / (2σ²)).
 *
 * @throws {RangeError} when σ² underflows to 0 (σ below ~1e-154), which would turn exp(0 · ∞) into NaN.
 */
export function gaussianScale(sigma: number): number {
  const scale = -1 / (2 * sigma * sigma);
  if (!Number.isFinite(scale)) throw new RangeError(`sigma: ${sigma} is too small, σ² underflows to 0`);
  return scale;
}

/**
 * Σ exp(scale · |a_i - b_j|²) over all pairs (i, j), or over the pairs i < j of `a` alone when `b` is omitted
 * (the diagonal, each exp(0) = 1, is left to the caller). `scale` is -1 / (2σ²).
 */
export function gaussianPairSum(a: Matrix, b: Matrix | undefined, scale: number): number {
  const pa = pad(a);
  const pb = b === undefined ? pa : pad(b);
  const symmetric = b === undefined;
  return pa.stride === CHUNK
    ? pairSum5(pa.data, pa.count, pb.data, pb.count, scale, symmetric)
    : pairSumChunked(pa.data, pa.count, pb.data, pb.count, pa.stride, scale, symmetric);
}

// One row sum at a time, then added to the total: shorter running sums keep float64 rounding small. The loop is
// bound by the exp, not by memory: blocking over j was measured (5000 and 12000 rows) and gained nothing.
function pairSum5(
  a: Float64Array,
  n: number,
  b: Float64Array,
  m: number,
  scale: number,
  symmetric: boolean,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const io = i * 5;
    const a0 = a[io] as number;
    const a1 = a[io + 1] as number;
    const a2 = a[io + 2] as number;
    const a3 = a[io + 3] as number;
    const a4 = a[io + 4] as number;
    let row = 0;
    for (let j = symmetric ? i + 1 : 0; j < m; j++) {
      const jo = j * 5;
      const d0 = a0 - (b[jo] as number);
      const d1 = a1 - (b[jo + 1] as number);
      const d2 = a2 - (b[jo + 2] as number);
      const d3 = a3 - (b[jo + 3] as number);
      const d4 = a4 - (b[jo + 4] as number);
      row += expNonPositive((d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4) * scale);
    }
    total += row;
  }
  return total;
}

function pairSumChunked(
  a: Float64Array,
  n: number,
  b: Float64Array,
  m: number,
  stride: number,
  scale: number,
  symmetric: boolean,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = symmetric ? i + 1 : 0; j < m; j++) {
      row += expNonPositive(squaredDistance(a, i * stride, b, j * stride, stride) * scale);
    }
    total += row;
  }
  return total;
}

function squaredDistance(a: Float64Array, ao: number, b: Float64Array, bo: number, stride: number): number {
  let d = 0;
  for (let c = 0; c < stride; c += CHUNK) {
    const d0 = (a[ao + c] as number) - (b[bo + c] as number);
    const d1 = (a[ao + c + 1] as number) - (b[bo + c + 1] as number);
    const d2 = (a[ao + c + 2] as number) - (b[bo + c + 2] as number);
    const d3 = (a[ao + c + 3] as number) - (b[bo + c + 3] as number);
    const d4 = (a[ao + c + 4] as number) - (b[bo + c + 4] as number);
    d += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3 + d4 * d4;
  }
  return d;
}

/**
 * The Gaussian kernel matrix of one set, strictly upper triangle packed row by row: entry (i, j), i < j, sits at
 * `i·count - i(i+1)/2 + (j - i - 1)`. Its diagonal is all ones and not stored.
 */
export function gaussianUpperTriangle(z: Matrix, scale: number): Float64Array {
  const p = pad(z);
  const { data, count, stride } = p;
  const out = new Float64Array((count * (count - 1)) / 2);
  let o = 0;
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      out[o++] = expNonPositive(squaredDistance(data, i * stride, data, j * stride, stride) * scale);
    }
  }
  return out;
}
