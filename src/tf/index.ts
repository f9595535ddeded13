export { type DenseActivation, type DenseWeights, dense } from './dense.js';
export { ensureGradients, gradientKernels, replacedGradientKernels } from './gradients.js';
export { matMul } from './mat-mul.js';
