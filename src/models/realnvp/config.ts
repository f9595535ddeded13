import { DEFAULT_LATTICE_STEPS } from '../../data/lattice.js';
import { checkTrainingConfig, type TrainingConfig } from '../../train/options.js';

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

/**
 * The full configuration of a {@link RealNVPGenerator} (what `getConfig()` returns and model files hold).
 *
 * @example
 * ```ts
 * const config = new RealNVPGenerator({ couplings: 10 }).getConfig();
 * config.hidden; // the default width
 * ```
 */
export interface RealNVPConfig {
  /** Coordinates per point. */
  readonly dim: number;
  /** Number of coupling layers. */
  readonly couplings: number;
  /**
   * `'affine'`: RealNVP's `x · exp(s) + t`; `'spline'`: monotone rational-quadratic splines (Neural Spline
   * Flows), more flexible per layer, about twice the cost per step.
   */
  readonly transform: CouplingKind;
  /** Spline pieces per coordinate (spline couplings). */
  readonly bins: number;
  /** Splines act on `[-splineBound, splineBound]` and are the identity outside (spline couplings). */
  readonly splineBound: number;
  /** Width of the hidden layers of each coupling network. */
  readonly hidden: number;
  /** Hidden layers per coupling network. */
  readonly depth: number;
  readonly activation: Activation;
  /**
   * `'alternate'`: the original masks (odd coordinates, then even ones); `'permutation'`: a random permutation
   * before each coupling; `'rotation'`: a random rotation before each coupling (mixes all coordinates at once).
   */
  readonly mixing: MixingKind;
  /** ActNorm (per-coordinate scale and shift, initialised from the data) after the logit and after each coupling. */
  readonly actnorm: boolean;
  /** Log-scales are soft-clamped to (−c, c) by `c · tanh(s / c)`. */
  readonly logScaleClamp: number;
  /** The logit maps the support onto `[alpha, 1 − alpha]` before taking `log(y / (1 − y))`. */
  readonly logitAlpha: number;
  /**
   * Lattice steps of the data, one per coordinate (`null`: continuous data). The model's support is
   * `[0, 1 + step]` per coordinate, the range of dequantized data. Default: the pointgen lattice
   * (1/300, 1/300, 1/255, 1/255, 1/255) for 5-D points, `null` for any other dimension.
   */
  readonly latticeSteps: readonly number[] | null;
  /** Seed of the initial weights and of the mixing matrices. */
  readonly seed: number;
  /** Defaults of `fit`. */
  readonly training: TrainingConfig;
}

/**
 * Options of the {@link RealNVPGenerator} constructor: a preset, and any field of the config to override it.
 *
 * @example
 * ```ts
 * new RealNVPGenerator({ preset: 'original', training: { epochs: 10 } });
 * ```
 */
export type RealNVPOptions = Partial<Omit<RealNVPConfig, 'training'>> & {
  /** Start from this preset (default `'default'`). */
  readonly preset?: RealNVPPreset;
  readonly training?: Partial<TrainingConfig>;
};

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
 * The default recipe, chosen by measurement on the quiz data (holdout protocol, test NLL in nats/point): spline
 * couplings (affine ones plateau near −7.18), permutations rather than rotations between couplings (the π's
 * strokes are axis-aligned and rotations blur its edges: −7.39 against −7.31), and two regularizers against
 * overfitting a few thousand points: jitter (Gaussian smoothing noise on the training points, 0.003 beat 0.002,
 * 0.004 and 0.008) and an exponential moving average of the weights. Six couplings or hidden width 96 cost
 * 0.02–0.05 nats.
 *
 * Training schedule (wasm, CPU seconds of the fit, seed 0 unless said; Nov 2026, on the faster training step):
 * the former 100 epochs at 2e-3 with 50 warm-up steps gave −7.448 in 130 s, −7.19 after 28.7 s. At 3e-3 the
 * test NLL peaks near epoch 60–75 (−7.476) and slides to −7.452 by epoch 100: a 70-epoch cosine at 3e-3 ends
 * near the peak, −7.460 in 92.5 s (fit seed 1: −7.433); with 20 warm-up steps −7.467 in 93 s, −7.19 after
 * 15.9 s (fit seed 1: −7.465 in 97 s, −7.19 after 14.0 s; the former default with fit seed 1: −7.453 in
 * 136 s). Worse: 4e-3 (−7.430), 60 epochs (−7.450), batch 384 (−7.447 in 106 s), batch 512
 * (−7.433), 12 bins (−7.460), 10 couplings (−7.459 in 95 s). MMD ratio over sample seeds 1–4 (4000 draws):
 * 1.08–1.35, mean 1.20 (fit seed 1: 1.07–1.20, 1.12).
 *
 * No validation hold-out: early stopping on 5% with patience 10 stopped too soon on the quiz data (−7.419,
 * −7.432 for fit seeds 0 and 1) and 10% cost 0.014 nats (−7.446). On the built-in colour π (a smoother density,
 * which this flow starts to overfit after about 30 epochs) a hold-out pays: 10% with patience 10 ends at
 * −6.303 (best epoch −6.308) where this recipe, on every point, ends at −6.214 (best −6.312, epoch 28): pass
 * `validation: 0.1, patience: 10` to `fit` for such data.
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
  latticeSteps: DEFAULT_LATTICE_STEPS,
  seed: 0,
  training: {
    epochs: 70,
    steps: 1120,
    batchSize: 256,
    learningRate: 3e-3,
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

const KEYS = new Set<string>([...Object.keys(DEFAULT), 'preset']);
const ACTIVATIONS: readonly Activation[] = ['relu', 'elu', 'tanh', 'swish'];
const MIXINGS: readonly MixingKind[] = ['alternate', 'permutation', 'rotation'];
const TRANSFORMS: readonly CouplingKind[] = ['affine', 'spline'];

/**
 * The full configuration for `options`, validated.
 *
 * @throws {RangeError} naming the first bad or unknown field.
 *
 * @example
 * ```ts
 * import { resolveRealNVPConfig } from 'pointgen';
 * resolveRealNVPConfig({ preset: 'original' }).couplings; // 6
 * ```
 */
export function resolveRealNVPConfig(options: RealNVPOptions = {}, argument = 'options'): RealNVPConfig {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${argument}: expected an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new RangeError(`${argument}.${key}: unknown RealNVP option`);
  }
  const preset = options.preset ?? 'default';
  const base = REALNVP_PRESETS[preset];
  if (!base)
    throw new RangeError(`${argument}.preset: expected 'default' or 'original', got ${String(preset)}`);
  const { preset: _, training, ...rest } = options;
  const config: RealNVPConfig = {
    ...base,
    ...rest,
    training: checkTrainingConfig({ ...base.training, ...training }, `${argument}.training`),
  };
  const int = (key: 'dim' | 'couplings' | 'hidden' | 'depth' | 'bins', min: number, max: number) => {
    const v = config[key];
    if (!(Number.isInteger(v) && v >= min && v <= max)) {
      throw new RangeError(`${argument}.${key}: expected an integer in [${min}, ${max}], got ${String(v)}`);
    }
  };
  int('dim', 2, 64);
  int('couplings', 1, 64);
  int('hidden', 1, 4096);
  int('depth', 1, 16);
  int('bins', 2, 64);
  if (!TRANSFORMS.includes(config.transform)) {
    throw new RangeError(
      `${argument}.transform: expected one of ${TRANSFORMS.join(', ')}, got ${String(config.transform)}`,
    );
  }
  if (!(typeof config.splineBound === 'number' && config.splineBound > 0 && config.splineBound <= 50)) {
    throw new RangeError(
      `${argument}.splineBound: expected a number in (0, 50], got ${String(config.splineBound)}`,
    );
  }
  if (!ACTIVATIONS.includes(config.activation)) {
    throw new RangeError(
      `${argument}.activation: expected one of ${ACTIVATIONS.join(', ')}, got ${String(config.activation)}`,
    );
  }
  if (!MIXINGS.includes(config.mixing)) {
    throw new RangeError(
      `${argument}.mixing: expected one of ${MIXINGS.join(', ')}, got ${String(config.mixing)}`,
    );
  }
  if (typeof config.actnorm !== 'boolean') {
    throw new RangeError(`${argument}.actnorm: expected a boolean, got ${String(config.actnorm)}`);
  }
  if (!(typeof config.logScaleClamp === 'number' && config.logScaleClamp > 0 && config.logScaleClamp <= 20)) {
    throw new RangeError(
      `${argument}.logScaleClamp: expected a number in (0, 20], got ${String(config.logScaleClamp)}`,
    );
  }
  if (!(typeof config.logitAlpha === 'number' && config.logitAlpha > 0 && config.logitAlpha < 0.5)) {
    throw new RangeError(
      `${argument}.logitAlpha: expected a number in (0, 0.5), got ${String(config.logitAlpha)}`,
    );
  }
  if (!(Number.isInteger(config.seed) && config.seed >= 0 && config.seed < 2 ** 32)) {
    throw new RangeError(`${argument}.seed: expected an integer in [0, 2^32), got ${String(config.seed)}`);
  }
  const steps = options.latticeSteps === undefined && config.dim !== base.dim ? null : config.latticeSteps;
  if (steps !== null) {
    const ok =
      Array.isArray(steps) &&
      steps.length === config.dim &&
      steps.every((s) => typeof s === 'number' && s > 0 && s <= 0.5);
    if (!ok) {
      throw new RangeError(
        `${argument}.latticeSteps: expected null or ${config.dim} steps in (0, 0.5], got ${JSON.stringify(steps)}`,
      );
    }
  }
  return { ...config, latticeSteps: steps === null ? null : Object.freeze([...steps]) };
}
