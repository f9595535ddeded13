import * as tf from '@tensorflow/tfjs-core';
import { savedAt, unbroadcast } from './grad/helpers.js';

/**
 * The wasm backend multiplies ~10× slower with matMul's transpose flags than on operands transposed first,
 * and as slowly for a batch of more than one matrix (see bench/tf.bench.ts); the other backends read
 * transposed operands natively and batch well, so they keep the flags and the batches.
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
    const x = transposeA ? swapLastTwo(a) : a;
    const y = transposeB ? swapLastTwo(b) : b;
    return splitProduct(x, y) ?? tf.matMul(x, y);
  }
  return tf.matMul(a, b, transposeA, transposeB);
}
/**
 * Batched products of at most this many matrices are computed one 2-D product each on wasm, whose batched
 * kernel takes a slow path (about 2 GFLOP/s against 25 for the same product as separate 2-D ones; the bench
 * prints both): a few products of large matrices (an ensemble's members) gain ten-fold, while many small
 * ones (attention over five positions) are cheaper as the one slow kernel.
 */
const MAX_SPLIT_PRODUCTS = 32;

/** `a · b` (no transposes) as one 2-D product per batch entry, broadcasting batch axes; `null` when not worth it. */
function splitProduct(a: tf.Tensor, b: tf.Tensor): tf.Tensor | null {
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const count = outer.reduce((x, y) => x * y, 1);
  if (count <= 1 || count > MAX_SPLIT_PRODUCTS) return null;
  const [n, k] = a.shape.slice(-2) as [number, number];
  const m = b.shape[b.rank - 1] as number;
  // Slices of the operands as 3-D stacks: wasm's slices copy just the block (src/tf/wasm-kernels.ts), where
  // reading an operand back to take it apart cost a copy of all of it out of the heap and each block back in.
  return tf.tidy(() => {
    const as = tf.reshape(a, [-1, n, k]);
    const bs = tf.reshape(b, [-1, k, m]);
    const products = Array.from({ length: count }, (_, i) => {
      const x = tf.slice(as, [batchIndex(i, outer, a.shape), 0, 0], [1, n, k]);
      const y = tf.slice(bs, [batchIndex(i, outer, b.shape), 0, 0], [1, k, m]);
      return tf.matMul(tf.reshape(x, [n, k]), tf.reshape(y, [k, m]));
    });
    // Put together by one concat in the backend's memory: reading each product back cost a copy out and in.
    return tf.reshape(tf.concat(products, 0), [...outer, n, m]);
  });
}

/** The entry of `shape`'s batch axes that output batch entry `i` (row-major over `outer`) reads, broadcasting. */
function batchIndex(i: number, outer: number[], shape: readonly number[]): number {
  const batch = shape.slice(0, -2);
  let index = 0;
  let rest = i;
  let stride = 1;
  for (let k = outer.length - 1; k >= 0; k--) {
    const size = outer[k] as number;
    const position = rest % size;
    rest = Math.floor(rest / size);
    const own = batch[k - (outer.length - batch.length)];
    if (own !== undefined) {
      if (own > 1) index += position * stride;
      stride *= own;
    }
  }
  return index;
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
