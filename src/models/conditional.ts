import type { Points, PointsLike } from '../data/points.js';
import type { Generator, SampleOptions, SampleWithLogProb } from './generator.js';

/**
 * Fixed coordinates for conditional sampling, by column name (`x`, `y`, `r`, `g`, `b` for 5-D points) or index:
 * one value per point to draw, or a single number for all of them.
 *
 * @example
 * ```ts
 * import type { GivenCoordinates } from 'pointgen';
 * const positions: GivenCoordinates = { x: [0.1, 0.5, 0.9], y: 0.5 };
 * ```
 */
export type GivenCoordinates = Readonly<Record<string, ArrayLike<number> | number>>;

/**
 * Options of a {@link ConditionalGenerator}'s `sample` and `sampleWithLogProb`.
 *
 * @example
 * ```ts
 * import type { ConditionalSampleOptions } from 'pointgen';
 * const colourTheseSpots: ConditionalSampleOptions = { given: { x: [0.2, 0.7], y: [0.4, 0.6] }, seed: 1 };
 * ```
 */
export interface ConditionalSampleOptions extends SampleOptions {
  /**
   * Coordinates to hold fixed, e.g. `{ x: xs, y: ys }` to colour given positions: the rest of each point is
   * drawn from the model's conditional distribution given them.
   */
  readonly given?: GivenCoordinates;
}

/**
 * Options of {@link ConditionalGenerator.conditionalQuantile}.
 *
 * @example
 * ```ts
 * import type { ConditionalQuantileOptions } from 'pointgen';
 * const upperQuartileOfBlue: ConditionalQuantileOptions = { given: { x: 0.3, y: 0.5 }, quantile: 0.75 };
 * ```
 */
export interface ConditionalQuantileOptions {
  /** Coordinates held fixed, as in `sample` (none: the first coordinate the model generates). */
  readonly given?: GivenCoordinates;
  /** Which quantile, in [0, 1] (default 0.5, the median). */
  readonly quantile?: number;
  /** Return the continuous quantile instead of its lattice value. */
  readonly continuous?: boolean;
}

/**
 * A generator that can also condition on some coordinates: draw the rest given them, give their conditional
 * log density, and the quantiles of the next coordinate. Test for one with {@link isConditional}.
 *
 * @example
 * ```ts
 * import { isConditional, loadGenerator } from 'pointgen';
 * const model = await loadGenerator('file://./models/transformer');
 * if (isConditional(model)) {
 *   const coloured = await model.sample(3, { given: { x: [0.1, 0.5, 0.9], y: 0.5 }, seed: 1 });
 * }
 * ```
 */
export interface ConditionalGenerator<Config = unknown> extends Generator<Config> {
  /** Draws `count` new points; with `given`, the rest of each point given its fixed coordinates. */
  sample(count: number, options?: ConditionalSampleOptions): Promise<Points>;
  /** Draws `count` points (optionally with `given`, see `sample`) with their log densities. */
  sampleWithLogProb(count: number, options?: ConditionalSampleOptions): Promise<SampleWithLogProb>;
  /** Log density of the coordinates not in `given` conditional on those in `given`, in data space. */
  conditionalLogProb(points: PointsLike, given: readonly (string | number)[]): Promise<Float32Array>;
  /** A quantile of the next coordinate given `options.given`, for each of `count` points. */
  conditionalQuantile(
    count: number,
    options?: ConditionalQuantileOptions,
  ): Promise<{ coordinate: number; values: Float32Array }>;
}

/**
 * True when `model` is a {@link ConditionalGenerator}; narrows its type, so that `given`, `conditionalLogProb`
 * and `conditionalQuantile` type-check on a model from `loadGenerator`.
 *
 * @example
 * ```ts
 * import { isConditional, loadGenerator } from 'pointgen';
 * const model = await loadGenerator('file://./models/transformer');
 * const blue = isConditional(model) ? await model.conditionalQuantile(1, { given: { x: 0.3, y: 0.5 } }) : null;
 * ```
 */
export function isConditional<G extends Generator>(model: G): model is G & ConditionalGenerator {
  const m = model as Partial<ConditionalGenerator>;
  return typeof m.conditionalLogProb === 'function' && typeof m.conditionalQuantile === 'function';
}
