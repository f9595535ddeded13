export {
  type ComponentCount,
  GAUSSIAN_MIXTURE_DEFAULTS,
  type GaussianMixtureConfig,
  type GaussianMixtureOptions,
  resolveGaussianMixtureConfig,
  scaledComponents,
} from './config.js';
export type { MixtureFitReport, RestartRecord } from './fit.js';
export {
  GaussianMixtureGenerator,
  type GaussianMixtureHistory,
  type GaussianMixtureSampleOptions,
} from './gmm-generator.js';
