import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';
import { type BinnedDistribution, binnedLogDensity } from './binned.js';
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
 * Walks one network through a prefix of the generation order (`prefix[p]`: the values of position `p` for
 * `count` points): the log-likelihood of each point's prefix and, with `withNext`, the head outputs
 * (`count × width`, row-major) of the next position, the parameters of the next coordinate's conditional
 * distribution (`null` without `withNext` or when the prefix is complete). The decoder takes the last
 * prefix value only when the next position is wanted.
 */
export function decodePrefix(
  weights: TransformerWeights,
  config: MaskedTransformerConfig,
  distributions: readonly BinnedDistribution[],
  count: number,
  prefix: readonly Float32Array[],
  withNext: boolean,
): { logLikelihood: Float32Array; next: Float32Array | null } {
  const decoder = new Decoder(weights, config, count);
  const nextDist = withNext ? distributions[prefix.length] : undefined;
  let logLikelihood = tf.zeros([count]) as tf.Tensor1D;
  let head: tf.Tensor2D | null = decoder.next();
  try {
    for (const [p, column] of prefix.entries()) {
      const values = tf.tensor1d(column);
      const current = head as tf.Tensor2D;
      const sum = tf.tidy(() => {
        const dist = distributions[p] as BinnedDistribution;
        const rows = tf.broadcastTo(current, [count, dist.outputWidth]) as tf.Tensor2D;
        return tf.add(logLikelihood, binnedLogDensity(dist, rows, values)) as tf.Tensor1D;
      });
      logLikelihood.dispose();
      logLikelihood = sum;
      current.dispose();
      head = p + 1 < prefix.length || nextDist ? decoder.next(values) : null;
      values.dispose();
    }
    const next =
      nextDist && head ? rowsFor(head.dataSync() as Float32Array, nextDist.outputWidth, count) : null;
    return { logLikelihood: Float32Array.from(logLikelihood.dataSync()), next };
  } finally {
    head?.dispose();
    logLikelihood.dispose();
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
