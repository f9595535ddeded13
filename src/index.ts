/**
 * pointgen: generative models for 2D colour points `(x, y, r, g, b)` on TensorFlow.js.
 *
 * @packageDocumentation
 */
export * from './data/index.js';
export * as datasets from './datasets/index.js';
export { FormatError, type InvalidPointsCode, InvalidPointsError } from './errors.js';
