import * as tf from '@tensorflow/tfjs-core';
import type { Points, PointsLike } from '../data/points.js';
import type { Rng } from '../data/rng.js';
import type { NamedWeight } from '../io/artifacts.js';
import { train } from '../train/engine.js';
import type { History } from '../train/history.js';
import type { FitOptions } from '../train/options.js';
import { resolveTrainSettings } from '../train/settings.js';
import type { SampleOptions } from './generator.js';
import { GenericGenerator } from './generic-generator.js';
import type { EngineTrainedConfig } from './model-spec.js';

/**
 * The tensor layer over {@link GenericGenerator} for models written in tfjs and trained by the shared engine:
 * a model supplies its log density and sampler as tensors, its variables and its serialised tensors; this
 * layer turns them into the generic layer's plain values and runs `fit` through the engine.
 */
export abstract class BaseGenerator<
  Config extends EngineTrainedConfig,
  Options extends SampleOptions = SampleOptions,
> extends GenericGenerator<Config, Options> {
  /** The variables `fit` trains. */
  protected abstract trainableVariables(): readonly tf.Variable[];
  /** Log density in the unit box of `[n, dim]` points inside the support. */
  protected abstract logProbTensor(x: tf.Tensor2D): tf.Tensor1D;
  /** `count` continuous draws in the unit box (anywhere in the support). */
  protected abstract sampleTensor(count: number, rng: Rng): tf.Tensor2D;
  /** Weights and small JSON state for saving; weight tensors are read, not kept. */
  protected abstract serialize(): {
    state: Record<string, unknown>;
    weights: { name: string; tensor: tf.Tensor }[];
  };
  /** Data-dependent initialisation before the first training step (optional). */
  protected initialize?(batch: tf.Tensor2D): void;
  /** The log density that training steps use when it differs from `logProbTensor` (e.g. dropout); optional. */
  protected trainingLogProbTensor?(x: tf.Tensor2D): tf.Tensor1D;

  /**
   * Trains on `data` (in the data's units, see `scale`) with the shared engine, by the config's training
   * defaults with `options` over them; resolves with the history, also when aborted.
   *
   * @throws {ConfigError} (a `RangeError`) for a bad option; {@link InvalidPointsError} for bad points.
   *
   * @example
   * ```ts
   * const history = await model.fit(train, { epochs: 30, validation: 0.1, seed: 1 });
   * console.log(history.stoppedBy, history.bestEpoch, history.bestValNll);
   * ```
   */
  async fit(data: PointsLike, options: FitOptions = {}): Promise<History> {
    const { points, validation, onLattice } = this.fitData(data, options);
    const settings = resolveTrainSettings(
      {
        ...options,
        dequantize: options.dequantize ?? onLattice,
        ...(validation === undefined ? {} : { validation }),
      },
      points,
      { defaults: this.config.training, dim: this.dim, lattice: this.lattice },
    );
    const initialize = this.initialize?.bind(this);
    const trainingLogProb = this.trainingLogProbTensor?.bind(this);
    return this.fitting(() =>
      train(
        {
          variables: this.trainableVariables(),
          loss: (batch) => tf.neg(tf.mean(this.logProbTensor(batch))) as tf.Scalar,
          ...(initialize ? { initialize } : {}),
          ...(trainingLogProb
            ? { trainingLoss: (batch: tf.Tensor2D) => tf.neg(tf.mean(trainingLogProb(batch))) as tf.Scalar }
            : {}),
        },
        points,
        settings,
      ),
    );
  }

  protected logProbValues(points: Points): Promise<Float32Array> {
    return this.tensorDensity(points, (x) => this.logProbTensor(x));
  }

  protected sampleValues(count: number, rng: Rng): Promise<Float32Array> {
    return this.tensorValues(() => this.sampleTensor(count, rng));
  }

  protected async serializeValues(): Promise<{ state: Record<string, unknown>; weights: NamedWeight[] }> {
    const { state, weights } = this.serialize();
    const named: NamedWeight[] = [];
    for (const { name, tensor } of weights) {
      named.push({ name, shape: tensor.shape, values: (await tensor.data()) as Float32Array });
    }
    return { state, weights: named };
  }

  /** The values of a tensor density of `[n, dim]` points at one batch of `points`. */
  protected tensorDensity(points: Points, density: (x: tf.Tensor2D) => tf.Tensor1D): Promise<Float32Array> {
    return this.tensorValues(() => density(tf.tensor2d(points.data, [points.count, points.dim])));
  }

  /** The values of the tensor `make` returns (made inside `tf.tidy`, then freed). */
  private async tensorValues(make: () => tf.Tensor): Promise<Float32Array> {
    const t = tf.tidy(make);
    const values = (await t.data()) as Float32Array;
    t.dispose();
    return values;
  }
}
