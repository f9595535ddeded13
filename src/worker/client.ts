import type { Points } from '../data/points.js';
import type { EpochRecord } from '../train/history.js';
import type { FromWorker, MessageTarget, TrainedInWorker, TrainRequest } from './protocol.js';

/**
 * What the calling side of {@link trainInWorker} hears while the worker trains, and how it stops it.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const options: TrainInWorkerOptions = {
 *   signal: controller.signal,
 *   onEpoch: (record, preview) => console.log(record.epoch, record.loss, preview?.count),
 * };
 * ```
 */
export interface TrainInWorkerOptions {
  /** Called with each epoch's record, and the preview points when the request asked for them. */
  onEpoch?(record: EpochRecord, preview: Points | undefined): void;
  /** Aborting stops the worker's `fit` after its current step; the promise still resolves with the model. */
  signal?: AbortSignal;
}

let nextId = 1;

/**
 * Trains a model in a worker that runs {@link serveTraining}, so that the page's own thread stays free to
 * draw: resolves with the history and the trained weights as `tf.io` artifacts (also when stopped through
 * `signal`), and rejects with the worker's error (same name and message) if training fails.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { datasets, loadGenerator } from 'pointgen';
 * import { trainInWorker } from 'pointgen/worker';
 *
 * const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
 * const { history, artifacts } = await trainInWorker(
 *   worker,
 *   { model: { couplings: 4 }, data: datasets.coloredPi({ count: 1000 }), fit: { epochs: 10 } },
 *   { onEpoch: (record) => console.log(record.epoch, record.loss) },
 * );
 * const model = await loadGenerator(tf.io.fromMemory(artifacts)); // sample it on the page
 * ```
 */
export function trainInWorker<Spec>(
  worker: MessageTarget,
  request: TrainRequest<Spec>,
  options: TrainInWorkerOptions = {},
): Promise<TrainedInWorker> {
  const id = nextId++;
  const { onEpoch, signal } = options;
  return new Promise<TrainedInWorker>((resolve, reject) => {
    const stop = () => worker.postMessage({ kind: 'pointgen:stop', id }, []);
    const listener = ({ data }: { readonly data: unknown }) => {
      const message = data as FromWorker;
      if (message?.id !== id) return;
      if (message.kind === 'pointgen:epoch') {
        onEpoch?.(message.record, message.preview);
        return;
      }
      worker.removeEventListener('message', listener);
      signal?.removeEventListener('abort', stop);
      if (message.kind === 'pointgen:done') {
        resolve({ type: message.type, history: message.history, artifacts: message.artifacts });
      } else {
        const error = new Error(message.message);
        error.name = message.name;
        reject(error);
      }
    };
    worker.addEventListener('message', listener);
    worker.postMessage({ kind: 'pointgen:train', id, request }, []);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop, { once: true });
  });
}
