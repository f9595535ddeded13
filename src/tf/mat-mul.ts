import * as tf from '@tensorflow/tfjs-core';
import { savedAt, unbroadcast } from './grad/helpers.js';
import { useLeanWasmKernels } from './wasm-kernels.js';

/**
 * The wasm backend multiplies ~10× slower with matMul's transpose flags than on operands transposed first
 * (see bench/tf.bench.ts); the other backends read transposed operands natively, so they keep the flags.
 */
function explicitTransposes(): boolean {
  return tf.getBackend() === 'wasm';
}

function swapLastTwo(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  perm.splice(-2, 2, t.rank - 1, t.rank - 2);
  return tf.transpose(t, perm);
}

/** `op(a) · op(b)`, with each transpose and batch done whichever way is fastest on the active backend. */
export function product(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): tf.Tensor {
  if (explicitTransposes()) {
    // Its own batched product takes a slow path; the lean kernels' does not (src/tf/wasm-kernels.ts).
    useLeanWasmKernels();
    const x = transposeA ? swapLastTwo(a) : a;
    const y = transposeB ? swapLastTwo(b) : b;
    return tf.matMul(x, y);
  }
  return tf.matMul(a, b, transposeA, transposeB);
}
/**
 * Gradients of `y = op(a) · op(b)` given `dy`, as thunks (so that an unneeded one is never computed),
 * summed back over broadcast batch dimensions. Every product goes through {@link product}.
 */
export function matMulGrads(
  a: tf.Tensor,
  b: tf.Tensor,
  dy: tf.Tensor,
  transposeA: boolean,
  transposeB: boolean,
): { a: () => tf.Tensor; b: () => tf.Tensor } {
  // y = a·b: da = dy·bᵀ, db = aᵀ·dy; the transposed cases follow by transposing those identities.
  const da = (): tf.Tensor => {
    if (transposeA) return product(b, dy, transposeB, true);
    return product(dy, b, false, !transposeB);
  };
  const db = (): tf.Tensor => {
    if (transposeB) return product(dy, a, true, transposeA);
    // wasm packs a product's right operand whenever it is a new tensor, at a cost that grows with its size:
    // with fewer columns in `a` than in `dy`, aᵀ·dy is cheaper as (dyᵀ·a)ᵀ, unless `a` is so narrow that
    // the product's output is thinner than the kernel's tile (docs/recipes.md, round 3).
    const columns = a.shape[a.rank - 1] as number;
    const narrow = columns >= 16 && columns < (dy.shape[dy.rank - 1] as number);
    if (!transposeA && narrow && explicitTransposes()) {
      return swapLastTwo(product(dy, a, true, false));
    }
    return product(a, dy, !transposeA, false);
  };
  return { a: () => unbroadcast(da(), a.shape), b: () => unbroadcast(db(), b.shape) };
}

function withGradient(transposeA: boolean, transposeB: boolean): (a: tf.Tensor, b: tf.Tensor) => tf.Tensor {
  return tf.customGrad((...args) => {
    const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([a, b]);
    return {
      value: product(a, b, transposeA, transposeB),
      gradFunc: (dy, saved) => {
        const grads = matMulGrads(savedAt(saved, 0), savedAt(saved, 1), dy, transposeA, transposeB);
        return [grads.a(), grads.b()];
      },
    };
  });
}

const plain = withGradient(false, false);
const bTransposed = withGradient(false, true);
const aTransposed = withGradient(true, false);
const bothTransposed = withGradient(true, true);

/**
 * `tf.matMul` (batched, broadcasting) with a forward and backward pass that avoid the transpose flags on
 * backends that are slow with them (wasm). Use it for products inside a model that is trained, such as
 * attention scores `q · kᵀ`; it does not depend on which `BatchMatMul` gradient is registered.
 *
 * @param a Left operand, rank ≥ 2.
 * @param b Right operand, rank ≥ 2.
 * @param transposeA Multiply by `a` transposed (its last two axes swapped).
 * @param transposeB Multiply by `b` transposed.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { matMul } from 'pointgen';
 * const q = tf.randomNormal([2, 8, 16]);
 * const k = tf.randomNormal([2, 8, 16]);
 * const scores = matMul(q, k, false, true); // [2, 8, 8]
 * ```
 */
export function matMul<T extends tf.Tensor>(a: T, b: tf.Tensor, transposeA = false, transposeB = false): T {
  const f = transposeA ? (transposeB ? bothTransposed : aTransposed) : transposeB ? bTransposed : plain;
  return f(a, b) as T;
}
