import * as tf from '@tensorflow/tfjs-core';

/** How the attention reads its rows: `sequences` of `length` rows of `[q | k | v]`, `heads` × `headDim` each. */
interface Layout {
  readonly sequences: number;
  readonly length: number;
  readonly heads: number;
  readonly headDim: number;
}

/**
 * Causal softmax attention in plain JavaScript over `x`, the query/key/value rows of every sequence
 * (`[sequences·length, 3d]`, position-major inside a sequence): writes the attended rows
 * `[sequences·length, d]` to `out` and the attention weights (row `i` of a sequence and head holds those of
 * positions `j ≤ i`) to `weights`. The same formulas as the tensor version, with the masked (later)
 * positions skipped rather than given a weight of exactly zero. Top-level functions with every array a
 * parameter: V8 ran these loops about 20% slower as closures over the same arrays.
 */
function attentionForward(layout: Layout, x: Float32Array, out: Float32Array, weights: Float64Array): void {
  const { sequences, length, heads, headDim } = layout;
  const d = heads * headDim;
  const width = 3 * d;
  const scale = 1 / Math.sqrt(headDim);
  for (let s = 0; s < sequences; s++) {
    const rows = s * length * width;
    for (let h = 0; h < heads; h++) {
      const q = rows + h * headDim;
      const k = q + d;
      const v = q + 2 * d;
      for (let i = 0; i < length; i++) {
        const at = ((s * heads + h) * length + i) * length;
        const qi = q + i * width;
        let max = Number.NEGATIVE_INFINITY;
        for (let j = 0; j <= i; j++) {
          const kj = k + j * width;
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
        const oi = (s * length + i) * d + h * headDim;
        for (let c = 0; c < headDim; c++) {
          let acc = 0;
          for (let j = 0; j <= i; j++) acc += (weights[at + j] as number) * (x[v + j * width + c] as number);
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
  const { sequences, length, heads, headDim } = layout;
  const dp = new Float64Array(length);
  const d = heads * headDim;
  const width = 3 * d;
  const scale = 1 / Math.sqrt(headDim);
  gx.fill(0);
  for (let s = 0; s < sequences; s++) {
    const rows = s * length * width;
    for (let h = 0; h < heads; h++) {
      const q = rows + h * headDim;
      const k = q + d;
      const v = q + 2 * d;
      for (let i = 0; i < length; i++) {
        const at = ((s * heads + h) * length + i) * length;
        const oi = (s * length + i) * d + h * headDim;
        const qi = q + i * width;
        // The softmax's gradient: ∂score_j = p_j (∂p_j − Σ p ∂p), with ∂p_j = ∂out_i · v_j.
        let mean = 0;
        for (let j = 0; j <= i; j++) {
          const vj = v + j * width;
          let dot = 0;
          for (let c = 0; c < headDim; c++) dot += (dy[oi + c] as number) * (x[vj + c] as number);
          dp[j] = dot;
          mean += (weights[at + j] as number) * dot;
        }
        for (let j = 0; j <= i; j++) {
          const p = weights[at + j] as number;
          const ds = p * ((dp[j] as number) - mean) * scale;
          const kj = k + j * width;
          const vj = v + j * width;
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
 * Causal multi-head attention of the joint query/key/value rows `joint` (`[members, batch·length, 3d]`, as
 * the `qkv` layer gives them) to the attended rows `[members, batch·length, d]`, computed on the host, for
 * backends that keep tensors there (cpu, wasm). The tensor version runs about 40 kernels per layer in a
 * training step, and wasm runs its batched products of thousands of tiny matrices far below its matMul rate
 * (docs/recipes.md, "Transformer kernels, round 2").
 * Equal to `tensorAttention` (attention.ts) to float rounding, forward and backward (tested).
 *
 * @example
 * ```ts
 * const joint = tf.randomNormal([4, 2 * 5, 3 * 8]) as tf.Tensor3D;
 * const attended = hostCausalAttention(joint, 2, 2); // [4, 10, 8]
 * ```
 */
export function hostCausalAttention(joint: tf.Tensor3D, batch: number, heads: number): tf.Tensor3D {
  const [members, rows, width] = joint.shape;
  const d = width / 3;
  const layout = { sequences: members * batch, length: rows / batch, heads, headDim: d / heads };
  const f = tf.customGrad((...args) => {
    const x = (args[0] as tf.Tensor).dataSync() as Float32Array;
    const weights = new Float64Array(layout.sequences * heads * layout.length * layout.length);
    const out = new Float32Array(members * rows * d);
    attentionForward(layout, x, out, weights);
    return {
      value: tf.tensor3d(out, [members, rows, d]),
      gradFunc: (dy) => {
        const gx = new Float32Array(members * rows * width);
        attentionBackward(layout, x, weights, (dy as tf.Tensor).dataSync() as Float32Array, gx);
        return tf.tensor3d(gx, joint.shape);
      },
    };
  });
  return f(joint) as tf.Tensor3D;
}
