import { type ConfigOf, integer, number, oneOf, permutation, seedField } from '../../config/fields.js';
import { configSchema } from '../../config/schema.js';
import { ConfigError } from '../../errors.js';
import { type PresetOptions, trainingField } from '../../train/options.js';
import type { ConditionalSampleOptions } from '../conditional.js';
import { DataSpace, latticeStepsField, scaleField } from '../data-space.js';

/**
 * How each coordinate's conditional distribution turns the network's output into bin probabilities (the
 * density is uniform inside each bin either way, so it is exact in data space):
 * - `'logistic-mixture'`: a mixture of logistics integrated over each bin (PixelCNN++'s discretized logistic
 *   mixture). Neighbouring bins share parameters, so it generalises from few points.
 * - `'categorical'`: a free logit per bin. The most flexible, and on 4000 points it memorises them.
 *
 * @example
 * ```ts
 * import { MaskedTransformerGenerator, type TransformerHead } from 'pointgen';
 * const head: TransformerHead = 'categorical'; // for a large data set
 * const model = new MaskedTransformerGenerator({ head });
 * ```
 */
export type TransformerHead = 'logistic-mixture' | 'categorical';

const MASKED_TRANSFORMER_FIELDS = {
  /** Coordinates per point: the length of the generated sequence. */
  dim: integer(1, 64),
  /** Width of every token. */
  embedDim: integer(1, 4096),
  /** Attention heads per block; must divide `embedDim`. */
  heads: integer(1, 256).where((heads, c) =>
    (c.embedDim as number) % heads === 0
      ? undefined
      : `embedDim ${c.embedDim} is not divisible by ${heads} heads`,
  ),
  /** Pre-LayerNorm transformer blocks. */
  layers: integer(1, 64),
  /** Hidden width of each block's feed-forward network, as a multiple of `embedDim` (the product is whole). */
  mlpRatio: number({ above: 0 }).where((ratio, c) =>
    Number.isInteger(ratio * (c.embedDim as number))
      ? undefined
      : `mlpRatio · embedDim must be whole, got ${ratio} · ${c.embedDim}`,
  ),
  /** Dropout on the attention and feed-forward outputs while training (0: none). */
  dropout: number({ from: 0, below: 1 }),
  /**
   * Sine/cosine pairs (frequencies `π·2^k`, `k < fourierFeatures`) with which a coordinate's value is embedded
   * as the next token, so that a small projection can resolve sharp edges in the data.
   */
  fourierFeatures: integer(0, 20),
  /**
   * The order in which coordinates are generated, a permutation of `0 … dim-1`. Conditional sampling fixes a
   * prefix of this order. Default for 5-D points: x, y, b, r, g (`[0, 1, 4, 2, 3]`): blue varies most finely
   * across the quiz image, so it is predicted straight from the position; data order for any other dimension.
   */
  order: permutation('dim').follow(['dim'], (c) => Array.from({ length: c.dim as number }, (_, i) => i)),
  head: oneOf<TransformerHead>(['logistic-mixture', 'categorical']),
  /** Logistics per coordinate when `head` is `'logistic-mixture'`. */
  mixtureComponents: integer(1, 256),
  /**
   * Independently trained transformers whose densities are averaged (an equal-weight mixture): each costs as
   * much to train as a single one, and the average generalises better than any of them.
   */
  members: integer(1, 64),
  /**
   * Lattice steps of the data in its own units, one per coordinate (`null` entries: continuous coordinates;
   * `null`: continuous data), or `'auto'` (the default): found in the training points by the first `fit`
   * (see `detectLattice`), which stores what it found here. `fit` dequantizes by them and `sample` snaps
   * onto them. They are also the output bins (in the unit box), so that each
   * conditional density is piecewise constant on lattice cells: the exact shape of dequantized data.
   */
  latticeSteps: latticeStepsField(),
  /**
   * How the data's units map onto the model's unit box: `'auto'` (the default; the first `fit` fits a box and
   * stores it here as `{ min, max }`), `'none'` (data in [0, 1]) or a box `{ min, max }` (see `Scaler.fit`).
   */
  scale: scaleField(),
  /** Bins per unit of each coordinate when there is no lattice (the support is then `[0, 1]`). */
  resolution: integer(2, 1 << 16),
  /** Seed of the initial weights and of the dropout masks. */
  seed: seedField(),
  /** Defaults of `fit`. */
  training: trainingField(),
};

/**
 * The full configuration of a {@link MaskedTransformerGenerator} (what `getConfig()` returns and files hold).
 *
 * @example
 * ```ts
 * const config = new MaskedTransformerGenerator({ members: 2 }).getConfig();
 * config.order; // [0, 1, 4, 2, 3]
 * ```
 */
export interface MaskedTransformerConfig extends ConfigOf<typeof MASKED_TRANSFORMER_FIELDS> {}

/**
 * Options of the {@link MaskedTransformerGenerator} constructor: a preset and any config field to override.
 *
 * @example
 * ```ts
 * import { MaskedTransformerGenerator, type MaskedTransformerOptions } from 'pointgen';
 * const options: MaskedTransformerOptions = { preset: 'original', members: 2, training: { epochs: 50 } };
 * const model = new MaskedTransformerGenerator(options);
 * ```
 */
export type MaskedTransformerOptions = PresetOptions<MaskedTransformerConfig, MaskedTransformerPreset>;

/**
 * Names of the built-in architectures.
 *
 * @example
 * ```ts
 * import { MASKED_TRANSFORMER_PRESETS, type MaskedTransformerPreset } from 'pointgen';
 * const preset: MaskedTransformerPreset = 'original';
 * MASKED_TRANSFORMER_PRESETS[preset].layers; // 4
 * ```
 */
export type MaskedTransformerPreset = 'default' | 'original';

/**
 * Options of {@link MaskedTransformerGenerator.sample} and `sampleWithLogProb`.
 *
 * @example
 * ```ts
 * import type { MaskedTransformerSampleOptions } from 'pointgen';
 * const sharper: MaskedTransformerSampleOptions = { temperature: 0.8, given: { x: 0.3, y: 0.5 }, seed: 1 };
 * ```
 */
export interface MaskedTransformerSampleOptions extends ConditionalSampleOptions {
  /**
   * Each coordinate's bin probabilities are raised to `1 / temperature` and renormalised: below 1 sharper,
   * above 1 more diverse. Default 1 (the model's own distribution). With several members, each point's member
   * is chosen as at temperature 1 and its conditionals are tempered. `sampleWithLogProb` reports the density of
   * the tempered draws under the model, not under the tempered distribution.
   */
  readonly temperature?: number;
}

const DEFAULT: MaskedTransformerConfig = {
  dim: 5,
  embedDim: 64,
  heads: 4,
  layers: 2,
  mlpRatio: 4,
  dropout: 0,
  fourierFeatures: 6,
  order: [0, 1, 4, 2, 3],
  head: 'logistic-mixture',
  mixtureComponents: 16,
  members: 4,
  latticeSteps: 'auto',
  scale: 'auto',
  resolution: 256,
  seed: 0,
  training: {
    epochs: 34,
    steps: 1050,
    batchSize: 128,
    learningRate: 3e-3,
    schedule: 'cosine',
    warmupSteps: 100,
    minLearningRateFactor: 0.01,
    clipNorm: 0,
    weightDecay: 0.15,
    validationFraction: 0,
    patience: 0,
    emaDecay: 0.995,
  },
};

/**
 * The built-in architectures. `default` is what measurements on the quiz data found best
 * within the time budget (docs/recipes.md has them, with how to rerun them): an ensemble of 4 small
 * transformers (embedding 64, 2 layers, feed-forward 4×) beats one larger transformer of the same cost, and
 * weight decay with an average of the weights keeps it from memorising the few thousand training points.
 * `original` is a single transformer with the seed project's sizes (embedding 128, 4 heads, 4 layers, a
 * feed-forward width of 4× the embedding), for side-by-side runs.
 *
 * @example
 * ```ts
 * import { MASKED_TRANSFORMER_PRESETS, MaskedTransformerGenerator } from 'pointgen';
 * MASKED_TRANSFORMER_PRESETS.original.embedDim; // 128
 * const model = new MaskedTransformerGenerator({ preset: 'original' });
 * ```
 */
export const MASKED_TRANSFORMER_PRESETS: Readonly<Record<MaskedTransformerPreset, MaskedTransformerConfig>> =
  {
    default: DEFAULT,
    original: { ...DEFAULT, embedDim: 128, heads: 4, layers: 4, mlpRatio: 4, members: 1 },
  };

/**
 * The MaskedTransformer config's schema: its fields and presets (see `src/config/schema.ts`).
 *
 * @example
 * ```ts
 * MASKED_TRANSFORMER_SCHEMA.keys; // ['dim', 'embedDim', …, 'training']
 * ```
 */
export const MASKED_TRANSFORMER_SCHEMA = configSchema(
  'MaskedTransformer',
  MASKED_TRANSFORMER_FIELDS,
  MASKED_TRANSFORMER_PRESETS,
);

/**
 * The full configuration for `options`: the preset's, with the options over it, validated.
 *
 * @throws {TypeError} when `options` is not an object.
 * @throws {ConfigError} (a `RangeError`) naming the first bad or unknown field.
 *
 * @example
 * ```ts
 * import { resolveMaskedTransformerConfig } from 'pointgen';
 * resolveMaskedTransformerConfig({ preset: 'original' }).embedDim; // 128
 * ```
 */
export function resolveMaskedTransformerConfig(
  options: MaskedTransformerOptions = {},
  argument = 'options',
): MaskedTransformerConfig {
  return MASKED_TRANSFORMER_SCHEMA.resolve(options, argument);
}

// Finer steps would make over 100 000 output bins per coordinate.
const MIN_BIN_WIDTH = 1e-5;

/** The output bins of coordinate `j`: `count` bins of `width` from 0, covering the model's support. */
export function coordinateBins(config: MaskedTransformerConfig, j: number): { count: number; width: number } {
  // The bins live in the unit box: the data's steps divided by the box's widths. Until `fit` has found the
  // box (scale 'auto'), a step too fine for the provisional unit box is left out; the model makes them again.
  const space = DataSpace.fromFields(config, config.dim);
  const step = space.unitSteps?.[j];
  if (!step || (!space.resolved && step < MIN_BIN_WIDTH)) {
    return { count: config.resolution, width: 1 / config.resolution };
  }
  if (step < MIN_BIN_WIDTH) {
    throw new ConfigError(
      `config.latticeSteps[${j}]`,
      'range',
      `a step of at least ${MIN_BIN_WIDTH} of the coordinate's box (one output bin per step), got ${step} of it`,
    );
  }
  return { count: Math.ceil((1 + step) / step - 1e-6), width: step };
}
