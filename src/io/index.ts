export {
  type GeneratorArtifacts,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  matchWeights,
  type NamedWeight,
  parseModelArtifacts,
  toModelArtifacts,
  type WeightSpec,
} from './artifacts.js';
export { fileHandler } from './file-handler.js';
export { resolveHandler } from './handlers.js';
export { loadArtifacts, saveArtifacts } from './save-load.js';
