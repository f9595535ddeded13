import { GaussianMixtureGenerator } from './gmm/gmm-generator.js';
import type { GeneratorConfig, ModelSpec } from './model-spec.js';
import { RealNVPGenerator } from './realnvp/realnvp-generator.js';
import { MaskedTransformerGenerator } from './transformer/transformer-generator.js';

/**
 * Every model type pointgen knows, one spec each; `loadGenerator` and the CLI's model list derive from it, so
 * a new model adds its spec here, its class to {@link LoadedGenerator}, and a row to
 * test/models/generator-contract.test.ts.
 */
export const MODELS = [
  RealNVPGenerator.spec,
  MaskedTransformerGenerator.spec,
  GaussianMixtureGenerator.spec,
] as const satisfies readonly ModelSpec<GeneratorConfig, LoadedGenerator>[];

/**
 * Any model `loadGenerator` can return: one of the registered classes (narrow it by `type` or with
 * `isConditional`).
 *
 * @example
 * ```ts
 * import { type LoadedGenerator, loadGenerator } from 'pointgen';
 * const model: LoadedGenerator = await loadGenerator('file://./models/transformer');
 * if (model.type === 'masked-transformer') await model.sample(10, { temperature: 0.8 });
 * ```
 */
export type LoadedGenerator = RealNVPGenerator | MaskedTransformerGenerator | GaussianMixtureGenerator;

/** The saved-file names of the models, in registry order. */
export const MODEL_TYPES: readonly string[] = MODELS.map((m) => m.type);

/** The spec of the model saved as `type`, or `undefined`. */
export function modelSpec(type: string): ModelSpec<GeneratorConfig, LoadedGenerator> | undefined {
  return MODELS.find((m) => m.type === type) as ModelSpec<GeneratorConfig, LoadedGenerator> | undefined;
}
