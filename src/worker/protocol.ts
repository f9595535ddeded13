import type * as tf from '@tensorflow/tfjs-core';
import type { Points } from '../data/points.js';
import type { EpochRecord, History } from '../train/history.js';
import type { FitOptions } from '../train/options.js';

/**
 * The options of `fit` that can cross into a worker: everything but `callbacks` and `signal` (functions and
 * signals do not survive `postMessage`; {@link trainInWorker} takes their place on the calling side).
 *
 * @example
 * ```ts
 * const options: WorkerFitOptions = { epochs: 20, validationFraction: 0.1, seed: 1 };
 * ```
 */
export type WorkerFitOptions = Omit<FitOptions, 'callbacks' | 'signal'>;

/**
 * One training run for a worker: what model to build (`model`, handed to the worker's `create` as it is, so
 * anything `postMessage` can copy), the points, and the `fit` options.
 *
 * @example
 * ```ts
 * const request: TrainRequest<{ couplings: number }> = {
 *   model: { couplings: 4 },
 *   data: datasets.coloredPi({ count: 1000 }),
 *   fit: { epochs: 10, seed: 1 },
 *   preview: { count: 400, every: 2 },
 * };
 * ```
 */
export interface TrainRequest<Spec = unknown> {
  readonly model: Spec;
  /** The training points: `Points`, or anything else `fit` takes that `postMessage` can copy (rows, …). */
  readonly data: unknown;
  readonly fit?: WorkerFitOptions;
  /**
   * Also draw `count` points every `every` epochs (default 1) with seed `seed + epoch` (default seed 0), so that
   * a page can show the model improving without sampling on its own thread.
   */
  readonly preview?: { readonly count: number; readonly every?: number; readonly seed?: number };
}

/**
 * What a worker sends back when training ends (also when stopped): the history, and the trained model as
 * `tf.io` artifacts, to load anywhere with `loadGenerator(tf.io.fromMemory(artifacts))`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { datasets, loadGenerator } from 'pointgen';
 * import { trainInWorker } from 'pointgen/worker';
 *
 * const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
 * const request: TrainRequest = { model: { couplings: 4 }, data: datasets.coloredPi({ count: 1000 }) };
 * const { history, artifacts } = await trainInWorker(worker, request);
 * const model = await loadGenerator(tf.io.fromMemory(artifacts));
 * console.log(history.stoppedBy, model.type);
 * ```
 */
export interface TrainedInWorker {
  /** The model type, as written in saved files (`'realnvp'`, …). */
  readonly type: string;
  readonly history: History;
  readonly artifacts: tf.io.ModelArtifacts;
}

/** Messages from the page to the worker. */
export type ToWorker =
  | { readonly kind: 'pointgen:train'; readonly id: number; readonly request: TrainRequest }
  | { readonly kind: 'pointgen:stop'; readonly id: number };

/** Messages from the worker to the page. */
export type FromWorker =
  | {
      readonly kind: 'pointgen:epoch';
      readonly id: number;
      readonly record: EpochRecord;
      readonly preview?: Points;
    }
  | ({ readonly kind: 'pointgen:done'; readonly id: number } & TrainedInWorker)
  | { readonly kind: 'pointgen:error'; readonly id: number; readonly name: string; readonly message: string };

/**
 * The part of a `Worker`, a worker's global scope or a `MessagePort` that pointgen uses, typed here so that
 * the declarations need no DOM library.
 *
 * @example
 * ```ts
 * const port: MessageTarget = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
 * ```
 */
export interface MessageTarget {
  /** `transfer`: buffers whose ownership moves with the message instead of being copied. */
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  /** Calls `listener` with every message that arrives. */
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  /** Stops calling a listener added above. */
  removeEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}
