// Built-in data sets, exported from the package root as the `datasets` namespace.
export { type ColoredPiOptions, coloredPi } from './colored-pi.js';
