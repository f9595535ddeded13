import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';
import type { MaskedTransformerConfig } from './config.js';
import {
  initTransformerWeights,
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
