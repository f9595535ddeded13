export type { Generator, SampleOptions, SampleWithLogProb } from './generator.js';
export { type HeldOutNllOptions, heldOutNll } from './held-out-nll.js';
export { loadGenerator } from './load-generator.js';
export * from './realnvp/index.js';
export * from './transformer/index.js';
