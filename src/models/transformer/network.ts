import * as tf from '@tensorflow/tfjs-core';
import { linear } from '../../tf/dense.js';
import { matMul } from '../../tf/mat-mul.js';
import {
  attendNext,
  causalSelfAttention,
  type KeyValueCache,
  perPointSequences,
  type SplitProjections,
  splitProjections,
} from './attention.js';
import { transformerBlock } from './block.js';
import type { MaskedTransformerConfig } from './config.js';
import { layerNorm } from './layer-norm.js';
import { type StackedWeights, stackMembers } from './members.js';
import type { TransformerWeights } from './weights.js';

/**
 * The final (normalised) hidden state of every member at every position for complete points,
 * `[members, batch, dim, embedDim]`: `values` holds the coordinates in generation order (`[batch, ≥ dim-1]`;
 * the last one is never an input), and position `p` sees the start token and the first `p` coordinates. All
 * members go through one set of batched kernels. With `dropoutSeed`, dropout is on (training); the start
 * position, computed once per member, draws one dropout mask per member.
 */
export function hiddenStates(
  members: readonly TransformerWeights[],
  config: MaskedTransformerConfig,
  values: tf.Tensor2D,
  dropoutSeed?: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const weights = stackMembers(config, members);
    const m = weights.members;
    const batch = values.shape[0];
    const positions = config.dim;
    const d = config.embedDim;
    // Position 0 sees only the start token, so each member computes it once: rows [members, 1 + batch·(positions
    // − 1), d], the start row first, then each point's later positions (a fifth less work for 5 coordinates).
    let h = tf.reshape(weights.start, [m, 1, d]) as tf.Tensor3D;
    if (positions > 1) {
      const embedded = tf.transpose(embedValues(weights, config, values), [0, 2, 1, 3]);
      h = tf.concat([h, tf.reshape(embedded, [m, batch * (positions - 1), d])], 1);
    }
    weights.blocks.forEach((block, l) => {
      const attend = (x: tf.Tensor3D) => causalSelfAttention(x, batch, config.heads, block.qkv, block.proj);
      const dropout =
        dropoutSeed === undefined ? undefined : { rate: config.dropout, seed: dropoutSeed + 16 * l };
      h = transformerBlock(h, block, attend, dropout);
    });
    return perPointSequences(layerNorm(h, weights.normOut), batch);
  });
}

/**
 * Generates positions one at a time for a batch, keeping each block's keys and values, so that every position
 * is computed once. Call {@link Decoder.next} with the values just chosen for the previous position (nothing for
 * position 0); it returns the head output of the next position. Dispose when done.
 */
export class Decoder {
  private readonly weights: TransformerWeights;
  private readonly config: MaskedTransformerConfig;
  private readonly batch: number;
  private readonly projections: SplitProjections[];
  private readonly caches: KeyValueCache[];
  private position = 0;

  constructor(weights: TransformerWeights, config: MaskedTransformerConfig, batch: number) {
    this.weights = weights;
    this.config = config;
    this.batch = batch;
    this.projections = weights.blocks.map((block) => splitProjections(block.qkv));
    this.caches = weights.blocks.map(() => ({ keys: [], values: [] }));
  }

  /**
   * The head output `[batch, width]` of the next position, given the previous position's values. Position 0
   * sees only the start token, so it is computed once: its output has a single row, the same for every point.
   */
  next(previous?: tf.Tensor1D): tf.Tensor2D {
    const p = this.position;
    if (p >= this.config.dim) throw new RangeError('Decoder.next: every position is already done');
    if ((p === 0) !== (previous === undefined)) {
      throw new RangeError(
        `Decoder.next: position ${p} ${p === 0 ? 'takes no value' : 'needs the previous value'}`,
      );
    }
    this.position += 1;
    return tf.tidy(() => {
      let h = embedToken(this.weights, this.config, p, previous, p === 0 ? 1 : this.batch);
      this.weights.blocks.forEach((block, l) => {
        const cache = this.caches[l] as KeyValueCache;
        const projections = this.projections[l] as SplitProjections;
        const attend = (x: tf.Tensor2D) => attendNext(x, this.config.heads, projections, block.proj, cache);
        h = transformerBlock(h, block, attend);
      });
      return headOutput(this.weights, p, layerNorm(h, this.weights.normOut));
    });
  }

  dispose(): void {
    for (const c of this.caches) {
      for (const t of [...c.keys, ...c.values]) t.dispose();
      c.keys.length = 0;
      c.values.length = 0;
    }
    for (const s of this.projections) for (const part of [s.q, s.k, s.v]) tf.dispose([part.w, part.b]);
  }
}

/** The token of position `p`: the start token at 0, else the embedded value of the previous coordinate. */
function embedToken(
  weights: TransformerWeights,
  config: MaskedTransformerConfig,
  p: number,
  previous: tf.Tensor1D | undefined,
  batch: number,
): tf.Tensor2D {
  if (p === 0 || previous === undefined) {
    // A broadcast product rather than a tile: the gradient of a tile is slow on the wasm backend.
    return tf.mul(tf.ones([batch, 1]), tf.reshape(weights.start, [1, config.embedDim]));
  }
  const embed = weights.embed[p - 1];
  if (!embed) throw new RangeError(`position ${p} has no embedding`);
  return linear(fourierFeatures(tf.reshape(previous, [-1, 1]) as tf.Tensor2D, config.fourierFeatures), embed);
}

/**
 * The tokens of positions 1…dim-1 of every member at once, `[members, dim-1, batch, embedDim]`: every value's
 * Fourier features through its position's projection, as one batched product (broadcast over members).
 */
function embedValues(
  weights: StackedWeights,
  config: MaskedTransformerConfig,
  values: tf.Tensor2D,
): tf.Tensor4D {
  const inputs = config.dim - 1;
  const columns = tf.transpose(tf.slice(values, [0, 0], [-1, inputs]));
  const features = fourierFeatures(tf.expandDims(columns, 2), config.fourierFeatures);
  return tf.add(matMul(tf.expandDims(features, 0), weights.embed.w), weights.embed.b) as tf.Tensor4D;
}

/** `[2v-1, sin(π 2^k v), cos(π 2^k v)]` for `k < count` along a new last axis of size `1 + 2·count`. */
function fourierFeatures<T extends tf.Tensor>(v: T, count: number): T {
  const linearPart = tf.sub(tf.mul(v, 2), 1);
  if (count === 0) return linearPart as T;
  const frequencies = tf.tensor1d(Array.from({ length: count }, (_, k) => Math.PI * 2 ** k));
  const angles = tf.mul(v, frequencies);
  return tf.concat([linearPart, tf.sin(angles), tf.cos(angles)], -1) as T;
}

/** The head output of position `p` for its final hidden states `rows` (`[batch, embedDim]`). */
export function headOutput(weights: TransformerWeights, p: number, rows: tf.Tensor2D): tf.Tensor2D {
  const h = weights.heads[p];
  if (!h) throw new RangeError(`position ${p} has no head`);
  return linear(rows, h);
}
