import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../data/rng.js';
import type { DenseWeights } from '../../tf/dense.js';
import type { MaskedTransformerConfig } from './config.js';
import { headWidth, initialHeadBias } from './heads.js';

/** Scale and shift of one layer normalisation. */
export interface LayerNormWeights<T extends tf.Tensor = tf.Variable> {
  readonly gamma: T;
  readonly beta: T;
}

/**
 * Weights of one pre-LayerNorm transformer block: one member's, or every member's stacked along a leading
 * axis (see `stackMembers`).
 */
export interface BlockWeights<T extends tf.Tensor = tf.Variable> {
  readonly norm1: LayerNormWeights<T>;
  /** Joint query/key/value projection, `[embedDim, 3·embedDim]`. */
  readonly qkv: DenseWeights<T>;
  readonly proj: DenseWeights<T>;
  readonly norm2: LayerNormWeights<T>;
  readonly fc1: DenseWeights<T>;
  readonly fc2: DenseWeights<T>;
}

/** All weights of the network, each kept under a stable name for saving (see {@link namedWeights}). */
export interface TransformerWeights {
  /** The learned start token at position 0. */
  readonly start: tf.Variable;
  /**
   * Token embeddings of positions 1…4 (the value of the previous coordinate in the order): one projection of
   * its Fourier features per position, whose bias doubles as the learned position embedding.
   */
  readonly embed: readonly DenseWeights[];
  readonly blocks: readonly BlockWeights[];
  readonly normOut: LayerNormWeights;
  /** One output head per position, giving the parameters of that coordinate's conditional distribution. */
  readonly heads: readonly DenseWeights[];
}

/** Width of a coordinate's Fourier features: the value itself plus a sine and a cosine per frequency. */
export function featureWidth(config: MaskedTransformerConfig): number {
  return 1 + 2 * config.fourierFeatures;
}

/**
 * Shapes of every weight by name, in the fixed order used for training, saving and loading. The single source
 * of truth for what a saved model must contain.
 */
export function weightShapes(config: MaskedTransformerConfig): Array<[string, number[]]> {
  const d = config.embedDim;
  const hidden = Math.round(config.mlpRatio * d);
  const shapes: Array<[string, number[]]> = [['start', [d]]];
  for (let p = 1; p < config.order.length; p++) {
    shapes.push([`embed${p}/w`, [featureWidth(config), d]], [`embed${p}/b`, [d]]);
  }
  for (let l = 0; l < config.layers; l++) {
    const dense = (name: string, inDim: number, outDim: number): Array<[string, number[]]> => [
      [`block${l}/${name}/w`, [inDim, outDim]],
      [`block${l}/${name}/b`, [outDim]],
    ];
    const norm = (name: string): Array<[string, number[]]> => [
      [`block${l}/${name}/gamma`, [d]],
      [`block${l}/${name}/beta`, [d]],
    ];
    shapes.push(
      ...norm('norm1'),
      ...dense('qkv', d, 3 * d),
      ...dense('proj', d, d),
      ...norm('norm2'),
      ...dense('fc1', d, hidden),
      ...dense('fc2', hidden, d),
    );
  }
  shapes.push(['normOut/gamma', [d]], ['normOut/beta', [d]]);
  for (let p = 0; p < config.order.length; p++) {
    const width = headWidth(config, p);
    shapes.push([`head${p}/w`, [d, width]], [`head${p}/b`, [width]]);
  }
  return shapes;
}

/**
 * Fresh weights, drawn from `rng` so that the same seed gives the same network on every backend. Projections
 * are normal with standard deviation 1/√fan-in; the projections that write into the residual stream are scaled
 * down by √(2·layers) (GPT-2), and the output heads start at zero, so the untrained model is uniform on every
 * coordinate's bins.
 */
export function initTransformerWeights(config: MaskedTransformerConfig, rng: Rng): TransformerWeights {
  const values = new Map<string, Float32Array>();
  for (const [name, shape] of weightShapes(config)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    const leaf = name.slice(name.lastIndexOf('/') + 1);
    if (leaf === 'gamma') data.fill(1);
    else if (name === 'start' || (leaf === 'w' && !name.startsWith('head'))) {
      rng.fillNormal(data);
      const fanIn = name === 'start' ? 1 : (shape[0] as number);
      const residual = name.endsWith('/proj/w') || name.endsWith('/fc2/w');
      const scale = (1 / Math.sqrt(fanIn)) * (residual ? 1 / Math.sqrt(2 * config.layers) : 1);
      for (let i = 0; i < size; i++) data[i] = (data[i] as number) * scale;
    } else if (name.startsWith('head') && leaf === 'b') {
      data.set(initialHeadBias(config, Number(name.slice(4, name.indexOf('/')))));
    }
    values.set(name, data);
  }
  return weightsFromValues(config, values);
}

/**
 * Builds the weight variables from named values (checked against {@link weightShapes} by the caller).
 * The variables get no explicit names, so any number of models can live side by side.
 */
export function weightsFromValues(
  config: MaskedTransformerConfig,
  values: ReadonlyMap<string, Float32Array | tf.Tensor>,
): TransformerWeights {
  const shapes = new Map(weightShapes(config));
  const v = (name: string): tf.Variable => {
    const value = values.get(name);
    const shape = shapes.get(name);
    if (value === undefined || shape === undefined) throw new RangeError(`weights: missing ${name}`);
    const initial = value instanceof Float32Array ? tf.tensor(value, shape) : value;
    const variable = tf.variable(initial, true);
    if (value instanceof Float32Array) initial.dispose();
    return variable;
  };
  const dense = (prefix: string): DenseWeights => ({ w: v(`${prefix}/w`), b: v(`${prefix}/b`) });
  const norm = (prefix: string): LayerNormWeights => ({
    gamma: v(`${prefix}/gamma`),
    beta: v(`${prefix}/beta`),
  });
  const positions = config.order.length;
  return {
    start: v('start'),
    embed: Array.from({ length: positions - 1 }, (_, i) => dense(`embed${i + 1}`)),
    blocks: Array.from({ length: config.layers }, (_, l) => ({
      norm1: norm(`block${l}/norm1`),
      qkv: dense(`block${l}/qkv`),
      proj: dense(`block${l}/proj`),
      norm2: norm(`block${l}/norm2`),
      fc1: dense(`block${l}/fc1`),
      fc2: dense(`block${l}/fc2`),
    })),
    normOut: norm('normOut'),
    heads: Array.from({ length: positions }, (_, p) => dense(`head${p}`)),
  };
}

/** Every weight with its stable name, in {@link weightShapes} order. */
export function namedWeights(weights: TransformerWeights): Array<[string, tf.Variable]> {
  const out: Array<[string, tf.Variable]> = [['start', weights.start]];
  weights.embed.forEach((e, i) => {
    out.push([`embed${i + 1}/w`, e.w], [`embed${i + 1}/b`, e.b]);
  });
  weights.blocks.forEach((blk, l) => {
    for (const key of ['norm1', 'qkv', 'proj', 'norm2', 'fc1', 'fc2'] as const) {
      const part = blk[key];
      if ('gamma' in part)
        out.push([`block${l}/${key}/gamma`, part.gamma], [`block${l}/${key}/beta`, part.beta]);
      else out.push([`block${l}/${key}/w`, part.w], [`block${l}/${key}/b`, part.b]);
    }
  });
  out.push(['normOut/gamma', weights.normOut.gamma], ['normOut/beta', weights.normOut.beta]);
  weights.heads.forEach((h, p) => {
    out.push([`head${p}/w`, h.w], [`head${p}/b`, h.b]);
  });
  return out;
}
