import { FormatError } from '../errors.js';
import { describeLocation } from '../io/handlers.js';
import type { LoadOptions, ModelLocation } from '../io/location.js';
import { loadArtifacts } from '../io/save-load.js';
import { checkLoaded } from './generic-generator.js';
import { generatorFromArtifacts } from './model-spec.js';
import { type LoadedGenerator, MODEL_TYPES, modelSpec } from './registry.js';

/**
 * Loads any saved pointgen model, choosing the class from the type recorded in the file. The result is one of
 * the model classes: narrow it with `model.type` or {@link isConditional} to reach what only some models do.
 *
 * @throws {FormatError} for an unknown type or a malformed file (checked before any tensor is made).
 *
 * @example
 * ```ts
 * import { isConditional, loadGenerator } from 'pointgen';
 * const model = await loadGenerator('file://./models/realnvp');
 * const points = await model.sample(100, { seed: 1 });
 * if (isConditional(model)) await model.sample(2, { given: { x: [0.2, 0.8], y: 0.5 } });
 * ```
 */
export async function loadGenerator(
  source: ModelLocation,
  options: LoadOptions = {},
): Promise<LoadedGenerator> {
  const where = describeLocation(source);
  const artifacts = await loadArtifacts(source, options);
  const spec = modelSpec(artifacts.type);
  if (!spec) {
    throw new FormatError(
      `model ${where}: unknown model type "${artifacts.type}" (known: ${MODEL_TYPES.join(', ')})`,
    );
  }
  return checkLoaded(generatorFromArtifacts(spec, artifacts, where), where);
}
