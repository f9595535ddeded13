import { FormatError } from '../errors.js';
import type { GeneratorArtifacts } from '../io/artifacts.js';
import type { LoadOptions, ModelLocation } from '../io/location.js';
import { loadArtifacts } from '../io/save-load.js';
import { checkLoaded } from './base-generator.js';
import type { Generator } from './generator.js';
import { RealNVPGenerator } from './realnvp/realnvp-generator.js';
import { MaskedTransformerGenerator } from './transformer/transformer-generator.js';

/** How each model type is rebuilt from its checked artifacts; a new model type adds one line. */
const READERS: Readonly<Record<string, (artifacts: GeneratorArtifacts, source: string) => Generator>> = {
  realnvp: (a, source) => RealNVPGenerator.fromArtifacts(a, source),
  'masked-transformer': (a, source) => MaskedTransformerGenerator.fromArtifacts(a, source),
};

/**
 * Loads any saved pointgen model, choosing the class from the type recorded in the file.
 *
 * @throws {FormatError} for an unknown type or a malformed file (checked before any tensor is made).
 *
 * @example
 * ```ts
 * import { loadGenerator } from 'pointgen';
 * const model = await loadGenerator('file://./models/realnvp');
 * const points = await model.sample(100, { seed: 1 });
 * ```
 */
export async function loadGenerator(source: ModelLocation, options: LoadOptions = {}): Promise<Generator> {
  const where = typeof source === 'string' ? `"${source}"` : 'from the given handler';
  const artifacts = await loadArtifacts(source, options);
  const read = Object.hasOwn(READERS, artifacts.type) ? READERS[artifacts.type] : undefined;
  if (!read) {
    throw new FormatError(
      `model ${where}: unknown model type "${artifacts.type}" (known: ${Object.keys(READERS).join(', ')})`,
    );
  }
  return checkLoaded(read(artifacts, where), where);
}
