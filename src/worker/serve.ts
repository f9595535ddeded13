import type * as tf from '@tensorflow/tfjs-core';
import type { Points, PointsLike } from '../data/points.js';
import type { Generator } from '../models/generator.js';
import type { FromWorker, MessageTarget, ToWorker, TrainRequest } from './protocol.js';

/**
 * How a worker builds the model of a request, and gets ready first.
 *
 * @example
 * ```ts
 * const options: ServeTrainingOptions<{ couplings: number }> = {
 *   ready: () => tf.setBackend('wasm'),
 *   create: (spec) => new RealNVPGenerator(spec),
 * };
 * ```
 */
export interface ServeTrainingOptions<Spec = unknown> {
  /** A new untrained model for `spec` (the request's `model`). */
  create(spec: Spec): Generator | Promise<Generator>;
  /** Awaited once before the first run, e.g. `() => tf.setBackend('wasm')`. */
  ready?(): unknown;
}

const isRequest = (data: unknown): data is ToWorker =>
  typeof data === 'object' &&
  data !== null &&
  String((data as { kind?: unknown }).kind).startsWith('pointgen:');

/**
 * Makes this worker train pointgen models for {@link trainInWorker}: each request builds a model with
 * `create`, fits it here, off the page's thread, and posts every epoch (with preview samples when asked) and
 * at the end the history and the weights. A stop message aborts `fit`, which then resolves with the history
 * so far, so a stopped run still sends its model. Call it once, at the top level of a module worker.
 *
 * @example
 * ```ts
 * // train.worker.ts, started with new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' })
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-wasm';
 * import { RealNVPGenerator, type RealNVPOptions } from 'pointgen';
 * import { serveTraining } from 'pointgen/worker';
 *
 * serveTraining({
 *   ready: () => tf.setBackend('wasm'),
 *   create: (config: RealNVPOptions) => new RealNVPGenerator(config),
 * });
 * ```
 */
export function serveTraining<Spec>(
  options: ServeTrainingOptions<Spec>,
  scope: MessageTarget = globalThis as unknown as MessageTarget,
): void {
  const running = new Map<number, AbortController>();
  let ready: Promise<unknown> | undefined;
  const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => scope.postMessage(message, transfer);

  async function train(id: number, request: TrainRequest<Spec>, signal: AbortSignal): Promise<void> {
    ready ??= Promise.resolve(options.ready?.());
    await ready;
    const model = await options.create(request.model);
    try {
      const preview = request.preview;
      const every = preview?.every ?? 1;
      const history = await model.fit(request.data as PointsLike, {
        ...request.fit,
        signal,
        callbacks: {
          onEpochEnd: async (record) => {
            let points: Points | undefined;
            if (preview && record.epoch % every === 0) {
              points = await model.sample(preview.count, { seed: (preview.seed ?? 0) + record.epoch });
            }
            post(
              { kind: 'pointgen:epoch', id, record, preview: points },
              points ? [points.data.buffer as ArrayBuffer] : [],
            );
          },
        },
      });
      let artifacts: tf.io.ModelArtifacts | undefined;
      // A handler is any object with `save`: this one keeps the artifacts instead of writing them anywhere.
      await model.save({
        save: async (saved) => {
          artifacts = saved;
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        },
      });
      if (!artifacts) throw new Error('serveTraining: the model saved nothing');
      const weights = artifacts.weightData;
      post(
        { kind: 'pointgen:done', id, type: model.type, history, artifacts },
        weights instanceof ArrayBuffer ? [weights] : [],
      );
    } finally {
      model.dispose();
    }
  }

  scope.addEventListener('message', ({ data }) => {
    if (!isRequest(data)) return;
    if (data.kind === 'pointgen:stop') {
      running.get(data.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(data.id, controller);
    train(data.id, data.request as TrainRequest<Spec>, controller.signal)
      .catch((e: unknown) => {
        const error = e instanceof Error ? e : new Error(String(e));
        post({ kind: 'pointgen:error', id: data.id, name: error.name, message: error.message });
      })
      .finally(() => running.delete(data.id));
  });
  (scope as { start?: () => void }).start?.();
}
