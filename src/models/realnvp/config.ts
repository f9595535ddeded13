import { boolean, type ConfigOf, integer, number, oneOf, seedField } from '../../config/fields.js';
import { configSchema } from '../../config/schema.js';
import { type PresetOptions, trainingField } from '../../train/options.js';
import { latticeStepsField, scaleField } from '../data-space.js';

/**
 * How the coordinates are mixed before each coupling, so that every coordinate gets transformed.
 *
 * @example
 * ```ts
 * new RealNVPGenerator({ mixing: 'permutation' });
 * ```
 */
export type MixingKind = 'alternate' | 'permutation' | 'rotation';

/**
 * What a coupling does to the coordinates it transforms.
 *
 * @example
 * ```ts
 * new RealNVPGenerator({ transform: 'spline', bins: 8 });
 * ```
 */
export type CouplingKind = 'affine' | 'spline';

/**
 * Non-linearity of the coupling networks.
 *
 * @example
 * ```ts
 * new RealNVPGenerator({ activation: 'elu' });
 * ```
 */
export type Activation = 'relu' | 'elu' | 'tanh' | 'swish';

const REALNVP_FIELDS = {
  /** Coordinates per point. */
  dim: integer(2, 64),
  /** Number of coupling layers. */
  couplings: integer(1, 64),
  /**
   * `'affine'`: RealNVP's `x · exp(s) + t`; `'spline'`: monotone rational-quadratic splines (Neural Spline
   * Flows), more flexible per layer and costlier per step (`npm run bench -- realnvp` times both).
   */
  transform: oneOf<CouplingKind>(['affine', 'spline']),
  /** Spline pieces per coordinate (spline couplings). */
  bins: integer(2, 64),
  /** Splines act on `[-splineBound, splineBound]` and are the identity outside (spline couplings). */
  splineBound: number({ above: 0, to: 50 }),
  /** Width of the hidden layers of each coupling network. */
  hidden: integer(1, 4096),
  /** Hidden layers per coupling network. */
  depth: integer(1, 16),
  activation: oneOf<Activation>(['relu', 'elu', 'tanh', 'swish']),
  /**
   * `'alternate'`: the original masks (odd coordinates, then even ones); `'permutation'`: a random permutation
   * before each coupling; `'rotation'`: a random rotation before each coupling (mixes all coordinates at once).
   */
  mixing: oneOf<MixingKind>(['alternate', 'permutation', 'rotation']),
  /** ActNorm (per-coordinate scale and shift, initialised from the data) after the logit and after each coupling. */
  actnorm: boolean(),
  /** Log-scales are soft-clamped to (−c, c) by `c · tanh(s / c)`. */
  logScaleClamp: number({ above: 0, to: 20 }),
  /** The logit maps the support onto `[alpha, 1 − alpha]` before taking `log(y / (1 − y))`. */
  logitAlpha: number({ above: 0, below: 0.5 }),
  /**
   * Lattice steps of the data in its own units, one per coordinate (`null` entries: continuous coordinates;
   * `null`: continuous data), or `'auto'` (the default): found in the training points by the first `fit`
   * (see `detectLattice`), which stores what it found here. `fit` dequantizes by them and `sample` snaps
   * onto them.
   */
  latticeSteps: latticeStepsField(),
  /**
   * How the data's units map onto the model's unit box: `'auto'` (the default; the first `fit` fits a box and
   * stores it here as `{ min, max }`), `'none'` (data in [0, 1]) or a box `{ min, max }` (see `Scaler.fit`).
   */
  scale: scaleField(),
  /** Seed of the initial weights and of the mixing matrices. */
  seed: seedField(),
  /** Defaults of `fit`. */
  training: trainingField(),
};

/**
 * The full configuration of a {@link RealNVPGenerator} (what `getConfig()` returns and model files hold).
 *
 * @example
 * ```ts
 * const config = new RealNVPGenerator({ couplings: 10 }).getConfig();
 * config.hidden; // the default width
 * ```
 */
export interface RealNVPConfig extends ConfigOf<typeof REALNVP_FIELDS> {}

/**
 * Options of the {@link RealNVPGenerator} constructor: a preset, and any field of the config to override it.
 *
 * @example
 * ```ts
 * new RealNVPGenerator({ preset: 'original', training: { epochs: 10 } });
 * ```
 */
export type RealNVPOptions = PresetOptions<RealNVPConfig, RealNVPPreset>;

/**
 * Names of the built-in recipes.
 *
 * @example
 * ```ts
 * new RealNVPGenerator({ preset: 'original' });
 * ```
 */
export type RealNVPPreset = 'default' | 'original';

/**
 * The default recipe, chosen by measurements on the quiz data (docs/recipes.md has them, with how to rerun
 * them): spline couplings with permutations between them (the π's strokes are axis-aligned, which
 * rotations blur), and two regularizers against overfitting a few thousand points: jitter and an exponential
 * moving average of the weights. No validation hold-out by default: on the quiz data early stopping cost more
 * than it saved; on smoother data pass `validation: 0.1, patience: 10` to `fit`.
 */
const DEFAULT: RealNVPConfig = {
  dim: 5,
  couplings: 8,
  transform: 'spline',
  bins: 8,
  splineBound: 4,
  hidden: 128,
  depth: 2,
  activation: 'relu',
  mixing: 'permutation',
  actnorm: true,
  logScaleClamp: 3,
  logitAlpha: 1e-3,
  latticeSteps: 'auto',
  scale: 'auto',
  seed: 0,
  training: {
    epochs: 70,
    steps: 700,
    batchSize: 256,
    learningRate: 4e-3,
    schedule: 'cosine',
    warmupSteps: 20,
    minLearningRateFactor: 0.01,
    clipNorm: 10,
    weightDecay: 0,
    validationFraction: 0,
    patience: 0,
    emaDecay: 0.995,
    jitter: 0.003,
  },
};

/**
 * The built-in recipes. `original` is the seed project's RealNVP (6 couplings with alternating masks, hidden
 * 256, batch 64, Adam at a constant 1e-3 for 50 epochs), kept for side-by-side comparisons.
 *
 * @example
 * ```ts
 * import { REALNVP_PRESETS } from 'pointgen';
 * REALNVP_PRESETS.original.training.batchSize; // 64
 * ```
 */
export const REALNVP_PRESETS: Readonly<Record<RealNVPPreset, RealNVPConfig>> = {
  default: DEFAULT,
  original: {
    ...DEFAULT,
    couplings: 6,
    transform: 'affine',
    hidden: 256,
    depth: 2,
    activation: 'relu',
    mixing: 'alternate',
    actnorm: false,
    training: {
      ...DEFAULT.training,
      steps: undefined,
      epochs: 50,
      batchSize: 64,
      learningRate: 1e-3,
      schedule: 'constant',
      warmupSteps: 0,
      clipNorm: 0,
      validationFraction: 0,
      emaDecay: 0,
      jitter: 0,
    },
  },
};

/**
 * The RealNVP config's schema: its fields and presets (see `src/config/schema.ts`).
 *
 * @example
 * ```ts
 * REALNVP_SCHEMA.keys; // ['dim', 'couplings', …, 'training']
 * ```
 */
export const REALNVP_SCHEMA = configSchema('RealNVP', REALNVP_FIELDS, REALNVP_PRESETS);

/**
 * The full configuration for `options`: the preset's, with the options over it, validated.
 *
 * @throws {TypeError} when `options` is not an object.
 * @throws {ConfigError} (a `RangeError`) naming the first bad or unknown field.
 *
 * @example
 * ```ts
 * import { resolveRealNVPConfig } from 'pointgen';
 * resolveRealNVPConfig({ preset: 'original' }).couplings; // 6
 * ```
 */
export function resolveRealNVPConfig(options: RealNVPOptions = {}, argument = 'options'): RealNVPConfig {
  return REALNVP_SCHEMA.resolve(options, argument);
}
