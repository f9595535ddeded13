export {
  MASKED_TRANSFORMER_PRESETS,
  type MaskedTransformerConfig,
  type MaskedTransformerOptions,
  type MaskedTransformerPreset,
  resolveMaskedTransformerConfig,
  type TransformerHead,
} from './config.js';
export {
  MaskedTransformerGenerator,
  type MaskedTransformerSampleOptions,
} from './transformer-generator.js';
