export {
  type Activation,
  type CouplingKind,
  type MixingKind,
  REALNVP_PRESETS,
  type RealNVPConfig,
  type RealNVPOptions,
  type RealNVPPreset,
  resolveRealNVPConfig,
} from './config.js';
export { RealNVPGenerator } from './realnvp-generator.js';
