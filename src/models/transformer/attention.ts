import * as tf from '@tensorflow/tfjs-core';
import { type DenseWeights, linear } from '../../tf/dense.js';
import { onHostBackend } from '../../tf/host.js';
import { matMul } from '../../tf/mat-mul.js';
import { hostCausalAttention } from './attention-host.js';

/**
 * Causal multi-head self-attention over whole sequences of every member at once: `tokens` are rows
 * `[members, 1 + batch·(length − 1), d]`, each member's start position once (it attends only to itself, so
 * it is the same in every sequence), then each sequence's other positions in order; `qkv`, `proj` are the
 * members' stacked layers. A position attends to itself and every earlier position, never to later ones. On
 * cpu and wasm the attention itself runs on the host ({@link hostCausalAttention}), elsewhere by kernels
 * ({@link tensorAttention}).
 */
export function causalSelfAttention(
  tokens: tf.Tensor3D,
  batch: number,
  heads: number,
  qkv: DenseWeights<tf.Tensor>,
  proj: DenseWeights<tf.Tensor>,
): tf.Tensor3D {
  return tf.tidy(() => {
    const joint = linear(tokens, qkv);
    const attend = onHostBackend() ? hostCausalAttention : tensorAttention;
    return linear(attend(joint, batch, heads), proj);
  });
}

/**
 * Rows laid out as {@link causalSelfAttention} takes them (`[members, 1 + batch·(length − 1), w]`: each
 * member's shared start row, then each point's later positions) as every point's whole sequence,
 * `[members, batch, length, w]`: the start row goes to each point by a broadcast product, whose gradient sums
 * the points'.
 *
 * @example
 * ```ts
 * const rows = tf.randomNormal([4, 1 + 2 * 4, 8]) as tf.Tensor3D;
 * const sequences = perPointSequences(rows, 2); // [4, 2, 5, 8]
 * ```
 */
export function perPointSequences(rows: tf.Tensor3D, batch: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [members, count, width] = rows.shape;
    const start = tf.reshape(tf.slice(rows, [0, 0, 0], [-1, 1, -1]), [members, 1, 1, width]);
    const first = tf.mul(tf.ones([1, batch, 1, 1]), start) as tf.Tensor4D;
    if (count === 1) return first;
    const rest = tf.reshape(tf.slice(rows, [0, 1, 0], [-1, -1, -1]), [
      members,
      batch,
      (count - 1) / batch,
      width,
    ]);
    return tf.concat([first, rest], 2) as tf.Tensor4D;
  });
}

/**
 * The causal attention of {@link causalSelfAttention} by tensor kernels, on any backend: the joint
 * query/key/value rows `[members, 1 + batch·(length − 1), 3d]` to the attended rows in the same layout. The
 * start row is copied into every sequence, and the output keeps the first sequence's (all are equal; the
 * copy's gradient sums the sequences').
 *
 * @example
 * ```ts
 * const joint = tf.randomNormal([4, 1 + 2 * 4, 3 * 8]) as tf.Tensor3D;
 * const attended = tensorAttention(joint, 2, 2); // [4, 9, 8]
 * ```
 */
export function tensorAttention(joint: tf.Tensor3D, batch: number, heads: number): tf.Tensor3D {
  return tf.tidy(() => {
    const [members, rows, width] = joint.shape;
    const d = width / 3;
    const length = 1 + (rows - 1) / batch;
    const headDim = d / heads;
    const sequences = tf.reshape(perPointSequences(joint, batch), [members, batch * length, width]);
    const [q, k, v] = tf
      .split(sequences, 3, 2)
      .map((part) => splitHeads(part, members * batch, length, heads, headDim)) as [
      tf.Tensor3D,
      tf.Tensor3D,
      tf.Tensor3D,
    ];
    const scores = tf.add(tf.mul(matMul(q, k, false, true), 1 / Math.sqrt(headDim)), causalMask(length));
    const attended = tf.reshape(
      tf.transpose(
        tf.reshape(matMul(tf.softmax(scores), v), [members, batch, heads, length, headDim]),
        [0, 1, 3, 2, 4],
      ),
      [members, batch, length, d],
    );
    return tf.concat(
      [
        tf.reshape(tf.slice(attended, [0, 0, 0, 0], [-1, 1, 1, -1]), [members, 1, d]),
        tf.reshape(tf.slice(attended, [0, 0, 1, 0], [-1, -1, -1, -1]), [members, batch * (length - 1), d]),
      ],
      1,
    ) as tf.Tensor3D;
  });
}

/** Query, key and value projections as three separate layers, sliced once from a joint `qkv` layer. */
export interface SplitProjections {
  readonly q: DenseWeights<tf.Tensor>;
  readonly k: DenseWeights<tf.Tensor>;
  readonly v: DenseWeights<tf.Tensor>;
}

/** Slices a joint `[d, 3d]` query/key/value layer into its three parts (cheap: weights, not activations). */
export function splitProjections(qkv: DenseWeights): SplitProjections {
  return tf.tidy(() => {
    const [wq, wk, wv] = tf.split(qkv.w, 3, 1);
    const [bq, bk, bv] = tf.split(qkv.b, 3, 0);
    return {
      q: { w: wq as tf.Tensor, b: bq as tf.Tensor },
      k: { w: wk as tf.Tensor, b: bk as tf.Tensor },
      v: { w: wv as tf.Tensor, b: bv as tf.Tensor },
    };
  });
}

/**
 * Keys and values of the positions decoded so far, one tensor per position: `[batch, d]`, or `[1, d]` for a
 * position that is the same for every row (the start token).
 */
export interface KeyValueCache {
  readonly keys: tf.Tensor2D[];
  readonly values: tf.Tensor2D[];
}

/**
 * Attention of one new position (rows `[batch, d]`) over the cached positions and itself, appending its key
 * and value to `cache`. With a single query per row the scores are element-wise products summed per head, so
 * no cache is ever concatenated or transposed: for a large batch this is several times faster than batched
 * products. Equal to {@link causalSelfAttention} at the same position (tested).
 */
export function attendNext(
  token: tf.Tensor2D,
  heads: number,
  projections: SplitProjections,
  proj: DenseWeights,
  cache: KeyValueCache,
): tf.Tensor2D {
  const [batch, d] = token.shape;
  const headDim = d / heads;
  const { k, v } = tf.tidy(() => ({
    k: linear(token, projections.k),
    v: linear(token, projections.v),
  }));
  // The cache outlives any tidy scope this runs in.
  cache.keys.push(tf.keep(k));
  cache.values.push(tf.keep(v));
  return tf.tidy(() => {
    const q = tf.mul(linear(token, projections.q), 1 / Math.sqrt(headDim));
    // Softmax over the cached positions, written out over the list of per-position scores: stacking them
    // into one tensor costs more on the wasm backend than the arithmetic.
    const scores = cache.keys.map((key) => tf.sum(tf.reshape(tf.mul(q, key), [batch, heads, headDim]), 2));
    const top = scores.reduce((a, b) => tf.maximum(a, b));
    const exps = scores.map((s) => tf.exp(tf.sub(s, top)));
    const total = exps.length === 1 ? (exps[0] as tf.Tensor) : tf.addN(exps);
    const mixed = tf.addN(
      cache.values.map((value, t) =>
        tf.mul(
          tf.reshape(value, [-1, heads, headDim]),
          tf.reshape(tf.div(exps[t] as tf.Tensor, total), [batch, heads, 1]),
        ),
      ),
    );
    return linear(tf.reshape(mixed, [batch, d]) as tf.Tensor2D, proj);
  });
}

/** `[…, batch·length, d]` rows (`batch` counting every leading axis) to `[batch·heads, length, headDim]`. */
function splitHeads(
  x: tf.Tensor,
  batch: number,
  length: number,
  heads: number,
  headDim: number,
): tf.Tensor3D {
  return tf.reshape(tf.transpose(tf.reshape(x, [batch, length, heads, headDim]), [0, 2, 1, 3]), [
    batch * heads,
    length,
    headDim,
  ]);
}

/** Additive mask `[length, length]`: 0 where query `i` may see key `j ≤ i`, a large negative number after. */
function causalMask(length: number): tf.Tensor2D {
  const mask = new Float32Array(length * length);
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j < length; j++) mask[i * length + j] = -1e9;
  }
  return tf.tensor2d(mask, [length, length]);
}
