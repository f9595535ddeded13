import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';
import type { Bijector, BijectorForward } from './bijector.js';
import type { MixingKind } from './config.js';
import { couplingSplit } from './layout.js';

/**
 * The fixed orthogonal matrices applied (as `x · M`) before each coupling, row-major `dim × dim`:
 * - `'alternate'`: the original masks. Coupling `i` conditions on the even coordinates (`i` even) or the odd
 *   ones (`i` odd); `M_i = P_{i−1}ᵀ P_i` moves the previous coupling's order into this one's.
 * - `'permutation'`: a random permutation per coupling, redrawn when it would transform the same coordinates
 *   as the coupling before or leave a coordinate untransformed for three couplings in a row.
 * - `'rotation'`: a random rotation per coupling (Haar-distributed), mixing all coordinates at once.
 * All are orthogonal, so they add nothing to the log-determinant.
 */
export function mixingMatrices(kind: MixingKind, couplings: number, dim: number, rng: Rng): Float32Array[] {
  const out: Float32Array[] = [];
  let previous: number[] = Array.from({ length: dim }, (_, k) => k);
  const transformed: Set<number>[] = [];
  for (let i = 0; i < couplings; i++) {
    if (kind === 'rotation') {
      out.push(randomRotation(dim, rng));
      continue;
    }
    let order = alternateOrder(i, dim);
    if (kind === 'permutation') {
      // Redraw permutations that waste a coupling: the same transformed set twice in a row (the two couplings
      // would collapse into one), or a coordinate left untouched for three couplings.
      let set: Set<number>;
      for (;;) {
        const perm = rng.permutation(dim);
        order = Array.from(perm, (p) => previous[p] as number);
        set = new Set(order.slice(couplingSplit(i, dim)));
        const last = transformed.at(-1);
        const repeats = last !== undefined && last.size === set.size && [...set].every((c) => last.has(c));
        const window = [...transformed.slice(-2), set];
        const idle = window.length === 3 && order.some((c) => window.every((t) => !t.has(c)));
        if (!repeats && !idle) break;
      }
      transformed.push(set);
    }
    // Column k of the new state is original coordinate order[k], found at position previous⁻¹(order[k]).
    out.push(permutationMatrix(order.map((c) => previous.indexOf(c))));
    previous = order;
  }
  return out;
}

/** Coordinates in coupling `i`'s order: its conditioning half first. */
function alternateOrder(i: number, dim: number): number[] {
  const even = Array.from({ length: dim }, (_, k) => k).filter((k) => k % 2 === 0);
  const odd = Array.from({ length: dim }, (_, k) => k).filter((k) => k % 2 === 1);
  // The even half has ceil(dim / 2) coordinates and the odd half floor(dim / 2), as couplingSplit expects.
  return i % 2 === 0 ? [...even, ...odd] : [...odd, ...even];
}

/** The matrix `P` with `(x · P)[k] = x[source[k]]`. */
function permutationMatrix(source: readonly number[]): Float32Array {
  const dim = source.length;
  const m = new Float32Array(dim * dim);
  source.forEach((from, k) => {
    m[from * dim + k] = 1;
  });
  return m;
}

/** A Haar-random orthogonal matrix: Gram-Schmidt on a Gaussian matrix (in float64). */
function randomRotation(dim: number, rng: Rng): Float32Array {
  const cols: Float64Array[] = [];
  while (cols.length < dim) {
    const v = rng.fillNormal(new Float64Array(dim));
    for (const c of cols) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += (v[k] as number) * (c[k] as number);
      for (let k = 0; k < dim; k++) v[k] = (v[k] as number) - dot * (c[k] as number);
    }
    const norm = Math.hypot(...v);
    if (norm < 1e-6) continue;
    for (let k = 0; k < dim; k++) v[k] = (v[k] as number) / norm;
    cols.push(v);
  }
  const m = new Float32Array(dim * dim);
  for (let r = 0; r < dim; r++) for (let c = 0; c < dim; c++) m[r * dim + c] = cols[c]?.[r] as number;
  return m;
}

/** The largest deviation of `M Mᵀ` from the identity (0 for an exactly orthogonal matrix). */
export function orthogonalityError(m: Float32Array, dim: number): number {
  let worst = 0;
  for (let a = 0; a < dim; a++) {
    for (let b = 0; b < dim; b++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += (m[a * dim + k] as number) * (m[b * dim + k] as number);
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/**
 * A fixed orthogonal mixing `y = x · M` as a bijector (log-determinant 0). In a RealNVP chain each mixing is
 * folded into the products of the coupling after it (see `Coupling`), which costs no kernel of its own.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * const values = mixingMatrices('rotation', 1, 3, new Rng(1))[0] as Float32Array;
 * const mixing = new Mixing(tf.tensor2d(values, [3, 3]), values);
 * ```
 */
export class Mixing implements Bijector {
  readonly dim: number;

  /** `matrix` (`[dim, dim]`, kept by its owner) and its values, row-major. */
  constructor(
    readonly matrix: tf.Tensor2D,
    readonly values: Float32Array,
  ) {
    this.dim = matrix.shape[0];
  }

  forward(x: tf.Tensor2D): BijectorForward {
    return { y: tf.matMul(x, this.matrix), logDet: tf.scalar(0) };
  }

  inverse(y: tf.Tensor2D): tf.Tensor2D {
    return tf.matMul(y, this.matrix, false, true);
  }

  dispose(): void {
    // Nothing of its own: the matrix belongs to the model.
  }
}
