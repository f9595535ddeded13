import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../../tf/dense.js';
import type { KeyValueCache } from './attention.js';
import { transformerBlock } from './block.js';
import type { MaskedTransformerConfig } from './config.js';
import { layerNorm } from './layer-norm.js';
import type { TransformerWeights } from './weights.js';

/**
 * The head outputs of every position for complete points: `values` holds the coordinates in generation order
 * (`[batch, ≥ positions-1]`; the last coordinate is never an input). Position `p` sees the start token and
 * the first `p` coordinates. With `seed`, dropout is on (training).
 */
export function forwardAll(
  weights: TransformerWeights,
  config: MaskedTransformerConfig,
  values: tf.Tensor2D,
  seed?: number,
): tf.Tensor2D[] {
  return tf.tidy(() => {
    const batch = values.shape[0];
    const positions = config.order.length;
    const columns = tf.unstack(values, 1);
    const tokens = Array.from({ length: positions }, (_, p) =>
      embedToken(weights, config, p, columns[p - 1] as tf.Tensor1D | undefined, batch),
    );
    const rows = tf.reshape(tf.stack(tokens, 1), [batch * positions, config.embedDim]) as tf.Tensor2D;
    let h = rows;
    weights.blocks.forEach((block, l) => {
      const options = { batch, heads: config.heads, dropout: config.dropout };
      h = transformerBlock(
        h,
        block,
        seed === undefined ? options : { ...options, seed: seed + 16 * l },
      ).output;
    });
    const normed = tf.reshape(layerNorm(h, weights.normOut), [batch, positions, config.embedDim]);
    return tf.unstack(normed, 1).map((row, p) => head(weights, p, row as tf.Tensor2D));
  });
}

/**
 * Generates positions one at a time, keeping each block's keys and values, so that a batch of points costs one
 * pass per position. Call {@link Decoder.next} with the value just drawn for the previous position (nothing for
 * position 0); it returns the head output of the next position. Dispose when done.
 */
export class Decoder {
  private readonly weights: TransformerWeights;
  private readonly config: MaskedTransformerConfig;
  private readonly batch: number;
  private caches: KeyValueCache[] = [];
  private position = 0;

  constructor(weights: TransformerWeights, config: MaskedTransformerConfig, batch: number) {
    this.weights = weights;
    this.config = config;
    this.batch = batch;
  }

  /** The head output `[batch, width]` of the next position, given the previous position's values. */
  next(previous?: tf.Tensor1D): tf.Tensor2D {
    const p = this.position;
    if (p >= this.config.order.length) throw new RangeError('Decoder.next: every position is already done');
    if ((p === 0) !== (previous === undefined)) {
      throw new RangeError(
        `Decoder.next: position ${p} ${p === 0 ? 'takes no value' : 'needs the previous value'}`,
      );
    }
    const { output, caches } = tf.tidy(() => {
      let h = embedToken(this.weights, this.config, p, previous, this.batch);
      const caches: KeyValueCache[] = [];
      this.weights.blocks.forEach((block, l) => {
        const past = this.caches[l];
        const options = { batch: this.batch, heads: this.config.heads, dropout: 0 };
        const result = transformerBlock(h, block, past ? { ...options, past } : options);
        h = result.output;
        caches.push(result.cache);
      });
      return { output: head(this.weights, p, layerNorm(h, this.weights.normOut)), caches };
    });
    this.disposeCaches();
    this.caches = caches;
    this.position += 1;
    return output;
  }

  dispose(): void {
    this.disposeCaches();
  }

  private disposeCaches(): void {
    for (const c of this.caches) {
      c.keys.dispose();
      c.values.dispose();
    }
    this.caches = [];
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
    return tf.tile(tf.reshape(weights.start, [1, config.embedDim]), [batch, 1]);
  }
  const embed = weights.embed[p - 1];
  if (!embed) throw new RangeError(`position ${p} has no embedding`);
  return dense(fourierFeatures(previous, config.fourierFeatures), embed.w, embed.b);
}

/** `[2v-1, sin(π 2^k v), cos(π 2^k v)]` for `k < count`: a value's features, `[batch, 1 + 2·count]`. */
function fourierFeatures(v: tf.Tensor1D, count: number): tf.Tensor2D {
  const column = tf.reshape(v, [-1, 1]);
  const linear = tf.sub(tf.mul(column, 2), 1);
  if (count === 0) return linear as tf.Tensor2D;
  const frequencies = tf.tensor2d(
    Array.from({ length: count }, (_, k) => Math.PI * 2 ** k),
    [1, count],
  );
  const angles = tf.mul(column, frequencies);
  return tf.concat([linear, tf.sin(angles), tf.cos(angles)], 1) as tf.Tensor2D;
}

function head(weights: TransformerWeights, p: number, rows: tf.Tensor2D): tf.Tensor2D {
  const h = weights.heads[p];
  if (!h) throw new RangeError(`position ${p} has no head`);
  return dense(rows, h.w, h.b);
}
