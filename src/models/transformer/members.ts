import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';
import type { DenseWeights } from '../../tf/dense.js';
import type { MaskedTransformerConfig } from './config.js';
import {
  type BlockWeights,
  featureWidth,
  initTransformerWeights,
  type LayerNormWeights,
  namedWeights,
  type TransformerWeights,
  weightShapes,
  weightsFromValues,
} from './weights.js';

/**
 * A model with `members > 1` is an equal-weight mixture of independently trained transformers (an ensemble):
 * its density is the mean of theirs, which averages out the idiosyncrasies each one learns from few points.
 * Their weights are saved under `member<m>/`; a single network's have no prefix.
 */
function prefix(config: MaskedTransformerConfig, m: number): string {
  return config.members > 1 ? `member${m}/` : '';
}

/** Names and shapes of every weight of every member, in saving order. */
export function memberWeightShapes(config: MaskedTransformerConfig): Array<[string, number[]]> {
  return Array.from({ length: config.members }, (_, m) =>
    weightShapes(config).map(([name, shape]): [string, number[]] => [prefix(config, m) + name, shape]),
  ).flat();
}

/** Fresh members, each initialised from its own stream of `rng`. */
export function initMembers(config: MaskedTransformerConfig, rng: Rng): TransformerWeights[] {
  return Array.from({ length: config.members }, () => initTransformerWeights(config, rng.fork()));
}

/** Members from named values (checked against {@link memberWeightShapes} by the caller). */
export function membersFromValues(
  config: MaskedTransformerConfig,
  values: ReadonlyMap<string, Float32Array>,
): TransformerWeights[] {
  return Array.from({ length: config.members }, (_, m) => {
    const own = new Map<string, Float32Array>();
    for (const [name] of weightShapes(config)) {
      const value = values.get(prefix(config, m) + name);
      if (value) own.set(name, value);
    }
    return weightsFromValues(config, own);
  });
}

/** Every weight of every member with its saved name. */
export function namedMemberWeights(
  config: MaskedTransformerConfig,
  members: readonly TransformerWeights[],
): Array<[string, tf.Variable]> {
  return members.flatMap((weights, m) =>
    namedWeights(weights).map(([name, v]): [string, tf.Variable] => [prefix(config, m) + name, v]),
  );
}

/**
 * Every member's weights stacked along a new leading axis, so that one batched kernel computes all members
 * (kernel launches, not arithmetic, bound a training step on wasm): dense layers `w` `[members, in, out]`, `b`
 * `[members, 1, out]`, layer norms `[members, 1, d]`, the start tokens `[members, 1, 1, d]` and the
 * embeddings of positions 1… `w` `[members, positions, features, d]`, `b` `[members, positions, 1, d]`.
 */
export interface StackedWeights {
  readonly members: number;
  readonly start: tf.Tensor;
  readonly embed: DenseWeights<tf.Tensor>;
  readonly blocks: readonly BlockWeights<tf.Tensor>[];
  readonly normOut: LayerNormWeights<tf.Tensor>;
}

/**
 * The members' weights as {@link StackedWeights} (one `Pack` per weight, whose gradient unstacks it: a few
 * dozen kernels where computing each member apart costs a full set of kernels per member).
 */
export function stackMembers(
  config: MaskedTransformerConfig,
  members: readonly TransformerWeights[],
): StackedWeights {
  const m = members.length;
  const d = config.embedDim;
  const stack = (pick: (w: TransformerWeights) => tf.Tensor[], shape: number[]): tf.Tensor => {
    const parts = members.flatMap(pick);
    return tf.reshape(parts.length === 1 ? (parts[0] as tf.Tensor) : tf.stack(parts), shape);
  };
  const dense = (pick: (w: TransformerWeights) => DenseWeights<tf.Tensor>): DenseWeights<tf.Tensor> => {
    const [inDim, outDim] = pick(members[0] as TransformerWeights).w.shape as [number, number];
    return { w: stack((w) => [pick(w).w], [m, inDim, outDim]), b: stack((w) => [pick(w).b], [m, 1, outDim]) };
  };
  const norm = (
    pick: (w: TransformerWeights) => LayerNormWeights<tf.Tensor>,
  ): LayerNormWeights<tf.Tensor> => ({
    gamma: stack((w) => [pick(w).gamma], [m, 1, d]),
    beta: stack((w) => [pick(w).beta], [m, 1, d]),
  });
  const positions = config.dim - 1;
  return {
    members: m,
    start: stack((w) => [w.start], [m, 1, 1, d]),
    embed: {
      w: stack((w) => w.embed.map((e) => e.w), [m, positions, featureWidth(config), d]),
      b: stack((w) => w.embed.map((e) => e.b), [m, positions, 1, d]),
    },
    blocks: (members[0] as TransformerWeights).blocks.map((_, l) => ({
      norm1: norm((w) => (w.blocks[l] as BlockWeights).norm1),
      qkv: dense((w) => (w.blocks[l] as BlockWeights).qkv),
      proj: dense((w) => (w.blocks[l] as BlockWeights).proj),
      norm2: norm((w) => (w.blocks[l] as BlockWeights).norm2),
      fc1: dense((w) => (w.blocks[l] as BlockWeights).fc1),
      fc2: dense((w) => (w.blocks[l] as BlockWeights).fc2),
    })),
    normOut: norm((w) => w.normOut),
  };
}

/**
 * A member for each point: uniformly, or, given each member's log-likelihood of what is already fixed about
 * each point (`logLikelihoods[m][i]`), from the posterior over members, so that conditional draws come from
 * the mixture's own conditional distribution.
 */
export function chooseMembers(
  count: number,
  members: number,
  rng: Rng,
  logLikelihoods?: readonly Float32Array[],
): Uint32Array {
  const chosen = new Uint32Array(count);
  if (members === 1) return chosen;
  const posterior = new Float64Array(members);
  for (let i = 0; i < count; i++) {
    if (!logLikelihoods) {
      chosen[i] = rng.int(members);
      continue;
    }
    memberPosterior(logLikelihoods, i, posterior);
    let rest = rng.uniform();
    let m = 0;
    while (m < members - 1 && rest >= (posterior[m] as number)) {
      rest -= posterior[m] as number;
      m += 1;
    }
    chosen[i] = m;
  }
  return chosen;
}

/**
 * Each member's posterior probability for point `i`, from the members' log-likelihoods of what is fixed about
 * it (`logLikelihoods[m][i]`), written into `out` (one value per member).
 */
export function memberPosterior(logLikelihoods: readonly Float32Array[], i: number, out: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let m = 0; m < out.length; m++) max = Math.max(max, logLikelihoods[m]?.[i] as number);
  let total = 0;
  for (let m = 0; m < out.length; m++) {
    out[m] = Math.exp((logLikelihoods[m]?.[i] as number) - max);
    total += out[m] as number;
  }
  for (let m = 0; m < out.length; m++) out[m] = (out[m] as number) / total;
}
