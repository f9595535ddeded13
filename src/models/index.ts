export {
  type ConditionalGenerator,
  type ConditionalQuantileOptions,
  type ConditionalSampleOptions,
  type GivenCoordinates,
  isConditional,
} from './conditional.js';
export type { DataSpaceFields, LatticeOption } from './data-space.js';
export type { Generator, SampleOptions, SampleWithLogProb } from './generator.js';
export * from './gmm/index.js';
export { type HeldOutNllOptions, heldOutNll } from './held-out-nll.js';
export { loadGenerator } from './load-generator.js';
export type { EngineTrainedConfig, GeneratorConfig, ModelSpec, RestoredModel } from './model-spec.js';
export * from './realnvp/index.js';
export type { LoadedGenerator } from './registry.js';
export * from './transformer/index.js';
