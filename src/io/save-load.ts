import * as tf from '@tensorflow/tfjs-core';
import { type GeneratorArtifacts, parseModelArtifacts, toModelArtifacts } from './artifacts.js';
import { describeLocation, resolveHandler } from './handlers.js';
import type { LoadOptions, ModelLocation } from './location.js';

const DEFAULT_TIMEOUT_MS = 60_000;

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
 * An `http(s)://` URL is fetched with `options.signal` and a timeout, so a server that never answers cannot
 * hang the caller; any other source is raced against them.
 *
 * @throws {FormatError} for anything that is not a well-formed pointgen model file; an `Error` naming the
 * source when the load is aborted or times out.
 */
export async function loadArtifacts(
  source: ModelLocation,
  options: LoadOptions = {},
): Promise<GeneratorArtifacts> {
  const where = describeLocation(source);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0))
    throw new RangeError(`options.timeoutMs: expected a positive number, got ${timeoutMs}`);
  const controller = new AbortController();
  const stop = (reason: string) => controller.abort(new Error(`model ${where}: ${reason}`));
  const timer = Number.isFinite(timeoutMs)
    ? setTimeout(() => stop(`no answer within ${timeoutMs} ms`), timeoutMs)
    : undefined;
  const onAbort = () => stop('loading was aborted');
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const handler =
      typeof source === 'string' && /^https?:\/\//i.test(source)
        ? tf.io.http(source, { requestInit: { signal: controller.signal } })
        : resolveHandler(source, 'load');
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(controller.signal.reason);
      if (controller.signal.aborted) fail();
      controller.signal.addEventListener('abort', fail, { once: true });
    });
    const raw = await Promise.race([(handler.load as NonNullable<tf.io.IOHandler['load']>)(), aborted]);
    return parseModelArtifacts(raw, where);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
