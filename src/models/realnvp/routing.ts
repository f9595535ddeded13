import * as tf from '@tensorflow/tfjs-core';

/**
 * How a coupling reads and writes the flow's state, as constant matrices: the fixed mixing matrix `M` and the
 * split into the first `split` (conditioning) and the other (transformed) coordinates are folded into products,
 * so that no split or concat kernel runs (both are slow on wasm, and so are their gradients).
 *
 * Forward: `x₁ = z·take1`, `x₂ = z·take2` (that is, the first and last columns of `z·M`); the new state is
 * `x₁·put1 + y₂·put2`. Inverse: `y₁ = z'·put1ᵀ`, `y₂ = z'·put2ᵀ`; the old state is `y₁·take1ᵀ + x₂·take2ᵀ`
 * (`M` is orthogonal).
 */
export interface Routing {
  readonly take1: tf.Tensor2D;
  readonly take2: tf.Tensor2D;
  readonly put1: tf.Tensor2D;
  readonly put2: tf.Tensor2D;
  readonly take1T: tf.Tensor2D;
  readonly take2T: tf.Tensor2D;
  readonly put1T: tf.Tensor2D;
  readonly put2T: tf.Tensor2D;
}

/**
 * The routing of a coupling with mixing matrix `mixing` (row-major `dim × dim`) and `split` conditioning
 * coordinates. The tensors are kept out of any `tf.tidy` scope; free them with {@link disposeRouting}.
 *
 * @example
 * ```ts
 * const routing = couplingRouting(identity5, 5, 3);
 * ```
 */
export function couplingRouting(mixing: Float32Array, dim: number, split: number): Routing {
  const columns = (from: number, to: number) => {
    const out = new Float32Array(dim * (to - from));
    for (let r = 0; r < dim; r++) {
      for (let c = from; c < to; c++) out[r * (to - from) + (c - from)] = mixing[r * dim + c] as number;
    }
    return tf.keep(tf.tensor2d(out, [dim, to - from]));
  };
  const placement = (from: number, to: number) => {
    const out = new Float32Array((to - from) * dim);
    for (let i = from; i < to; i++) out[(i - from) * dim + i] = 1;
    return tf.keep(tf.tensor2d(out, [to - from, dim]));
  };
  const take1 = columns(0, split);
  const take2 = columns(split, dim);
  const put1 = placement(0, split);
  const put2 = placement(split, dim);
  return {
    take1,
    take2,
    put1,
    put2,
    take1T: tf.keep(tf.transpose(take1)),
    take2T: tf.keep(tf.transpose(take2)),
    put1T: tf.keep(tf.transpose(put1)),
    put2T: tf.keep(tf.transpose(put2)),
  };
}

/** Frees the tensors of {@link couplingRouting}. */
export function disposeRouting(routing: Routing): void {
  for (const t of Object.values(routing)) (t as tf.Tensor).dispose();
}
