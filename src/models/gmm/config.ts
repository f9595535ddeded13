import { DEFAULT_LATTICE_STEPS } from '../../data/lattice.js';

/**
 * How many components a {@link GaussianMixtureGenerator} fits: a number, `'scaled'` (the measured rule
 * {@link scaledComponents} applied to the number of training points) or `'auto'` (candidates around the rule,
 * chosen by the NLL of a validation split carved from the training points).
 *
 * @example
 * ```ts
 * new GaussianMixtureGenerator({ components: 'auto' });
 * ```
 */
export type ComponentCount = number | 'scaled' | 'auto';

/**
 * The full configuration of a {@link GaussianMixtureGenerator} (what `getConfig()` returns and model files hold).
 *
 * @example
 * ```ts
 * const config = new GaussianMixtureGenerator().getConfig();
 * config.restarts; // EM runs per member, the best kept
 * ```
 */
export interface GaussianMixtureConfig {
  /** Coordinates per point. */
  readonly dim: number;
  /** Components per member (see {@link ComponentCount}). */
  readonly components: ComponentCount;
  /**
   * Added to the diagonal of every covariance, as a share of each coordinate's variance over the training
   * points: keeps components from collapsing onto a few points.
   */
  readonly regularization: number;
  /** EM runs per member from different k-means++ seedings; the one with the best training likelihood is kept. */
  readonly restarts: number;
  /** EM stops when the mean log-likelihood per point improves by less than this (nats). */
  readonly tolerance: number;
  /** EM stops after this many iterations at the latest. */
  readonly maxIterations: number;
  /** Independently fitted mixtures averaged with equal weights (an ensemble is itself one mixture). */
  readonly members: number;
  /** Dequantization draws of the training points stacked into one training set (lattice data only). */
  readonly dequantizationDraws: number;
  /** Share of the training points held out to choose `components: 'auto'` (when `fit` is given none). */
  readonly validationFraction: number;
  /**
   * Lattice steps of the data, one per coordinate (`null`: continuous data). The model's support is
   * `[0, 1 + step]` per coordinate. Default: the pointgen lattice for 5-D points, `null` for other dimensions.
   */
  readonly latticeSteps: readonly number[] | null;
  /** Seed of the initialisation and the dequantization noise when `fit` is given none. */
  readonly seed: number;
}

/**
 * Options of the {@link GaussianMixtureGenerator} constructor: any field of the config.
 *
 * @example
 * ```ts
 * new GaussianMixtureGenerator({ components: 20, members: 3 });
 * ```
 */
export type GaussianMixtureOptions = Partial<GaussianMixtureConfig>;

/**
 * Measured on the quiz data (validation split carved from the training points; `bench/gmm-recipes.ts`,
 * table in docs/recipes.md).
 *
 * @example
 * ```ts
 * import { GAUSSIAN_MIXTURE_DEFAULTS, GaussianMixtureGenerator } from 'pointgen';
 * const { restarts } = GAUSSIAN_MIXTURE_DEFAULTS;
 * const single = new GaussianMixtureGenerator({ members: 1, restarts: 2 * restarts });
 * ```
 */
export const GAUSSIAN_MIXTURE_DEFAULTS: GaussianMixtureConfig = Object.freeze({
  dim: 5,
  components: 'scaled',
  regularization: 1e-5,
  restarts: 1,
  tolerance: 1e-3,
  maxIterations: 100,
  members: 3,
  dequantizationDraws: 1,
  validationFraction: 0.1,
  latticeSteps: DEFAULT_LATTICE_STEPS,
  seed: 0,
});

/**
 * The default number of components for `count` training points: 30 at 4000 points, growing with the square
 * root of the count (measured, see docs/recipes.md), between 1 and 200.
 *
 * @example
 * ```ts
 * import { scaledComponents } from 'pointgen';
 * scaledComponents(4000); // 30
 * ```
 */
export function scaledComponents(count: number): number {
  return Math.min(200, Math.max(1, Math.round(30 * Math.sqrt(count / 4000))));
}

const KEYS = new Set(Object.keys(GAUSSIAN_MIXTURE_DEFAULTS));

/**
 * The full configuration for `options`, validated.
 *
 * @throws {RangeError} naming the first bad or unknown field.
 *
 * @example
 * ```ts
 * import { resolveGaussianMixtureConfig } from 'pointgen';
 * resolveGaussianMixtureConfig({ components: 12 }).components; // 12
 * ```
 */
export function resolveGaussianMixtureConfig(
  options: GaussianMixtureOptions = {},
  argument = 'options',
): GaussianMixtureConfig {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${argument}: expected an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new RangeError(`${argument}.${key}: unknown GaussianMixture option`);
  }
  const config = { ...GAUSSIAN_MIXTURE_DEFAULTS, ...options };
  const int = (key: keyof GaussianMixtureConfig, min: number, max: number) => {
    const v = config[key];
    if (!(Number.isInteger(v) && (v as number) >= min && (v as number) <= max)) {
      throw new RangeError(`${argument}.${key}: expected an integer in [${min}, ${max}], got ${String(v)}`);
    }
  };
  const real = (key: keyof GaussianMixtureConfig, lo: number, hi: number) => {
    const v = config[key];
    if (!(typeof v === 'number' && v > lo && v < hi)) {
      throw new RangeError(`${argument}.${key}: expected a number in (${lo}, ${hi}), got ${String(v)}`);
    }
  };
  int('dim', 1, 64);
  if (config.components !== 'scaled' && config.components !== 'auto') int('components', 1, 10000);
  real('regularization', 0, 1);
  int('restarts', 1, 100);
  real('tolerance', 0, 1);
  int('maxIterations', 1, 100000);
  int('members', 1, 100);
  int('dequantizationDraws', 1, 100);
  real('validationFraction', 0, 1);
  int('seed', 0, 2 ** 32 - 1);
  const steps =
    options.latticeSteps === undefined && config.dim !== GAUSSIAN_MIXTURE_DEFAULTS.dim
      ? null
      : config.latticeSteps;
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
