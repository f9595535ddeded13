/**
 * pointgen: generative models for 2D colour points `(x, y, r, g, b)` on TensorFlow.js.
 *
 * @packageDocumentation
 */
export * from './data/index.js';
/**
 * Built-in data sets, so that everything runs with no files: {@link datasets.coloredPi}.
 *
 * @example
 * ```ts
 * import { datasets, RealNVPGenerator } from 'pointgen';
 * await new RealNVPGenerator().fit(datasets.coloredPi(), { epochs: 5 });
 * ```
 */
export * as datasets from './datasets/index.js';
export {
  ConfigError,
  type ConfigErrorCode,
  FormatError,
  type InvalidPointsCode,
  InvalidPointsError,
  NonFiniteError,
} from './errors.js';
export * from './io/index.js';
export * from './models/index.js';
export * from './tf/index.js';
export * from './train/index.js';
