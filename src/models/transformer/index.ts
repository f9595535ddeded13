export {
  MASKED_TRANSFORMER_PRESETS,
  type MaskedTransformerConfig,
  type MaskedTransformerOptions,
  type MaskedTransformerPreset,
  type MaskedTransformerSampleOptions,
  resolveMaskedTransformerConfig,
  type TransformerHead,
} from './config.js';
export { MaskedTransformerGenerator } from './transformer-generator.js';
