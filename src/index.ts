/**
 * pointgen: generative models for 2D colour points `(x, y, r, g, b)` on TensorFlow.js.
 *
 * @packageDocumentation
 */
export * from './data/index.js';
export * as datasets from './datasets/index.js';
export { FormatError, type InvalidPointsCode, InvalidPointsError } from './errors.js';
export * from './io/index.js';
export * from './models/index.js';
export * from './train/index.js';
export * from './tf/index.js';
