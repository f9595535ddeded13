import type { Generator } from '../models/generator.js';
import { REALNVP_PRESETS, type RealNVPPreset } from '../models/realnvp/config.js';
import { RealNVPGenerator } from '../models/realnvp/realnvp-generator.js';
import { MASKED_TRANSFORMER_PRESETS, type MaskedTransformerPreset } from '../models/transformer/config.js';
import { MaskedTransformerGenerator } from '../models/transformer/transformer-generator.js';
import { batchesPerEpoch, plannedSteps } from '../train/budget.js';
import type { TrainingConfig } from '../train/options.js';

/** The models the CLI trains, by their command-line names. */
export const MODEL_NAMES = ['realnvp', 'transformer'] as const;
/** A model's command-line name. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** Presets every model has (the CLI's `--preset` applies to each model of a run). */
export const PRESETS = Object.keys(REALNVP_PRESETS).filter((p) =>
  Object.hasOwn(MASKED_TRANSFORMER_PRESETS, p),
) as (RealNVPPreset & MaskedTransformerPreset)[];

/** A fresh, untrained model; a new model adds one line here. `config` overrides fields of its configuration. */
export function createModel(
  name: ModelName,
  preset?: RealNVPPreset & MaskedTransformerPreset,
  config: { latticeSteps?: readonly number[] | null } = {},
): Generator {
  const options = { ...(preset ? { preset } : {}), ...config };
  return name === 'realnvp' ? new RealNVPGenerator(options) : new MaskedTransformerGenerator(options);
}

/**
 * The epochs a model's recipe trains for on `count` points, of which the share `validation` (default: the
 * recipe's) is held out; the last epoch may be partial.
 */
export function defaultEpochs(model: Generator, count: number, validation?: number): number {
  const { training } = model.getConfig() as { training: TrainingConfig };
  const trained = count - Math.round(count * (validation ?? training.validationFraction));
  return Math.ceil(plannedSteps(trained, training) / batchesPerEpoch(trained, training.batchSize));
}
