import * as tf from '@tensorflow/tfjs-core';
import type { DenseWeights } from '../../tf/dense.js';
import { matMul } from '../../tf/mat-mul.js';
import { type BinnedDistribution, binnedLogDensity } from './binned.js';
import type { MaskedTransformerConfig } from './config.js';
import { hiddenStates } from './network.js';
import type { TransformerWeights } from './weights.js';

/**
 * Log density of each position's coordinate given the earlier ones under each member, `[members, batch, dim]`
 * in generation order, for points `ordered` in generation order. Every member goes through one set of batched
 * kernels, and positions whose distributions have the same bins and head width (x and y; r, g and b) share
 * one batched head product and one evaluation of their distribution: kernel launches, not arithmetic, bound
 * the speed of a training step on small batches.
 */
export function positionLogDensities(
  members: readonly TransformerWeights[],
  config: MaskedTransformerConfig,
  distributions: readonly BinnedDistribution[],
  ordered: tf.Tensor2D,
  dropoutSeed?: number,
): tf.Tensor3D {
  return tf.tidy(() => {
    const m = members.length;
    const batch = ordered.shape[0];
    const d = config.embedDim;
    // [dim, members, batch, d]: position-major, so that a group of positions is one gather and one reshape.
    const hidden = tf.transpose(hiddenStates(members, config, ordered, dropoutSeed), [2, 0, 1, 3]);
    const values = tf.transpose(ordered);
    const rows: tf.Tensor3D[] = [];
    const positions: number[] = [];
    for (const group of groupPositions(distributions)) {
      const dist = distributions[group[0] as number] as BinnedDistribution;
      const g = group.length;
      const pick = <T extends tf.Tensor>(t: T): T => {
        if (g === config.dim) return t;
        // Consecutive positions (the default order's x, y and colours) as a slice: wasm's gather is slow.
        const first = group[0] as number;
        return group.every((p, i) => p === first + i)
          ? (tf.slice(t, [first], [g]) as T)
          : tf.gather(t, group);
      };
      const heads = group.flatMap((p) => members.map((w) => w.heads[p] as DenseWeights));
      const w = tf.stack(heads.map((h) => h.w));
      const b = tf.reshape(tf.stack(heads.map((h) => h.b)), [g * m, 1, dist.outputWidth]);
      const outputs = tf.add(matMul(tf.reshape(pick(hidden), [g * m, batch, d]), w), b);
      const memberValues = tf.tile(tf.reshape(pick(values), [g, 1, batch]), [1, m, 1]);
      const logp = binnedLogDensity(
        dist,
        tf.reshape(outputs, [-1, dist.outputWidth]) as tf.Tensor2D,
        tf.reshape(memberValues, [-1]) as tf.Tensor1D,
      );
      rows.push(tf.reshape(logp, [g, m, batch]) as tf.Tensor3D);
      positions.push(...group);
    }
    const stacked = rows.length === 1 ? (rows[0] as tf.Tensor3D) : tf.concat(rows, 0);
    const inOrder = positions.every((p, i) => p === i)
      ? stacked
      : tf.gather(stacked, inversePermutation(positions));
    return tf.transpose(inOrder, [1, 2, 0]) as tf.Tensor3D;
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
