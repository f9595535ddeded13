import * as tf from '@tensorflow/tfjs-core';
import { snapToLattice } from '../data/lattice.js';
import { type Points, type PointsLike, toPoints } from '../data/points.js';
import { type Rng, toRng } from '../data/rng.js';
import { FormatError, NonFiniteError } from '../errors.js';
import type { NamedWeight } from '../io/artifacts.js';
import type { ModelLocation } from '../io/location.js';
import { saveArtifacts } from '../io/save-load.js';
import { train } from '../train/engine.js';
import type { History } from '../train/history.js';
import type { FitOptions, TrainingConfig } from '../train/options.js';
import { resolveTrainSettings } from '../train/settings.js';
import type { Generator, SampleOptions, SampleWithLogProb } from './generator.js';

const CHUNK = 8192;
const MAX_SAMPLES = 1e8;
/** Draws with which `save` and the loaders check that a model still gives finite samples and densities. */
const PROBE_POINTS = 64;

const DIVERGED = 'the model has diverged (retrain it, e.g. with a smaller learning rate)';

/**
 * Rejects a just-loaded `model` whose samples or densities are not finite (a file of finite but diverged
 * weights) with a {@link FormatError} naming `source`, disposing it; returns it otherwise.
 */
export async function checkLoaded<G extends Generator>(model: G, source: string): Promise<G> {
  try {
    if (model instanceof BaseGenerator) await model.assertFinite();
    return model;
  } catch (e) {
    model.dispose();
    if (e instanceof NonFiniteError) throw new FormatError(`model ${source}: ${e.message}`, { cause: e });
    throw e;
  }
}

/**
 * The parts of {@link Generator} that do not depend on the model: input validation, batching, the support,
 * snapping samples to the lattice, the training engine, saving, disposal. A model supplies its log density,
 * its sampler, its variables and its serialised form.
 *
 * Support: a model trained on a lattice with steps `q` is a density on `[0, 1 + q_j]` per coordinate (the
 * dequantized data); without a lattice on `[0, 1]`.
 */
export abstract class BaseGenerator<Config> implements Generator<Config> {
  abstract readonly type: string;
  abstract readonly dim: number;
  private disposed = false;
  private busy = false;

  /** The lattice steps (one per coordinate) or `null`. */
  protected abstract readonly lattice: readonly number[] | null;
  /** Defaults of `fit`. */
  protected abstract readonly trainingDefaults: TrainingConfig;
  /** The variables `fit` trains. */
  protected abstract trainableVariables(): readonly tf.Variable[];
  /** Log density in data space of `[n, dim]` points inside the support. */
  protected abstract logProbTensor(x: tf.Tensor2D): tf.Tensor1D;
  /** `count` continuous draws in data space (anywhere in the support). */
  protected abstract sampleTensor(count: number, rng: Rng): tf.Tensor2D;
  /** Weights and small JSON state for saving; weight tensors are read, not kept. */
  protected abstract serialize(): {
    state: Record<string, unknown>;
    weights: { name: string; tensor: tf.Tensor }[];
  };
  /** Frees the model's tensors. */
  protected abstract disposeTensors(): void;
  abstract getConfig(): Config;
  /** Data-dependent initialisation before the first training step (optional). */
  protected initialize?(batch: tf.Tensor2D): void;
  /** The log density that training steps use when it differs from `logProbTensor` (e.g. dropout); optional. */
  protected trainingLogProbTensor?(x: tf.Tensor2D): tf.Tensor1D;

  /** Upper end of the support of each coordinate (the lower end is 0). */
  protected supportUpper(): number[] {
    return Array.from({ length: this.dim }, (_, j) => 1 + (this.lattice?.[j] ?? 0));
  }

  async fit(data: PointsLike, options: FitOptions = {}): Promise<History> {
    this.assertUsable('fit', true);
    const points = toPoints(data, { dim: this.dim, unitRange: true, argument: 'data' });
    const settings = resolveTrainSettings(options, points, {
      defaults: this.trainingDefaults,
      dim: this.dim,
      lattice: this.lattice,
    });
    this.busy = true;
    try {
      const initialize = this.initialize?.bind(this);
      const trainingLogProb = this.trainingLogProbTensor?.bind(this);
      return await train(
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
      );
    } finally {
      this.busy = false;
    }
  }

  async sample(count: number, options: SampleOptions = {}): Promise<Points> {
    const draws = await this.draw(count, options, 'sample');
    if (options.continuous || this.lattice === null) return draws;
    return snapToLattice(draws, this.lattice);
  }

  async sampleWithLogProb(count: number, options: SampleOptions = {}): Promise<SampleWithLogProb> {
    const points = await this.draw(count, options, 'sampleWithLogProb');
    return { points, logProb: await this.logProbOf(points) };
  }

  async logProb(points: PointsLike): Promise<Float32Array> {
    this.assertUsable('logProb');
    const pts = toPoints(points, { dim: this.dim, argument: 'points', allowEmpty: true });
    return this.logProbOf(pts);
  }

  async save(destination: ModelLocation): Promise<tf.io.SaveResult> {
    this.assertUsable('save');
    const { state, weights } = this.serialize();
    const named: NamedWeight[] = [];
    for (const { name, tensor } of weights) {
      const values = (await tensor.data()) as Float32Array;
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new NonFiniteError(
          `${this.type}: save() refused: weight ${name} holds ${values[bad]} at ${bad}`,
        );
      }
      named.push({ name, shape: tensor.shape, values });
    }
    await this.assertFinite();
    return saveArtifacts({ type: this.type, config: this.getConfig(), state, weights: named }, destination);
  }

  dispose(): void {
    if (this.disposed) return;
    this.assertUsable('dispose', true);
    this.disposed = true;
    this.disposeTensors();
  }

  /**
   * Draws a few points with their densities and throws when any is not finite: a model whose weights are
   * finite can still have diverged (huge weights give NaN samples), and such a model is neither saved nor loaded.
   *
   * @internal
   */
  async assertFinite(): Promise<void> {
    await this.sampleWithLogProb(PROBE_POINTS, { seed: 0 });
  }

  /** True once {@link dispose} has run. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Reading the model (`sample`, `logProb`, `save`) is allowed while `fit` runs, e.g. from its callbacks: the
   * weights only change inside a synchronous training step, so a read sees one consistent state.
   */
  protected assertUsable(what: string, changesModel = false): void {
    if (this.disposed) throw new Error(`${this.type}: ${what}() called after dispose()`);
    if (changesModel && this.busy) throw new Error(`${this.type}: ${what}() called while fit() is running`);
  }

  private async draw(count: number, options: SampleOptions, what: string): Promise<Points> {
    this.assertUsable(what);
    if (!(Number.isInteger(count) && count >= 0 && count <= MAX_SAMPLES)) {
      throw new RangeError(`count: expected an integer in [0, ${MAX_SAMPLES}], got ${count}`);
    }
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options: expected an object, got ${String(options)}`);
    }
    const rng = toRng(options.seed);
    const upper = this.supportUpper();
    const out = new Float32Array(count * this.dim);
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start);
      const t = tf.tidy(() => this.sampleTensor(n, rng));
      const values = await t.data();
      t.dispose();
      // Checked before the clamp below, which NaN would pass through.
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new NonFiniteError(
          `${this.type}: ${what}() drew ${values[bad]} in point ${start + Math.floor(bad / this.dim)}: ${DIVERGED}`,
        );
      }
      out.set(values, start * this.dim);
    }
    // Draws landing past the edge of the support (where the logit's alpha margin leaves room) go onto it.
    for (let k = 0; k < out.length; k++) {
      const hi = upper[k % this.dim] as number;
      const v = out[k] as number;
      if (v < 0) out[k] = 0;
      else if (v > hi) out[k] = hi;
    }
    return { data: out, count, dim: this.dim };
  }

  /** Log densities of validated points: `-Infinity` outside the support, the model's density inside. */
  private async logProbOf(points: Points): Promise<Float32Array> {
    const { data, count, dim } = points;
    const upper = this.supportUpper();
    const result = new Float32Array(count);
    const inside = new Float32Array(data);
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < dim; j++) {
        const v = data[i * dim + j] as number;
        if (v < 0 || v > (upper[j] as number)) {
          result[i] = Number.NEGATIVE_INFINITY;
          // Any point of the support will do: its density is computed and then discarded.
          for (let c = 0; c < dim; c++) inside[i * dim + c] = 0.5;
          break;
        }
      }
    }
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start);
      const t = tf.tidy(() =>
        this.logProbTensor(tf.tensor2d(inside.subarray(start * dim, (start + n) * dim), [n, dim])),
      );
      const values = await t.data();
      t.dispose();
      for (let k = 0; k < n; k++) {
        if (result[start + k] === Number.NEGATIVE_INFINITY) continue;
        if (Number.isNaN(values[k])) {
          throw new NonFiniteError(`${this.type}: the log density of point ${start + k} is NaN: ${DIVERGED}`);
        }
        result[start + k] = values[k] as number;
      }
    }
    return result;
  }
}
