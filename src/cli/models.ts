import type { LatticeOption } from '../models/data-space.js';
import type { GeneratorConfig } from '../models/model-spec.js';
import { type LoadedGenerator, MODELS, modelSpec } from '../models/registry.js';
import { batchesPerEpoch, plannedSteps } from '../train/budget.js';
import { choice } from './args.js';

/** A model's name, the same on the command line as in saved files. */
export type ModelName = LoadedGenerator['type'];

/** The models the CLI trains, in registry order. */
export const MODEL_NAMES: readonly ModelName[] = MODELS.map((m) => m.type as ModelName);

/** The model every `reproduce` and `demo` run fits beside the others: the same-data baseline of their tables. */
export const BASELINE_MODEL: ModelName = 'gaussian-mixture';

/** The models a `reproduce` run trains: `models`, then the baseline when it is not among them. */
export function withBaseline(models: readonly ModelName[]): readonly ModelName[] {
  return models.includes(BASELINE_MODEL) ? models : [...models, BASELINE_MODEL];
}

/**
 * Whether a model trains by epochs (and so takes `epochs`, `validation` and `patience`); the Gaussian mixture
 * runs EM to convergence instead, and has only its default: it is the same-data baseline of every run.
 */
export function trainsByEpochs(name: ModelName): boolean {
  return (modelSpec(name)?.presets.default as GeneratorConfig | undefined)?.training !== undefined;
}

/** Presets every model trained by epochs has (the CLI's `--preset` applies to each of them in a run). */
export const PRESETS: readonly string[] = Object.keys(MODELS[0].presets).filter((p) =>
  MODELS.every((m) => !trainsByEpochs(m.type as ModelName) || Object.hasOwn(m.presets, p)),
);

/** A fresh, untrained model. `config` overrides fields of its configuration. */
export function createModel(
  name: ModelName,
  preset?: string,
  config: { latticeSteps?: LatticeOption } = {},
): LoadedGenerator {
  const spec = modelSpec(name);
  if (!spec) throw new RangeError(`unknown model ${name}`);
  const withPreset = preset && trainsByEpochs(name) ? { preset } : {};
  return spec.create(spec.resolveConfig({ ...withPreset, ...config }, 'options'));
}

/**
 * The model type `value` names for `--flag` (or one of `extra`, e.g. `all`); an earlier name is still
 * accepted, with a warning.
 */
export function modelType<T extends string = never>(
  value: string | undefined,
  flag: string,
  extra: readonly T[] = [],
): { type: ModelName | T | undefined; warnings: string[] } {
  const renamed = MODELS.find((m) => value !== undefined && m.deprecatedNames?.includes(value));
  if (renamed) {
    const type = renamed.type as ModelName;
    return { type, warnings: [`--${flag} ${value} is now --${flag} ${type} (the name saved files use)`] };
  }
  return { type: choice({ [flag]: value }, flag, [...MODEL_NAMES, ...extra]), warnings: [] };
}

/**
 * The epochs a model's recipe trains for on `count` points, of which the share `validation` (default: the
 * recipe's) is held out; the last epoch may be partial. A model without a training recipe (the mixture's EM)
 * reports one.
 */
export function defaultEpochs(model: LoadedGenerator, count: number, validation?: number): number {
  const { training } = model.getConfig() as GeneratorConfig;
  if (training === undefined) return 1;
  const trained = count - Math.round(count * (validation ?? training.validationFraction));
  return Math.ceil(plannedSteps(trained, training) / batchesPerEpoch(trained, training.batchSize));
}
