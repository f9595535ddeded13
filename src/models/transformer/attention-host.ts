import * as tf from '@tensorflow/tfjs-core';
import { peekValues, tensorFilled } from '../../tf/host.js';

/**
 * How the attention reads its rows: for each of `members`, the start position's one row, then `batch`
 * sequences of `length − 1` rows, each of `[q | k | v]`, `heads` × `headDim` wide. The start position attends
 * only to itself, so it is the same in every sequence and computed once per member.
 */
interface Layout {
  readonly members: number;
  readonly batch: number;
  readonly length: number;
  readonly heads: number;
  readonly headDim: number;
}

/** The row of each position of sequence `b` of member `m` (`rows[p]`), as {@link Layout} lays them out. */
function sequenceRows(layout: Layout, m: number, b: number, rows: Int32Array): void {
  const start = m * (1 + layout.batch * (layout.length - 1));
  rows[0] = start;
  for (let p = 1; p < layout.length; p++) rows[p] = start + 1 + b * (layout.length - 1) + (p - 1);
}

/**
 * Causal softmax attention in plain JavaScript over `x`, the query/key/value rows laid out as {@link Layout}
 * says: writes the attended rows (`d` wide, the same layout) to `out` and the attention weights (row `i` of a
 * sequence and head holds those of positions `j ≤ i`) to `weights`. The same formulas as the tensor version, with the masked (later)
 * positions skipped rather than given a weight of exactly zero. Top-level functions with every array a
 * parameter: V8 ran these loops about 20% slower as closures over the same arrays.
 */
function attentionForward(layout: Layout, x: Float32Array, out: Float32Array, weights: Float64Array): void {
  const { members, batch, length, heads, headDim } = layout;
  const d = heads * headDim;
  const width = 3 * d;
  const scale = 1 / Math.sqrt(headDim);
  const rows = new Int32Array(length);
  for (let s = 0; s < members * batch; s++) {
    sequenceRows(layout, Math.floor(s / batch), s % batch, rows);
    for (let h = 0; h < heads; h++) {
      const q = h * headDim;
      const k = q + d;
      const v = q + 2 * d;
      // The start position's row is shared: only the first sequence of a member computes it.
      for (let i = s % batch === 0 ? 0 : 1; i < length; i++) {
        const at = ((s * heads + h) * length + i) * length;
        const qi = q + (rows[i] as number) * width;
        let max = Number.NEGATIVE_INFINITY;
        for (let j = 0; j <= i; j++) {
          const kj = k + (rows[j] as number) * width;
          let dot = 0;
          for (let c = 0; c < headDim; c++) dot += (x[qi + c] as number) * (x[kj + c] as number);
          const score = dot * scale;
          weights[at + j] = score;
          if (score > max) max = score;
        }
        let sum = 0;
        for (let j = 0; j <= i; j++) {
          const e = Math.exp((weights[at + j] as number) - max);
          weights[at + j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let j = 0; j <= i; j++) weights[at + j] = (weights[at + j] as number) * inv;
        const oi = (rows[i] as number) * d + h * headDim;
        for (let c = 0; c < headDim; c++) {
          let acc = 0;
          for (let j = 0; j <= i; j++) {
            acc += (weights[at + j] as number) * (x[v + (rows[j] as number) * width + c] as number);
          }
          out[oi + c] = acc;
        }
      }
    }
  }
}

/** The gradient `gx` of `x` from `dy`, that of the attended rows, given the weights `attentionForward` kept. */
function attentionBackward(
  layout: Layout,
  x: Float32Array,
  weights: Float64Array,
  dy: Float32Array,
  gx: Float32Array,
): void {
  const { members, batch, length, heads, headDim } = layout;
  const dp = new Float64Array(length);
  const d = heads * headDim;
  const width = 3 * d;
  const scale = 1 / Math.sqrt(headDim);
  const rows = new Int32Array(length);
  gx.fill(0);
  for (let s = 0; s < members * batch; s++) {
    sequenceRows(layout, Math.floor(s / batch), s % batch, rows);
    for (let h = 0; h < heads; h++) {
      const q = h * headDim;
      const k = q + d;
      const v = q + 2 * d;
      // The shared start row's gradient `dy` is already the sum over the sequences: taken once.
      for (let i = s % batch === 0 ? 0 : 1; i < length; i++) {
        const at = ((s * heads + h) * length + i) * length;
        const oi = (rows[i] as number) * d + h * headDim;
        const qi = q + (rows[i] as number) * width;
        // The softmax's gradient: ∂score_j = p_j (∂p_j − Σ p ∂p), with ∂p_j = ∂out_i · v_j.
        let mean = 0;
        for (let j = 0; j <= i; j++) {
          const vj = v + (rows[j] as number) * width;
          let dot = 0;
          for (let c = 0; c < headDim; c++) dot += (dy[oi + c] as number) * (x[vj + c] as number);
          dp[j] = dot;
          mean += (weights[at + j] as number) * dot;
        }
        for (let j = 0; j <= i; j++) {
          const p = weights[at + j] as number;
          const ds = p * ((dp[j] as number) - mean) * scale;
          const kj = k + (rows[j] as number) * width;
          const vj = v + (rows[j] as number) * width;
          for (let c = 0; c < headDim; c++) {
            gx[qi + c] = (gx[qi + c] as number) + ds * (x[kj + c] as number);
            gx[kj + c] = (gx[kj + c] as number) + ds * (x[qi + c] as number);
            gx[vj + c] = (gx[vj + c] as number) + p * (dy[oi + c] as number);
          }
        }
      }
    }
  }
}

/**
 * Causal multi-head attention of the joint query/key/value rows `joint` (`[members, 1 + batch·(length − 1), 3d]`:
 * the shared start row, then each sequence's other positions, as the `qkv` layer gives them) to the attended
 * rows in the same layout, `[members, 1 + batch·(length − 1), d]`, computed on the host, for
 * backends that keep tensors there (cpu, wasm). The tensor version runs about 40 kernels per layer in a
 * training step, and wasm runs its batched products of thousands of tiny matrices far below its matMul rate
 * (docs/recipes.md, "Transformer kernels, round 2").
 * Equal to `tensorAttention` (attention.ts) to float rounding, forward and backward (tested).
 *
 * @example
 * ```ts
 * const joint = tf.randomNormal([4, 1 + 2 * 4, 3 * 8]) as tf.Tensor3D;
 * const attended = hostCausalAttention(joint, 2, 2); // [4, 9, 8]
 * ```
 */
export function hostCausalAttention(joint: tf.Tensor3D, batch: number, heads: number): tf.Tensor3D {
  const [members, rows, width] = joint.shape;
  const d = width / 3;
  const layout = { members, batch, length: 1 + (rows - 1) / batch, heads, headDim: d / heads };
  const f = tf.customGrad((input, save) => {
    const x = input as tf.Tensor3D;
    (save as tf.GradSaveFunc)([x]);
    const weights = new Float64Array(members * batch * heads * layout.length * layout.length);
    const value = tensorFilled<tf.Rank.R3>([members, rows, d], (out) => {
      attentionForward(layout, peekValues(x), out, weights);
    });
    return {
      value,
      gradFunc: (dy, saved) => {
        const kept = (saved as tf.Tensor[])[0] as tf.Tensor;
        return tensorFilled<tf.Rank.R3>(joint.shape, (gx) => {
          attentionBackward(layout, peekValues(kept), weights, peekValues(dy as tf.Tensor), gx);
        });
      },
    };
  });
  return f(joint) as tf.Tensor3D;
}
