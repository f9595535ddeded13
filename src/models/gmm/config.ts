import { type ConfigOf, either, integer, number, oneOf, seedField } from '../../config/fields.js';
import { configSchema } from '../../config/schema.js';
import { latticeStepsField, scaleField } from '../data-space.js';

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

const GAUSSIAN_MIXTURE_FIELDS = {
  /** Coordinates per point. */
  dim: integer(1, 64),
  /** Components per member (see {@link ComponentCount}). */
  components: either(integer(1, 10000), oneOf(['scaled', 'auto'])),
  /**
   * Added to the diagonal of every covariance, as a share of each coordinate's variance over the training
   * points: keeps components from collapsing onto a few points.
   */
  regularization: number({ above: 0, below: 1 }),
  /** EM runs per member from different k-means++ seedings; the one with the best training likelihood is kept. */
  restarts: integer(1, 100),
  /** EM stops when the mean log-likelihood per point improves by less than this (nats). */
  tolerance: number({ above: 0, below: 1 }),
  /** EM stops after this many iterations at the latest. */
  maxIterations: integer(1, 100000),
  /** Independently fitted mixtures averaged with equal weights (an ensemble is itself one mixture). */
  members: integer(1, 100),
  /** Dequantization draws of the training points stacked into one training set (lattice data only). */
  dequantizationDraws: integer(1, 100),
  /** Share of the training points held out to choose `components: 'auto'` (when `fit` is given none). */
  validationFraction: number({ above: 0, below: 1 }),
  /**
   * Lattice steps of the data in its own units, one per coordinate (`null` entries: continuous coordinates;
   * `null`: continuous data), or `'auto'` (the default): found in the training points by the first `fit`
   * (see `detectLattice`), which stores what it found here. `fit` dequantizes by them, the density lives on
   * the dequantized support and `sample` snaps onto them.
   */
  latticeSteps: latticeStepsField(),
  /**
   * How the data's units map onto the unit box the mixture is fitted in: `'auto'` (the default; the first
   * `fit` fits a box and stores it here as `{ min, max }`), `'none'` (data in [0, 1]) or a box `{ min, max }`.
   */
  scale: scaleField(),
  /** Seed of the initialisation and the dequantization noise when `fit` is given none. */
  seed: seedField(),
};

/**
 * The full configuration of a {@link GaussianMixtureGenerator} (what `getConfig()` returns and model files hold).
 *
 * @example
 * ```ts
 * const config = new GaussianMixtureGenerator().getConfig();
 * config.restarts; // EM runs per member, the best kept
 * ```
 */
export interface GaussianMixtureConfig extends ConfigOf<typeof GAUSSIAN_MIXTURE_FIELDS> {}

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
  latticeSteps: 'auto',
  scale: 'auto',
  seed: 0,
});

/**
 * The Gaussian mixture config's schema: its fields and its one preset (see `src/config/schema.ts`).
 *
 * @example
 * ```ts
 * GAUSSIAN_MIXTURE_SCHEMA.fields.validationFraction.parse(0.2, 'options.validation', {}); // 0.2
 * ```
 */
export const GAUSSIAN_MIXTURE_SCHEMA = configSchema('GaussianMixture', GAUSSIAN_MIXTURE_FIELDS, {
  default: GAUSSIAN_MIXTURE_DEFAULTS,
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

/**
 * The full configuration for `options`: the defaults with the options over them, validated.
 *
 * @throws {TypeError} when `options` is not an object.
 * @throws {ConfigError} (a `RangeError`) naming the first bad or unknown field.
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
  return GAUSSIAN_MIXTURE_SCHEMA.resolve(options, argument);
}
