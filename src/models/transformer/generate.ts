import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';
import type { BinnedDistribution } from './binned.js';
import type { MaskedTransformerConfig } from './config.js';
import { Decoder } from './network.js';
import type { TransformerWeights } from './weights.js';

/**
 * Draws `count` points coordinate by coordinate in generation order, one decoder pass per position for the
 * whole batch. `prefix` holds the values of the first `prefix.length` positions (generation order), which
 * are fed in rather than drawn. Returns the points in data order, row-major.
 */
export function generate(
  weights: TransformerWeights,
  config: MaskedTransformerConfig,
  distributions: readonly BinnedDistribution[],
  count: number,
  rng: Rng,
  temperature: number,
  prefix: readonly Float32Array[] = [],
): Float32Array {
  const { dim, order } = config;
  const out = new Float32Array(count * dim);
  if (count === 0) return out;
  const decoder = new Decoder(weights, config, count);
  let previous: tf.Tensor1D | undefined;
  try {
    for (let p = 0; p < dim; p++) {
      const head = decoder.next(previous);
      let column = prefix[p];
      if (column === undefined) {
        const dist = distributions[p] as BinnedDistribution;
        column = dist.sample(
          rowsFor(head.dataSync() as Float32Array, dist.outputWidth, count),
          rng,
          temperature,
        );
      }
      head.dispose();
      const j = order[p] as number;
      for (let i = 0; i < count; i++) out[i * dim + j] = column[i] as number;
      previous?.dispose();
      previous = p + 1 < dim ? tf.tensor1d(column) : undefined;
    }
  } finally {
    previous?.dispose();
    decoder.dispose();
  }
  return out;
}

/**
 * The head outputs (`count × width`, row-major) of position `prefix.length` of the generation order, with the
 * prefix's values fed in: the parameters of the next coordinate's conditional distribution given the prefix.
 */
export function nextHeadRows(
  weights: TransformerWeights,
  config: MaskedTransformerConfig,
  width: number,
  count: number,
  prefix: readonly Float32Array[],
): Float32Array {
  const decoder = new Decoder(weights, config, count);
  try {
    let head = decoder.next();
    for (const column of prefix) {
      head.dispose();
      const previous = tf.tensor1d(column);
      head = decoder.next(previous);
      previous.dispose();
    }
    const rows = rowsFor(head.dataSync() as Float32Array, width, count);
    head.dispose();
    return rows;
  } finally {
    decoder.dispose();
  }
}

/** `count` rows of head outputs: the decoder's own, or its single shared row repeated. */
function rowsFor(values: Float32Array, width: number, count: number): Float32Array {
  if (values.length === width * count) return values;
  const rows = new Float32Array(width * count);
  for (let i = 0; i < count; i++) rows.set(values.subarray(0, width), i * width);
  return rows;
}
