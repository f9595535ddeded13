import type * as tf from '@tensorflow/tfjs-core';
import type { Points, PointsLike } from '../data/points.js';
import type { RngLike } from '../data/rng.js';
import type { ModelLocation } from '../io/location.js';
import type { History } from '../train/history.js';
import type { FitOptions } from '../train/options.js';

/**
 * Options of `sample` and `sampleWithLogProb`.
 *
 * @example
 * ```ts
 * const lattice = await model.sample(1000, { seed: 1 });
 * const raw = await model.sample(1000, { seed: 1, continuous: true });
 * ```
 */
export interface SampleOptions {
  /** The same seed gives the same points (on the same backend). */
  readonly seed?: RngLike;
  /**
   * `sample` only: return the model's continuous draws as they are, instead of snapping them to the lattice
   * the model was trained on (a model trained on dequantized lattice data is a density on `[0, 1 + step]`).
   */
  readonly continuous?: boolean;
}

/**
 * Points drawn from a model with the model's log density at each of them.
 *
 * @example
 * ```ts
 * const { points, logProb } = await model.sampleWithLogProb(100, { seed: 1 });
 * ```
 */
export interface SampleWithLogProb {
  /** Continuous draws (never snapped to a lattice), so that `logProb` below is their exact density. */
  readonly points: Points;
  /** Natural log density of each point, in data space. */
  readonly logProb: Float32Array;
}

/**
 * What every pointgen model can do. Models are trained by the one shared engine (`fit`), sample with a
 * seed, give exact log densities in data space, and save to any `tf.io` destination.
 *
 * @example
 * ```ts
 * import { datasets, loadGenerator, RealNVPGenerator, type Generator } from 'pointgen';
 * const model: Generator = new RealNVPGenerator();
 * await model.fit(datasets.coloredPi(), { epochs: 20 });
 * const points = await model.sample(1000, { seed: 1 });
 * const logp = await model.logProb(points);
 * await model.save('file://./my-model');
 * const again = await loadGenerator('file://./my-model');
 * ```
 */
export interface Generator<Config = unknown> {
  /**
   * The model type, as written in saved files (`'realnvp'`, …).
   *
   * @example
   * ```ts
   * import { loadGenerator } from 'pointgen';
   * const loaded = await loadGenerator('file://./models/mine');
   * console.log(loaded.type); // 'realnvp', 'masked-transformer' or 'gaussian-mixture'
   * ```
   */
  readonly type: string;
  /**
   * Coordinates per point.
   *
   * @example
   * ```ts
   * const origin = { data: new Float32Array(model.dim), dim: model.dim }; // one point, all zeros
   * const [density] = await model.logProb(origin);
   * ```
   */
  readonly dim: number;
  /**
   * Trains on `data` (in the data's units, see `scale`); resolves with the history, also when aborted.
   *
   * @example
   * ```ts
   * const history = await model.fit(train, { epochs: 30, validation: 0.1, seed: 1 });
   * console.log(history.stoppedBy, history.bestEpoch, history.bestValNll);
   * ```
   */
  fit(data: PointsLike, options?: FitOptions): Promise<History>;
  /**
   * Draws `count` new points.
   *
   * @example
   * ```ts
   * const drawn = await model.sample(1000, { seed: 1 }); // the same 1000 points on every run
   * ```
   */
  sample(count: number, options?: SampleOptions): Promise<Points>;
  /**
   * Draws `count` points and returns their log densities with them.
   *
   * @example
   * ```ts
   * const { logProb } = await model.sampleWithLogProb(1000, { seed: 1 });
   * const entropy = -logProb.reduce((sum, v) => sum + v, 0) / logProb.length; // nats per point, estimated
   * ```
   */
  sampleWithLogProb(count: number, options?: SampleOptions): Promise<SampleWithLogProb>;
  /**
   * Natural log density of each point in data space (every preprocessing Jacobian included). Points outside
   * the model's support get `-Infinity`; NaN or Infinity coordinates are an `InvalidPointsError`.
   *
   * @example
   * ```ts
   * const logp = await model.logProb(test);
   * const nll = -logp.reduce((sum, v) => sum + v, 0) / test.count; // nats per point
   * ```
   */
  logProb(points: PointsLike): Promise<Float32Array>;
  /**
   * Saves configuration and weights; `load` of the result gives bit-identical log densities.
   *
   * @example
   * ```ts
   * await model.save('file://./models/mine'); // Node: model.json and weights.bin in that folder
   * ```
   */
  save(destination: ModelLocation): Promise<tf.io.SaveResult>;
  /**
   * A copy of the full configuration (plain JSON).
   *
   * @example
   * ```ts
   * console.log(JSON.stringify(model.getConfig(), null, 2));
   * ```
   */
  getConfig(): Config;
  /**
   * Frees every tensor of the model; the model cannot be used afterwards.
   *
   * @example
   * ```ts
   * import { RealNVPGenerator } from 'pointgen';
   * const scratch = new RealNVPGenerator();
   * try {
   *   await scratch.fit(points, { epochs: 5 });
   * } finally {
   *   scratch.dispose();
   * }
   * ```
   */
  dispose(): void;
}
