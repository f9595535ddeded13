import * as tf from '@tensorflow/tfjs-core';
import { matMul } from '../../tf/mat-mul.js';
import { type BinnedDistribution, binnedLogDensity } from './binned.js';
import type { MaskedTransformerConfig } from './config.js';
import { hiddenStates } from './network.js';
import type { TransformerWeights } from './weights.js';

/**
 * Log density of each position's coordinate given the earlier ones, `[batch, dim]` in generation order, for
 * points `ordered` in generation order. Positions whose distributions have the same bins and head width (x and
 * y; r, g and b) share one batched head product and one evaluation of their distribution, which keeps the
 * number of kernels per training step (what bounds its speed on small batches) low.
 */
export function positionLogDensities(
  weights: TransformerWeights,
  config: MaskedTransformerConfig,
  distributions: readonly BinnedDistribution[],
  ordered: tf.Tensor2D,
  dropoutSeed?: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const batch = ordered.shape[0];
    const hidden = tf.transpose(hiddenStates(weights, config, ordered, dropoutSeed), [1, 0, 2]);
    const values = tf.transpose(ordered);
    const rows: tf.Tensor2D[] = [];
    const positions: number[] = [];
    for (const group of groupPositions(distributions)) {
      const dist = distributions[group[0] as number] as BinnedDistribution;
      const pick = <T extends tf.Tensor>(t: T): T => (group.length === config.dim ? t : tf.gather(t, group));
      const w = tf.stack(group.map((p) => weights.heads[p]?.w as tf.Tensor));
      const b = tf.expandDims(tf.stack(group.map((p) => weights.heads[p]?.b as tf.Tensor)), 1);
      const outputs = tf.reshape(tf.add(matMul(pick(hidden), w), b), [
        group.length * batch,
        dist.outputWidth,
      ]);
      const logp = binnedLogDensity(
        dist,
        outputs as tf.Tensor2D,
        tf.reshape(pick(values), [-1]) as tf.Tensor1D,
      );
      rows.push(tf.reshape(logp, [group.length, batch]) as tf.Tensor2D);
      positions.push(...group);
    }
    const stacked = rows.length === 1 ? (rows[0] as tf.Tensor2D) : tf.concat(rows, 0);
    const inOrder = positions.every((p, i) => p === i)
      ? stacked
      : tf.gather(stacked, inversePermutation(positions));
    return tf.transpose(inOrder) as tf.Tensor2D;
  });
}

/** Positions grouped by identical distributions (same bins, same width of head output), in first-seen order. */
function groupPositions(distributions: readonly BinnedDistribution[]): number[][] {
  const groups = new Map<string, number[]>();
  distributions.forEach((d, p) => {
    const key = `${d.constructor.name}/${d.count}/${d.width}/${d.outputWidth}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  });
  return [...groups.values()];
}

function inversePermutation(permutation: readonly number[]): number[] {
  const inverse = new Array<number>(permutation.length);
  permutation.forEach((p, i) => {
    inverse[p] = i;
  });
  return inverse;
}
