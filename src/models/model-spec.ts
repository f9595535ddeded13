import type { ScaleOption } from '../data/scaler.js';
import { FormatError } from '../errors.js';
import { type GeneratorArtifacts, matchWeights, type NamedWeight, type WeightSpec } from '../io/artifacts.js';
import { savedBeforeBudgets, type TrainingConfig } from '../train/options.js';
import type { LatticeOption } from './data-space.js';
import type { Generator } from './generator.js';

/**
 * What every model's resolved configuration holds, and all that the shared base reads of it.
 *
 * @example
 * ```ts
 * import { type GeneratorConfig, RealNVPGenerator } from 'pointgen';
 * const { dim, latticeSteps, training }: GeneratorConfig = new RealNVPGenerator().getConfig();
 * ```
 */
export interface GeneratorConfig {
  /** Coordinates per point. */
  readonly dim: number;
  /**
   * Lattice steps of the data in its units (`'auto'` until the first `fit` finds them; see `LatticeOption`), or
   * `null` for continuous data.
   */
  readonly latticeSteps: LatticeOption;
  /** The data's box (`'auto'` until the first `fit` fits it; see `ScaleOption`). */
  readonly scale: ScaleOption;
  /** Defaults of `fit` (absent for a model that does not train through the engine, as the Gaussian mixture). */
  readonly training?: TrainingConfig;
}

/**
 * The configuration of a model trained by the shared engine: it always holds its `fit` defaults.
 *
 * @example
 * ```ts
 * import { type EngineTrainedConfig, RealNVPGenerator } from 'pointgen';
 * const { training }: EngineTrainedConfig = new RealNVPGenerator().getConfig();
 * ```
 */
export interface EngineTrainedConfig extends GeneratorConfig {
  readonly training: TrainingConfig;
}

/**
 * A model's weights and JSON state as read from a file, checked against its {@link ModelSpec}.
 *
 * @example
 * ```ts
 * import type { RestoredModel } from 'pointgen';
 * const nothingYet: RestoredModel = { weights: new Map(), state: {} };
 * ```
 */
export interface RestoredModel {
  readonly weights: ReadonlyMap<string, NamedWeight>;
  readonly state: Readonly<Record<string, unknown>>;
}

/**
 * Everything generic code needs to know of one model type: its one name (in files, `type` and the CLI), its
 * presets and config resolver, the weights a config implies, and how to build it. Saving, loading, the
 * `loadGenerator` dispatch and the CLI's model list all derive from these.
 *
 * @example
 * ```ts
 * import { RealNVPGenerator } from 'pointgen';
 * RealNVPGenerator.spec.type; // 'realnvp'
 * RealNVPGenerator.spec.presets.default.training.batchSize; // the default recipe's batch size
 * ```
 */
export interface ModelSpec<
  Config extends GeneratorConfig = GeneratorConfig,
  G extends Generator = Generator,
> {
  /** The model's name, as saved files and the CLI spell it. */
  readonly type: string;
  /** Earlier CLI names, still accepted with a deprecation warning. */
  readonly deprecatedNames?: readonly string[];
  /** Named configurations; `default` is what `new` gives. */
  readonly presets: { readonly default: Config } & Readonly<Record<string, Config>>;
  /** The full, validated configuration for options (a preset name and overrides); `argument` names them in errors. */
  resolveConfig(options: unknown, argument: string): Config;
  /**
   * Every weight a model with `config` (and the saved `state`, for a model whose sizes are fitted, as the
   * mixture's components) has, in a fixed order.
   *
   * @throws for a state that gives no sizes (reported as a {@link FormatError}).
   */
  weightSpecs(config: Config, state: Readonly<Record<string, unknown>>): readonly WeightSpec[];
  /** A problem with restored weights or state beyond their names and shapes, or `undefined` (optional). */
  checkRestored?(config: Config, restored: RestoredModel): string | undefined;
  /** The model for `config`, with restored weights or freshly initialised. */
  create(config: Config, restored?: RestoredModel): G;
}

/**
 * The model `artifacts` describe, checked completely against `spec` before any tensor is made.
 *
 * @throws {FormatError} naming `source` and the first problem.
 */
export function generatorFromArtifacts<Config extends GeneratorConfig, G extends Generator>(
  spec: ModelSpec<Config, G>,
  artifacts: GeneratorArtifacts,
  source: string,
): G {
  const fail = (detail: string): never => {
    throw new FormatError(`model ${source}: ${detail}`);
  };
  if (artifacts.type !== spec.type) fail(`type is "${artifacts.type}", expected "${spec.type}"`);
  // Every field must be in the file: a missing one would silently take today's default.
  const raw = artifacts.config as Record<string, unknown>;
  for (const key of Object.keys(spec.presets.default)) {
    if (!(key in raw)) fail(`config.${key} is missing`);
  }
  const training = raw.training as Record<string, unknown> | null;
  // `steps` came with step budgets; files saved before have none (see `savedBeforeBudgets`). A model that
  // does not train through the engine (the mixture's EM) has no training defaults.
  const trainingKeys = Object.keys(spec.presets.default.training ?? {});
  for (const key of trainingKeys.filter((k) => k !== 'steps')) {
    if (typeof training !== 'object' || training === null || !(key in training)) {
      fail(`config.training.${key} is missing`);
    }
  }
  let config: Config;
  try {
    config = spec.resolveConfig(training === undefined ? raw : savedBeforeBudgets(raw), 'config');
  } catch (e) {
    return fail((e as Error).message);
  }
  let specs: readonly WeightSpec[];
  try {
    specs = spec.weightSpecs(config, artifacts.state);
  } catch (e) {
    return fail((e as Error).message);
  }
  const restored = { weights: matchWeights(artifacts.weights, specs, source), state: artifacts.state };
  const problem = spec.checkRestored?.(config, restored);
  if (problem !== undefined) fail(problem);
  return spec.create(config, restored);
}
