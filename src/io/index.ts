export type { GeneratorArtifacts, NamedWeight, WeightSpec } from './artifacts.js';
export { type FileHandlerOptions, fileHandler } from './file-handler.js';
export type { LoadOptions, ModelLocation } from './location.js';
