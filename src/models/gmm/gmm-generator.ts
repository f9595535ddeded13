import type * as tf from '@tensorflow/tfjs-core';
import { isOnLattice, snapToLattice } from '../../data/lattice.js';
import { type Points, type PointsLike, toPoints } from '../../data/points.js';
import { toRng } from '../../data/rng.js';
import { FormatError } from '../../errors.js';
import type { GeneratorArtifacts } from '../../io/artifacts.js';
import { describeLocation } from '../../io/handlers.js';
import type { LoadOptions, ModelLocation } from '../../io/location.js';
import { loadArtifacts, saveArtifacts } from '../../io/save-load.js';
import type { History } from '../../train/history.js';
import type { FitOptions } from '../../train/options.js';
import type { GivenCoordinates } from '../conditional.js';
import type { Generator, SampleOptions, SampleWithLogProb } from '../generator.js';
import { generatorFromArtifacts, type ModelSpec, type RestoredModel } from '../model-spec.js';
import { coordinateIndex, givenColumns } from '../transformer/given.js';
import { conditionalLogMass, conditionalParts, sampleConditional } from './conditional.js';
import {
  GAUSSIAN_MIXTURE_DEFAULTS,
  type GaussianMixtureConfig,
  type GaussianMixtureOptions,
  resolveGaussianMixtureConfig,
} from './config.js';
import { fitMixture, type MixtureFitReport, meanNll, stacked } from './fit.js';
import type { Mixture } from './mixture.js';
import {
  fromValues,
  type MixtureValues,
  mixtureWeightSpecs,
  namedValues,
  toValues,
  valuesProblem,
} from './params.js';
import { boxMass, sampleTruncated, truncatedLogDensity } from './truncated.js';

const MAX_SAMPLES = 1e8;
const FIT_KEYS = new Set(['validation', 'dequantize', 'seed', 'callbacks', 'signal']);

/**
 * Options of {@link GaussianMixtureGenerator.sample} and `sampleWithLogProb`.
 *
 * @example
 * ```ts
 * import type { GaussianMixtureSampleOptions } from 'pointgen';
 * const whereBlueIs: GaussianMixtureSampleOptions = { given: { r: 0.1, g: 0.2, b: 0.9 }, seed: 1 };
 * const positions = await gmm.sample(200, whereBlueIs);
 * ```
 */
export interface GaussianMixtureSampleOptions extends SampleOptions {
  /**
   * Coordinates to hold fixed, by name (`x`, `y`, `r`, `g`, `b`) or index, any subset: one value per point or
   * one for all. The others are drawn exactly from the mixture's conditional distribution given them.
   */
  readonly given?: GivenCoordinates;
}

/**
 * The history of a {@link GaussianMixtureGenerator} fit: one record (the fitted mixture) and how EM got
 * there.
 *
 * @example
 * ```ts
 * import { GaussianMixtureGenerator, type GaussianMixtureHistory } from 'pointgen';
 * const history: GaussianMixtureHistory = await new GaussianMixtureGenerator().fit(points, { seed: 1 });
 * history.mixture.components; // components per member, as fitted
 * ```
 */
export interface GaussianMixtureHistory extends History {
  readonly mixture: MixtureFitReport;
}

/**
 * A full-covariance Gaussian mixture fitted by EM (k-means++ seeding, several seeded restarts keeping the
 * best, covariance regularisation), in plain float64 TypeScript: the 5 × 5 algebra needs no tensor kernels, so
 * fitting takes about a second on any backend. `members > 1` averages independently fitted mixtures.
 *
 * On lattice data it fits stacked dequantization draws, like the other models. The density is the mixture
 * truncated to the support `[0, 1 + step]^dim` and renormalised by its mass there (computed, see
 * docs/recipes.md for why this beats modelling logit-transformed data), so `logProb` integrates to 1 over the
 * support and every draw lies inside it. Conditionals on any subset of coordinates are closed form:
 * `sample(n, { given: { x, y } })` colours positions, `{ given: { r, g, b } }` places colours.
 *
 * @example
 * ```ts
 * import { datasets, GaussianMixtureGenerator } from 'pointgen';
 * const model = new GaussianMixtureGenerator();
 * await model.fit(datasets.coloredPi(), { seed: 1 });
 * const points = await model.sample(1000, { seed: 2 });
 * const blues = await model.sample(100, { given: { r: 0.1, g: 0.2, b: 0.9 }, seed: 3 }); // where blue occurs
 * model.dispose();
 * ```
 */
export class GaussianMixtureGenerator implements Generator<GaussianMixtureConfig> {
  /**
   * What generic code (loading, `loadGenerator`, the CLI) knows of this model. It has one preset: it is the
   * same-data baseline, fitted by EM to convergence rather than trained by the engine.
   *
   * @example
   * ```ts
   * GaussianMixtureGenerator.spec.presets.default.members; // 3
   * ```
   */
  static readonly spec: ModelSpec<GaussianMixtureConfig, GaussianMixtureGenerator> = {
    type: 'gaussian-mixture',
    presets: { default: GAUSSIAN_MIXTURE_DEFAULTS },
    resolveConfig: (options, argument) =>
      resolveGaussianMixtureConfig(options as GaussianMixtureOptions, argument),
    weightSpecs(config, state) {
      const k = state.components;
      if (!(typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= 1e6)) {
        throw new FormatError(`state.components must be a positive integer, got ${JSON.stringify(k)}`);
      }
      return mixtureWeightSpecs(k, config.dim);
    },
    checkRestored(config, restored) {
      const values = restoredValues(restored);
      const problem = valuesProblem(values, config.dim);
      if (problem) return problem;
      const mass = boxMass(
        fromValues(values, config.dim),
        new Array(config.dim).fill(0),
        supportUpper(config),
      );
      return Math.log(mass) > -700 ? undefined : 'the mixture has no mass inside the support';
    },
    create: (config, restored) => new GaussianMixtureGenerator(config, restored),
  };

  readonly type = 'gaussian-mixture';
  readonly dim: number;
  private readonly config: GaussianMixtureConfig;
  private readonly lower: readonly number[];
  private readonly upper: readonly number[];
  private values: MixtureValues | null = null;
  private mixture: Mixture | null = null;
  private logMass = 0;
  private disposed = false;
  private busy = false;

  /**
   * @param options Any config fields (see {@link GaussianMixtureConfig}).
   * @throws {RangeError} for a bad option.
   *
   * @example
   * ```ts
   * const small = new GaussianMixtureGenerator({ components: 10, members: 1 });
   * ```
   */
  constructor(options: GaussianMixtureOptions = {}, restored?: RestoredModel) {
    this.config = resolveGaussianMixtureConfig(options);
    this.dim = this.config.dim;
    this.lower = new Array(this.dim).fill(0);
    this.upper = supportUpper(this.config);
    if (restored) this.setValues(restoredValues(restored));
  }

  /**
   * Loads a model saved with `save`; the file is checked completely first. `options` can cancel or time out
   * the read (see {@link LoadOptions}).
   *
   * @throws {FormatError} for a file that is not a complete, consistent Gaussian mixture.
   *
   * @example
   * ```ts
   * const model = await GaussianMixtureGenerator.load('file://./models/gmm');
   * ```
   */
  static async load(source: ModelLocation, options: LoadOptions = {}): Promise<GaussianMixtureGenerator> {
    const artifacts = await loadArtifacts(source, options);
    return GaussianMixtureGenerator.fromArtifacts(artifacts, describeLocation(source));
  }

  /**
   * A model from already-read artifacts (see `loadArtifacts`), validated first.
   *
   * @throws {FormatError} as {@link GaussianMixtureGenerator.load}.
   *
   * @example
   * ```ts
   * import { GaussianMixtureGenerator, type GeneratorArtifacts } from 'pointgen';
   * declare const artifacts: GeneratorArtifacts;
   * const model = GaussianMixtureGenerator.fromArtifacts(artifacts);
   * ```
   */
  static fromArtifacts(artifacts: GeneratorArtifacts, source = 'artifacts'): GaussianMixtureGenerator {
    return generatorFromArtifacts(GaussianMixtureGenerator.spec, artifacts, source);
  }

  /**
   * A copy of the full configuration (plain JSON).
   *
   * @example
   * ```ts
   * gmm.getConfig().components; // 'scaled' unless set: the count then fitted is in fit's history
   * ```
   */
  getConfig(): GaussianMixtureConfig {
    return structuredClone(this.config) as GaussianMixtureConfig;
  }

  /**
   * The number of components of the fitted mixture (every member's), or 0 before `fit`.
   *
   * @example
   * ```ts
   * const fresh = new GaussianMixtureGenerator({ components: 10, members: 2 });
   * fresh.components; // 0
   * await fresh.fit(points, { seed: 1 });
   * fresh.components; // 20: two members of 10
   * ```
   */
  get components(): number {
    return this.mixture?.components ?? 0;
  }

  /**
   * True once {@link dispose} has run.
   *
   * @example
   * ```ts
   * gmm.dispose();
   * gmm.isDisposed; // true
   * ```
   */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Fits the mixture to `data` (values in [0, 1]). Of {@link FitOptions} it reads `seed` (default the config's),
   * `dequantize`, `validation` (points or a share, for `components: 'auto'` and the record's `valNll`),
   * `signal` (stops EM at the current iteration; later restarts and members are skipped) and
   * `callbacks.onEpochEnd` (called once, with the fitted mixture in place).
   *
   * @throws {RangeError} for an option a Gaussian mixture has no use for (e.g. `epochs`).
   *
   * @example
   * ```ts
   * const fresh = new GaussianMixtureGenerator({ components: 'auto' });
   * const history = await fresh.fit(train, { validation: test, seed: 1 }); // test chooses the count
   * ```
   */
  async fit(data: PointsLike, options: FitOptions = {}): Promise<GaussianMixtureHistory> {
    this.assertUsable('fit', true);
    const points = toPoints(data, { dim: this.dim, unitRange: true, argument: 'data' });
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options: expected an object, got ${String(options)}`);
    }
    for (const key of Object.keys(options)) {
      if (!FIT_KEYS.has(key)) {
        throw new RangeError(
          `options.${key}: not an option of GaussianMixtureGenerator.fit (EM runs to convergence; known: ${[...FIT_KEYS].join(', ')})`,
        );
      }
    }
    const lattice = this.config.latticeSteps;
    if (options.dequantize === true && lattice === null) {
      throw new RangeError('options.dequantize: this model has no lattice steps to dequantize with');
    }
    const steps = (options.dequantize ?? (lattice !== null && isOnLattice(points, lattice))) ? lattice : null;
    const validation = resolveValidation(options.validation, this.dim);
    const config =
      typeof options.validation === 'number'
        ? { ...this.config, validationFraction: options.validation }
        : this.config;
    const rng = toRng(options.seed ?? this.config.seed);
    const start = performance.now();
    this.busy = true;
    let report: MixtureFitReport;
    try {
      const context = {
        dequantize: steps,
        validation,
        lower: this.lower,
        upper: this.upper,
        signal: options.signal,
      };
      const fitted = fitMixture(points, config, context, rng);
      report = fitted.report;
      this.setValues(toValues(fitted.mixture));
      const mixture = this.mixture as Mixture;
      const seconds = (performance.now() - start) / 1000;
      const loss = meanNll(mixture, stacked(points, 1, steps, rng.fork()), context, this.logMass);
      const valNll = validation
        ? meanNll(mixture, stacked(validation, 1, steps, rng.fork()), context, this.logMass)
        : Number.NaN;
      // One record: the fitted mixture; its steps are EM iterations over every member and restart.
      const iterations = report.members.flatMap((m) => m.restarts).reduce((s, r) => s + r.iterations, 0);
      const record = { epoch: 1, steps: iterations, loss, valNll, seconds, learningRate: 0 };
      const history: GaussianMixtureHistory = {
        epochs: [record],
        initialValNll: Number.NaN,
        bestEpoch: 1,
        bestValNll: valNll,
        stoppedBy: options.signal?.aborted ? 'aborted' : 'epochs',
        steps: iterations,
        seconds,
        divergences: 0,
        mixture: report,
      };
      this.busy = false;
      await options.callbacks?.onEpochEnd?.(record);
      return history;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Draws `count` points; with `given`, the other coordinates given those. Snapped to the lattice unless
   * `continuous` (given coordinates come back exactly as given).
   *
   * @throws {RangeError} for a bad count or `given`; {@link InvalidPointsError} for a given value outside the support.
   *
   * @example
   * ```ts
   * const drawn = await gmm.sample(1000, { seed: 1 });
   * const coloured = await gmm.sample(3, { given: { x: [0.1, 0.5, 0.9], y: 0.5 }, seed: 1 });
   * ```
   */
  async sample(count: number, options: GaussianMixtureSampleOptions = {}): Promise<Points> {
    const { points, given } = this.draw(count, options, 'sample');
    const lattice = this.config.latticeSteps;
    if (options.continuous || lattice === null) return points;
    const snapped = snapToLattice(points, lattice);
    for (const j of given) {
      for (let i = 0; i < count; i++)
        snapped.data[i * this.dim + j] = points.data[i * this.dim + j] as number;
    }
    return snapped;
  }

  /**
   * Draws `count` continuous points (optionally with `given`, as `sample`) with their joint log densities.
   *
   * @example
   * ```ts
   * const { points, logProb } = await gmm.sampleWithLogProb(1000, { seed: 1 });
   * ```
   */
  async sampleWithLogProb(
    count: number,
    options: GaussianMixtureSampleOptions = {},
  ): Promise<SampleWithLogProb> {
    const { points } = this.draw(count, options, 'sampleWithLogProb');
    return { points, logProb: this.logProbOf(points) };
  }

  /**
   * Natural log density of each point in data space; `-Infinity` outside the support.
   *
   * @example
   * ```ts
   * const logp = await gmm.logProb(test);
   * const nll = -logp.reduce((sum, v) => sum + v, 0) / test.count; // nats per point
   * ```
   */
  async logProb(points: PointsLike): Promise<Float32Array> {
    this.assertUsable('logProb');
    return this.logProbOf(toPoints(points, { dim: this.dim, argument: 'points', allowEmpty: true }));
  }

  /**
   * `log p(rest | given)` in data space for each point: the density of the coordinates not in `given`
   * conditional on those in `given` (any subset, by name or index; none: `logProb`), exact up to the
   * support's box probabilities (computed; 1-D conditionals in closed form). `-Infinity` outside the support.
   *
   * @example
   * ```ts
   * const positionGivenColour = await model.conditionalLogProb(points, ['r', 'g', 'b']);
   * ```
   */
  async conditionalLogProb(points: PointsLike, given: readonly (string | number)[]): Promise<Float32Array> {
    this.assertUsable('conditionalLogProb');
    if (!Array.isArray(given))
      throw new TypeError(`given: expected an array of coordinates, got ${String(given)}`);
    const indices = given.map((key) => coordinateIndex(key, this.dim, 'given'));
    if (new Set(indices).size !== indices.length) throw new RangeError('given: a coordinate is given twice');
    const pts = toPoints(points, { dim: this.dim, argument: 'points', allowEmpty: true });
    const joint = this.logProbOf(pts);
    if (indices.length === 0) return joint;
    const sorted = [...indices].sort((a, b) => a - b);
    const out = new Float32Array(pts.count);
    if (sorted.length === this.dim) return out.fill(0);
    const parts = conditionalParts(this.fitted('conditionalLogProb'), sorted);
    const xb = columnsOf(pts, sorted);
    const mass = conditionalLogMass(
      parts,
      xb,
      pts.count,
      parts.free.map((j) => this.lower[j] as number),
      parts.free.map((j) => this.upper[j] as number),
    );
    // The joint holds the support's normaliser; the conditional does not: add it back.
    for (let i = 0; i < pts.count; i++) out[i] = (joint[i] as number) + this.logMass - (mass[i] as number);
    return out;
  }

  /**
   * Saves configuration and weights (float32 weights, means and Cholesky factors) to any `tf.io` destination.
   *
   * @example
   * ```ts
   * await gmm.save('file://./models/gmm');
   * ```
   */
  async save(destination: ModelLocation): Promise<tf.io.SaveResult> {
    this.assertUsable('save');
    const values = this.values;
    if (values === null) throw new Error(`${this.type}: save() called before fit()`);
    return saveArtifacts(
      {
        type: this.type,
        config: this.getConfig(),
        state: { components: values.weights.length },
        weights: namedValues(values, this.dim),
      },
      destination,
    );
  }

  /**
   * Frees the model (it holds no tensors); it cannot be used afterwards.
   *
   * @example
   * ```ts
   * gmm.dispose();
   * ```
   */
  dispose(): void {
    if (this.disposed) return;
    this.assertUsable('dispose', true);
    this.disposed = true;
    this.values = null;
    this.mixture = null;
  }

  private setValues(values: MixtureValues): void {
    const mixture = fromValues(values, this.dim);
    this.values = values;
    this.mixture = mixture;
    this.logMass = Math.log(boxMass(mixture, this.lower, this.upper));
  }

  private fitted(what: string): Mixture {
    if (this.mixture === null) throw new Error(`${this.type}: ${what}() called before fit()`);
    return this.mixture;
  }

  private assertUsable(what: string, changesModel = false): void {
    if (this.disposed) throw new Error(`${this.type}: ${what}() called after dispose()`);
    if (changesModel && this.busy) throw new Error(`${this.type}: ${what}() called while fit() is running`);
  }

  private logProbOf(points: Points): Float32Array {
    const mixture = this.fitted('logProb');
    const x = Float64Array.from(points.data);
    return Float32Array.from(
      truncatedLogDensity(mixture, this.logMass, x, points.count, this.lower, this.upper),
    );
  }

  /** Continuous draws inside the support, and the data indices held fixed. */
  private draw(
    count: number,
    options: GaussianMixtureSampleOptions,
    what: string,
  ): { points: Points; given: number[] } {
    this.assertUsable(what);
    if (!(Number.isInteger(count) && count >= 0 && count <= MAX_SAMPLES)) {
      throw new RangeError(`count: expected an integer in [0, ${MAX_SAMPLES}], got ${count}`);
    }
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`options: expected an object, got ${String(options)}`);
    }
    const mixture = this.fitted(what);
    const rng = toRng(options.seed);
    const columns = options.given ? givenColumns(options.given, this.dim, count, this.upper) : new Map();
    const given = [...columns.keys()].sort((a, b) => a - b);
    const d = this.dim;
    const out = new Float32Array(count * d);
    if (given.length === 0) {
      out.set(sampleTruncated(mixture, Math.exp(this.logMass), count, rng, this.lower, this.upper));
    } else {
      for (const j of given) {
        const column = columns.get(j) as Float32Array;
        for (let i = 0; i < count; i++) out[i * d + j] = column[i] as number;
      }
      if (given.length < d) {
        const parts = conditionalParts(mixture, given);
        const xb = columnsOf({ data: out, count, dim: d }, given);
        const lower = parts.free.map((j) => this.lower[j] as number);
        const upper = parts.free.map((j) => this.upper[j] as number);
        const drawn = sampleConditional(parts, xb, count, rng, lower, upper);
        const na = parts.free.length;
        for (let i = 0; i < count; i++) {
          parts.free.forEach((j, a) => {
            out[i * d + j] = drawn[i * na + a] as number;
          });
        }
      }
    }
    // float32 rounding can carry a draw just past an edge of the support: keep it on the edge.
    for (let k = 0; k < out.length; k++) {
      const hi = this.upper[k % d] as number;
      if ((out[k] as number) > hi) out[k] = Math.fround(hi) > hi ? prevFloat32(hi) : hi;
      else if ((out[k] as number) < 0) out[k] = 0;
    }
    return { points: { data: out, count, dim: d }, given };
  }
}

/** Upper end of the support per coordinate: `1 + step` on a lattice, else 1. */
function supportUpper(config: GaussianMixtureConfig): number[] {
  return Array.from({ length: config.dim }, (_, j) => 1 + (config.latticeSteps?.[j] ?? 0));
}

/** The mixture's values from weights checked against {@link mixtureWeightSpecs}. */
function restoredValues({ weights }: RestoredModel): MixtureValues {
  const get = (name: string) => weights.get(name)?.values as Float32Array;
  return { weights: get('weights'), means: get('means'), cholesky: get('cholesky') };
}

/** The columns `indices` of `points` as a float64 `count × indices.length` matrix. */
function columnsOf(points: Points, indices: readonly number[]): Float64Array {
  const { data, count, dim } = points;
  const out = new Float64Array(count * indices.length);
  for (let i = 0; i < count; i++) {
    indices.forEach((j, c) => {
      out[i * indices.length + c] = data[i * dim + j] as number;
    });
  }
  return out;
}

/** The largest float32 below `v`. */
function prevFloat32(v: number): number {
  const f = new Float32Array([v]);
  const bits = new Uint32Array(f.buffer);
  bits[0] = (bits[0] as number) - 1;
  return f[0] as number;
}

function resolveValidation(validation: FitOptions['validation'], dim: number): Points | null {
  if (validation === undefined || typeof validation === 'number') {
    if (typeof validation === 'number' && !(validation > 0 && validation < 1)) {
      throw new RangeError(`options.validation: expected a share in (0, 1) or points, got ${validation}`);
    }
    return null;
  }
  return toPoints(validation, { dim, unitRange: true, argument: 'options.validation' });
}
