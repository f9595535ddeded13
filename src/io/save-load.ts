import type * as tf from '@tensorflow/tfjs-core';
import { type GeneratorArtifacts, parseModelArtifacts, toModelArtifacts } from './artifacts.js';
import { describeLocation, resolveHandler } from './handlers.js';
import type { ModelLocation } from './location.js';

/**
 * Writes `artifacts` to `destination` (see {@link resolveHandler}).
 *
 * @example
 * ```ts
 * await saveArtifacts({ type: 'realnvp', config, state: {}, weights }, 'file://./model');
 * ```
 */
export async function saveArtifacts(
  artifacts: GeneratorArtifacts,
  destination: ModelLocation,
): Promise<tf.io.SaveResult> {
  const handler = resolveHandler(destination, 'save');
  return (handler.save as NonNullable<tf.io.IOHandler['save']>)(toModelArtifacts(artifacts));
}

/**
 * Reads a saved generator from `source` as plain data, checking its structure and that every weight is finite.
 *
 * @throws {FormatError} for anything that is not a well-formed pointgen model file.
 */
export async function loadArtifacts(source: ModelLocation): Promise<GeneratorArtifacts> {
  const handler = resolveHandler(source, 'load');
  const raw = await (handler.load as NonNullable<tf.io.IOHandler['load']>)();
  return parseModelArtifacts(raw, describeLocation(source));
}
