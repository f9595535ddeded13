import type * as tf from '@tensorflow/tfjs-core';
import { type Points, type PointsLike, toPoints } from '../data/points.js';
import { type Rng, toRng } from '../data/rng.js';
import { FormatError, NonFiniteError } from '../errors.js';
import type { GeneratorArtifacts, NamedWeight } from '../io/artifacts.js';
import { describeLocation } from '../io/handlers.js';
import type { LoadOptions, ModelLocation } from '../io/location.js';
import { loadArtifacts, saveArtifacts } from '../io/save-load.js';
import type { History } from '../train/history.js';
import type { FitOptions } from '../train/options.js';
import { checkCount, drawInBatches, scoreInBatches } from './batches.js';
import type { ConditionalSampleOptions } from './conditional.js';
import { DataSpace } from './data-space.js';
import type { Generator, SampleOptions, SampleWithLogProb } from './generator.js';
import { coordinateIndex } from './given.js';
import { type GeneratorConfig, generatorFromArtifacts, type ModelSpec } from './model-spec.js';

/** Draws with which `save` and the loaders check that a model still gives finite samples and densities. */
const PROBE_POINTS = 64;

/**
 * Rejects a just-loaded `model` whose samples or densities are not finite (a file of finite but diverged
 * weights) with a {@link FormatError} naming `source`, disposing it; returns it otherwise.
 */
export async function checkLoaded<G extends Generator>(model: G, source: string): Promise<G> {
  try {
    if (model instanceof GenericGenerator) await model.assertFinite();
    return model;
  } catch (e) {
    model.dispose();
    if (e instanceof NonFiniteError) throw new FormatError(`model ${source}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** What `fit` works on, in the unit box (see {@link GenericGenerator.fitData}). */
export interface FitData {
  /** The training points in the unit box. */
  readonly points: Points;
  /** `options.validation`: a share as given, or points mapped into the unit box. */
  readonly validation: number | Points | undefined;
  /** Whether the training points (in the user's units) lie on the model's lattice. */
  readonly onLattice: boolean;
}

/**
 * The parts of {@link Generator} that depend neither on the model nor on how it computes: the configuration,
 * the {@link DataSpace} (scale and lattice), input checks and count limits, batching, the support, snapping,
 * the scale's Jacobian, saving named values, loading, disposal. A model supplies its log density and sampler
 * on plain arrays in the unit box, its saved values and `fit`; `BaseGenerator` supplies them from tensors.
 *
 * Support: a model trained on a lattice with unit-box steps `q` is a density on `[0, 1 + q_j]` per coordinate
 * of the unit box (the dequantized data); without a lattice on `[0, 1]`.
 */
export abstract class GenericGenerator<
  Config extends GeneratorConfig,
  Options extends SampleOptions = SampleOptions,
> implements Generator<Config>
{
  abstract readonly type: string;
  /**
   * Coordinates per point.
   *
   * @example
   * ```ts
   * const origin = { data: new Float32Array(model.dim), dim: model.dim }; // one point, all zeros
   * ```
   */
  readonly dim: number;
  /** The resolved configuration (its `'auto'` data fields resolved by the first `fit`). */
  protected config: Config;
  /** The lattice steps inside the unit box the model works in (0 for a continuous coordinate), or `null`. */
  protected lattice: readonly number[] | null;
  private dataSpace: DataSpace;
  private disposed = false;
  private busy = false;

  /** @param config The resolved configuration (see each model's `resolve…Config`). */
  constructor(config: Config) {
    this.config = config;
    this.dim = config.dim;
    this.dataSpace = DataSpace.fromFields(config, config.dim);
    this.lattice = this.dataSpace.unitSteps;
  }

  /**
   * Loads a model saved with `save`; the file is checked completely before the model is built. `options` can
   * cancel or time out the read (see {@link LoadOptions}).
   *
   * @throws {FormatError} for a file that is not a complete, consistent model of this class.
   *
   * @example
   * ```ts
   * const model = await RealNVPGenerator.load('file://./models/realnvp');
   * ```
   */
  static async load<G extends Generator>(
    this: { readonly spec: ModelSpec<GeneratorConfig, G> },
    source: ModelLocation,
    options: LoadOptions = {},
  ): Promise<G> {
    const where = describeLocation(source);
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass called, whose spec is wanted.
    const model = generatorFromArtifacts(this.spec, await loadArtifacts(source, options), where);
    return checkLoaded(model, where);
  }

  /**
   * A model from already-read artifacts (see `loadArtifacts`), validated first.
   *
   * @throws {FormatError} as `load`.
   *
   * @example
   * ```ts
   * import { type GeneratorArtifacts, RealNVPGenerator } from 'pointgen';
   * declare const artifacts: GeneratorArtifacts;
   * const model = RealNVPGenerator.fromArtifacts(artifacts);
   * ```
   */
  static fromArtifacts<G extends Generator>(
    this: { readonly spec: ModelSpec<GeneratorConfig, G> },
    artifacts: GeneratorArtifacts,
    source = 'artifacts',
  ): G {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass called, whose spec is wanted.
    return generatorFromArtifacts(this.spec, artifacts, source);
  }

  /**
   * Fits the model to `data` (in the data's units); resolves with the history, also when aborted.
   *
   * @example
   * ```ts
   * const history = await model.fit(train, { seed: 1 });
   * ```
   */
  abstract fit(data: PointsLike, options?: FitOptions): Promise<History>;
  /** Log densities in the unit box of one batch of points inside the support. */
  protected abstract logProbValues(points: Points): Float32Array | Promise<Float32Array>;
  /** `count` continuous draws in the unit box (anywhere in the support), row-major. */
  protected abstract sampleValues(count: number, rng: Rng): Float32Array | Promise<Float32Array>;
  /** Named float32 values and small JSON state for saving. */
  protected abstract serializeValues():
    | { state: Record<string, unknown>; weights: NamedWeight[] }
    | Promise<{ state: Record<string, unknown>; weights: NamedWeight[] }>;
  /** Frees what the model holds (its tensors, its parameters). */
  protected abstract release(): void;
  /**
   * Called when the first `fit` has resolved `'auto'` data fields (`config` and `lattice` are updated): a model
   * rebuilds what depends on the lattice (optional).
   */
  protected dataSpaceResolved?(): void;

  /** Where the unit box meets the user's units: the scale and the lattice of the data. */
  protected get space(): DataSpace {
    return this.dataSpace;
  }

  /** Upper end of the support of each coordinate in the unit box (the lower end is 0). */
  protected supportUpper(): number[] {
    return this.space.supportUpper();
  }

  /**
   * A copy of the full configuration (plain JSON); `new` of the same class with it rebuilds the architecture.
   *
   * @example
   * ```ts
   * const twin = new MaskedTransformerGenerator(model.getConfig()); // same architecture, fresh weights
   * ```
   */
  getConfig(): Config {
    return structuredClone(this.config) as Config;
  }

  /**
   * Draws `count` new points, snapped onto the lattice unless `options.continuous`; coordinates given in
   * `options.given` (a conditional model's) come back exactly as given.
   *
   * @throws {RangeError} for a bad count or option; `TypeError` for `given` on a model that cannot condition.
   *
   * @example
   * ```ts
   * const drawn = await model.sample(1000, { seed: 1 }); // the same 1000 points on every run
   * const coloured = await model.sample(2, { given: { x: [0.2, 0.7], y: [0.4, 0.6] }, seed: 1 }); // conditional models
   * ```
   */
  async sample(count: number, options: Options = {} as Options): Promise<Points> {
    return this.snapped(await this.drawFor(count, options, 'sample'), options);
  }

  /**
   * Draws `count` continuous points (with `given`, as `sample`) with their log densities.
   *
   * @example
   * ```ts
   * const { points, logProb } = await model.sampleWithLogProb(100, { seed: 1 });
   * ```
   */
  async sampleWithLogProb(count: number, options: Options = {} as Options): Promise<SampleWithLogProb> {
    return this.withLogProb(await this.drawFor(count, options, 'sampleWithLogProb'));
  }

  async logProb(points: PointsLike): Promise<Float32Array> {
    this.assertUsable('logProb');
    const pts = toPoints(points, { dim: this.dim, argument: 'points', allowEmpty: true });
    return this.densityOf(this.toUnitBox(pts));
  }

  async save(destination: ModelLocation): Promise<tf.io.SaveResult> {
    this.assertUsable('save');
    const { state, weights } = await this.serializeValues();
    for (const { name, values } of weights) {
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new NonFiniteError(
          `${this.type}: save() refused: weight ${name} holds ${values[bad]} at ${bad}`,
        );
      }
    }
    await this.assertFinite();
    return saveArtifacts({ type: this.type, config: this.getConfig(), state, weights }, destination);
  }

  dispose(): void {
    if (this.disposed) return;
    this.assertUsable('dispose', true);
    this.disposed = true;
    this.release();
  }

  /**
   * Draws a few points with their densities and throws when any is not finite: a model whose weights are
   * finite can still have diverged (huge weights give NaN samples), and such a model is neither saved nor loaded.
   *
   * @internal
   */
  async assertFinite(): Promise<void> {
    await this.sampleWithLogProb(PROBE_POINTS, { seed: 0 } as Options);
  }

  /**
   * True once {@link dispose} has run.
   *
   * @example
   * ```ts
   * model.dispose();
   * model.isDisposed; // true
   * ```
   */
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

  /**
   * The first steps of every `fit`: the checks, the data space resolved on the first fit's points (its
   * `'auto'` fields), and the training and validation points in the unit box, checked to lie in the model's box.
   */
  protected fitData(data: PointsLike, options: FitOptions): FitData {
    this.assertUsable('fit', true);
    const raw = toPoints(data, { dim: this.dim, argument: 'data' });
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options: expected an object, got ${String(options)}`);
    }
    if (!this.space.resolved) {
      this.dataSpace = DataSpace.resolve(this.config, raw);
      this.config = { ...this.config, ...this.space.fields() };
      this.lattice = this.space.unitSteps;
      this.dataSpaceResolved?.();
    }
    const points = this.unitPoints(raw, 'data');
    const { validation } = options;
    return {
      points,
      validation:
        validation === undefined || typeof validation === 'number'
          ? validation
          : this.unitPoints(
              toPoints(validation, { dim: this.dim, argument: 'options.validation' }),
              'options.validation',
            ),
      // Whether the data lies on its lattice is a question about the user's units, not the unit box's.
      onLattice: this.space.isOnLattice(raw),
    };
  }

  /** Runs the part of `fit` that changes the model; other changes (`fit`, `dispose`) are refused meanwhile. */
  protected async fitting<T>(run: () => T | Promise<T>): Promise<T> {
    this.busy = true;
    try {
      return await run();
    } finally {
      this.busy = false;
    }
  }

  /**
   * The continuous draws in the unit box behind `sample` and `sampleWithLogProb` (`what` names the call). A
   * model whose sample options go beyond {@link SampleOptions} (given coordinates, a temperature) overrides
   * it; here `given` is refused.
   */
  protected drawFor(count: number, options: Options, what: string): Promise<Points> {
    if ((options as ConditionalSampleOptions | null)?.given !== undefined) {
      throw new TypeError(
        `${this.type}: options.given: this model cannot condition on given coordinates (see isConditional)`,
      );
    }
    return this.draw(count, options, what);
  }

  /**
   * `count` continuous draws, batch by batch: `batch(n, rng, start)` draws points `start…start+n-1` (by
   * default through `sampleValues`).
   */
  protected async draw(
    count: number,
    options: SampleOptions,
    what: string,
    batch: (n: number, rng: Rng, start: number) => Float32Array | Promise<Float32Array> = (n, rng) =>
      this.sampleValues(n, rng),
  ): Promise<Points> {
    this.assertUsable(what);
    checkCount(count);
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options: expected an object, got ${String(options)}`);
    }
    const rng = toRng(options.seed);
    return drawInBatches(
      count,
      this.supportUpper(),
      (n, start) => batch(n, rng, start),
      `${this.type}: ${what}()`,
    );
  }

  /**
   * Draws of the unit box in the user's units, snapped onto the lattice unless `options.continuous` (or no
   * lattice); the coordinates in `given` come back exactly as given (snapping is for the model's own draws).
   */
  protected snapped(draws: Points, options: ConditionalSampleOptions): Points {
    const points = this.space.fromUnit(draws, options.continuous === true);
    const { count, dim } = draws;
    for (const [key, values] of Object.entries(options.given ?? {})) {
      const j = coordinateIndex(key, dim, 'options.given');
      for (let i = 0; i < count; i++) {
        points.data[i * dim + j] = typeof values === 'number' ? values : (values[i] as number);
      }
    }
    return points;
  }

  /** Points in the user's units mapped into the unit box (outside it when outside the model's box). */
  protected toUnitBox(points: Points): Points {
    return this.space.toUnit(points);
  }

  /** Continuous draws of the unit box in the user's units, with their log densities in those units. */
  protected async withLogProb(draws: Points): Promise<SampleWithLogProb> {
    return { points: this.space.fromUnit(draws, true), logProb: await this.densityOf(draws) };
  }

  /**
   * Log densities (in the user's units) of validated points of the unit box, batch by batch through
   * `density` (by default `logProbValues`): `-Infinity` outside the support, the model's density inside.
   * `columns` are the coordinates the density is over (default all), whose scale Jacobian it includes.
   */
  protected async densityOf(
    points: Points,
    density: (inside: Points) => Float32Array | Promise<Float32Array> = (x) => this.logProbValues(x),
    columns?: readonly number[],
  ): Promise<Float32Array> {
    const result = await scoreInBatches(points, this.supportUpper(), density, this.type);
    const { count } = points;
    const jacobian = this.space.scaler.logJacobianOf(columns);
    if (jacobian !== 0) for (let i = 0; i < count; i++) result[i] = (result[i] as number) + jacobian;
    return result;
  }

  /** Training points in the unit box, checked to lie in the model's box. */
  private unitPoints(points: Points, argument: string): Points {
    this.space.scaler.assertInside(points, argument);
    return this.space.toUnit(points);
  }
}
