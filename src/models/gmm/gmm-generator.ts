import { type Points, type PointsLike, selectColumns, toPoints } from '../../data/points.js';
import { type Rng, toRng } from '../../data/rng.js';
import { ConfigError, FormatError } from '../../errors.js';
import type { NamedWeight } from '../../io/artifacts.js';
import type { History } from '../../train/history.js';
import type { FitOptions } from '../../train/options.js';
import { dequantizeSteps } from '../../train/settings.js';
import { checkCount } from '../batches.js';
import type { ConditionalGenerator, ConditionalQuantileOptions, GivenCoordinates } from '../conditional.js';
import { DataSpace } from '../data-space.js';
import type { SampleOptions } from '../generator.js';
import { GenericGenerator } from '../generic-generator.js';
import { coordinateIndex, givenColumns, quantileArguments } from '../given.js';
import type { ModelSpec, RestoredModel } from '../model-spec.js';
import {
  type ConditionalParts,
  conditionalLogMass,
  conditionalParts,
  sampleConditional,
} from './conditional.js';
import {
  GAUSSIAN_MIXTURE_DEFAULTS,
  GAUSSIAN_MIXTURE_SCHEMA,
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
import { nextCoordinateQuantiles } from './quantile.js';
import { boxMass, float32Inside, sampleTruncated, truncatedLogDensity } from './truncated.js';

const FIT_KEYS = ['validation', 'dequantize', 'seed', 'callbacks', 'signal'];

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
   * Coordinates to hold fixed, by name (`x`, `y`, `r`, `g`, `b`) or index, any subset, in the data's units: one
   * value per point or one for all. The others are drawn exactly from the mixture's conditional given them.
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
 * Like the other models it finds the data's lattice and box at the first `fit` (`latticeSteps`, `scale`) and
 * works in the unit box: on lattice data it fits stacked dequantization draws, and the density is the mixture
 * truncated to the support `[0, 1 + step]^dim` and renormalised by its mass there (computed, see
 * docs/recipes.md for why this beats modelling logit-transformed data), so `logProb` (in the data's units)
 * integrates to 1 over the support and every draw lies inside it. Conditionals on any subset of coordinates
 * are closed form: `sample(n, { given: { x, y } })` colours positions, `{ given: { r, g, b } }` places colours.
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
export class GaussianMixtureGenerator
  extends GenericGenerator<GaussianMixtureConfig, GaussianMixtureSampleOptions>
  implements ConditionalGenerator<GaussianMixtureConfig>
{
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
      const upper = DataSpace.fromFields(config, config.dim).supportUpper();
      const mass = boxMass(fromValues(values, config.dim), zeros(config.dim), upper);
      return Math.log(mass) > -700 ? undefined : 'the mixture has no mass inside the support';
    },
    create: (config, restored) => new GaussianMixtureGenerator(config, restored),
  };

  /**
   * The model type, as written in saved files and read by `loadGenerator`.
   *
   * @example
   * ```ts
   * new GaussianMixtureGenerator().type; // 'gaussian-mixture'
   * ```
   */
  readonly type = 'gaussian-mixture';
  private values: MixtureValues | null = null;
  private mixture: Mixture | null = null;
  /** Log of the mixture's mass inside the support: the truncated density's normaliser. */
  private logMass = 0;

  /**
   * @param options Any config fields (see {@link GaussianMixtureConfig}).
   * @param restored Internal: weights read from a model file (see `GaussianMixtureGenerator.load`).
   * @throws {ConfigError} (a `RangeError`) for a bad option.
   *
   * @example
   * ```ts
   * const small = new GaussianMixtureGenerator({ components: 10, members: 1 });
   * const pixels = new GaussianMixtureGenerator({ scale: { min: 0, max: [640, 480, 1, 1, 1] } });
   * ```
   */
  constructor(options: GaussianMixtureOptions = {}, restored?: RestoredModel) {
    super(resolveGaussianMixtureConfig(options));
    if (restored) this.setValues(restoredValues(restored));
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
   * Fits the mixture to `data` (in the data's units, see `scale`). Of {@link FitOptions} it reads `seed`
   * (default the config's), `dequantize`, `validation` (points or a share, for `components: 'auto'` and the
   * record's `valNll`), `signal` (stops EM at the current iteration; later restarts and members are skipped)
   * and `callbacks.onEpochEnd` (called once, with the fitted mixture in place).
   *
   * @throws {ConfigError} (a `RangeError`) for an option a Gaussian mixture has no use for (e.g. `epochs`).
   *
   * @example
   * ```ts
   * const fresh = new GaussianMixtureGenerator({ components: 'auto' });
   * const history = await fresh.fit(train, { validation: test, seed: 1 }); // test chooses the count
   * ```
   */
  async fit(data: PointsLike, options: FitOptions = {}): Promise<GaussianMixtureHistory> {
    for (const key of typeof options === 'object' && options !== null ? Object.keys(options) : []) {
      if (!FIT_KEYS.includes(key)) {
        throw new ConfigError(
          `options.${key}`,
          'unknown-key',
          `not an option of GaussianMixtureGenerator.fit (EM runs to convergence; known: ${FIT_KEYS.join(', ')})`,
        );
      }
    }
    const { points, validation, onLattice } = this.fitData(data, options);
    const steps = dequantizeSteps(options.dequantize, this.lattice, () => onLattice);
    const config =
      typeof validation === 'number'
        ? {
            ...this.config,
            validationFraction: GAUSSIAN_MIXTURE_SCHEMA.fields.validationFraction.parse(
              validation,
              'options.validation',
              {},
            ),
          }
        : this.config;
    const held = typeof validation === 'object' ? validation : null;
    const rng = toRng(options.seed ?? this.config.seed);
    const start = performance.now();
    const context = { dequantize: steps, validation: held, ...this.box(), signal: options.signal };
    const fitted = await this.fitting(() => {
      const result = fitMixture(points, config, context, rng);
      this.setValues(toValues(result.mixture));
      return result;
    });
    const mixture = this.mixture as Mixture;
    const seconds = (performance.now() - start) / 1000;
    const loss = meanNll(mixture, stacked(points, 1, steps, rng.fork()), context, this.logMass);
    const valNll = held
      ? meanNll(mixture, stacked(held, 1, steps, rng.fork()), context, this.logMass)
      : Number.NaN;
    // One record: the fitted mixture; its steps are EM iterations over every member and restart.
    const iterations = fitted.report.members.flatMap((m) => m.restarts).reduce((s, r) => s + r.iterations, 0);
    const record = { epoch: 1, steps: iterations, loss, valNll, seconds, learningRate: 0 };
    await options.callbacks?.onEpochEnd?.(record);
    return {
      epochs: [record],
      initialValNll: Number.NaN,
      bestEpoch: 1,
      bestValNll: valNll,
      stoppedBy: options.signal?.aborted ? 'aborted' : 'epochs',
      steps: iterations,
      seconds,
      divergences: 0,
      mixture: fitted.report,
    };
  }

  /**
   * `log p(rest | given)` in the data's units for each point: the density of the coordinates not in `given`
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
    if (indices.length === this.dim) return new Float32Array(pts.count);
    const unit = this.toUnitBox(pts);
    if (indices.length === 0) return this.densityOf(unit);
    const parts = this.conditional(indices);
    const density = async (inside: Points) => {
      const joint = this.logProbValues(inside);
      const mass = conditionalLogMass(parts, Float64Array.from(selectColumns(inside, parts.given).data));
      // The joint holds the support's normaliser; the conditional does not: add it back.
      return joint.map((v, i) => v + this.logMass - (mass[i] as number));
    };
    return this.densityOf(unit, density, parts.free);
  }

  /**
   * The `quantile` (default 0.5) of the next coordinate given `options.given` for each of `count` points, in
   * the data's units: the lowest-index coordinate not given (`given: { x, y }`: r). Closed form but for the
   * other free coordinates' truncation (see `coordinateQuantiles`); snapped like `sample`'s unless `continuous`.
   *
   * @throws {RangeError} for a bad count or quantile, `given` as in `sample`, or every coordinate given.
   *
   * @example
   * ```ts
   * const { coordinate, values } = await gmm.conditionalQuantile(2, { given: { x: [0.3, 0.8], y: 0.5 } });
   * ```
   */
  async conditionalQuantile(
    count: number,
    options: ConditionalQuantileOptions = {},
  ): Promise<{ coordinate: number; values: Float32Array }> {
    this.assertUsable('conditionalQuantile');
    const quantile = quantileArguments(count, options);
    const upper = this.supportUpper();
    const columns = givenColumns(this.space.unitGiven(options.given ?? {}), this.dim, count, upper);
    const { coordinate, values } = nextCoordinateQuantiles(this.fitted, columns, count, upper, quantile);
    return { coordinate, values: this.space.userValues(coordinate, values, options.continuous === true) };
  }

  /** Before `fit` there is no mixture: every use but `fit` and `dispose` says so. */
  protected override assertUsable(what: string, changesModel = false): void {
    super.assertUsable(what, changesModel);
    if (!changesModel && this.mixture === null)
      throw new Error(`${this.type}: ${what}() called before fit()`);
  }

  protected logProbValues(points: Points): Float32Array {
    const x = Float64Array.from(points.data);
    const { lower, upper } = this.box();
    return Float32Array.from(truncatedLogDensity(this.fitted, this.logMass, x, points.count, lower, upper));
  }

  protected sampleValues(count: number, rng: Rng): Float32Array {
    const { lower, upper } = this.box();
    const mass = Math.exp(this.logMass);
    return float32Inside(sampleTruncated(this.fitted, mass, count, rng, lower, upper), upper);
  }

  protected serializeValues(): { state: Record<string, unknown>; weights: NamedWeight[] } {
    const values = this.values as MixtureValues;
    return { state: { components: values.weights.length }, weights: namedValues(values, this.dim) };
  }

  protected release(): void {
    this.values = null;
    this.mixture = null;
  }

  /** The mixture, once `assertUsable` has checked that there is one. */
  private get fitted(): Mixture {
    return this.mixture as Mixture;
  }

  /** The support in the unit box. */
  private box(): { lower: readonly number[]; upper: readonly number[] } {
    return { lower: zeros(this.dim), upper: this.supportUpper() };
  }

  private setValues(values: MixtureValues): void {
    const mixture = fromValues(values, this.dim);
    const { lower, upper } = this.box();
    this.values = values;
    this.mixture = mixture;
    this.logMass = Math.log(boxMass(mixture, lower, upper));
  }

  /** The closed-form conditional given the coordinates `indices` (a non-empty proper subset). */
  private conditional(indices: readonly number[]): ConditionalParts {
    const { lower, upper } = this.box();
    const sorted = [...indices].sort((a, b) => a - b);
    return conditionalParts(this.fitted, sorted, lower, upper);
  }

  /**
   * Continuous draws in the unit box; with `given`, those coordinates held and the rest drawn given them.
   *
   * @throws {RangeError} for a bad count or `given`; {@link InvalidPointsError} for a given value outside the support.
   */
  protected override async drawFor(
    count: number,
    options: GaussianMixtureSampleOptions,
    what: string,
  ): Promise<Points> {
    if (options?.given === undefined) return super.drawFor(count, options, what);
    this.assertUsable(what);
    checkCount(count);
    const given = this.space.unitGiven(options.given);
    const columns = givenColumns(given, this.dim, count, this.supportUpper());
    const parts = columns.size < this.dim ? this.conditional([...columns.keys()]) : null;
    const { upper } = this.box();
    const d = this.dim;
    return this.draw(count, options, what, (n, rng, start) => {
      const out = new Float32Array(n * d);
      for (const [j, column] of columns)
        for (let i = 0; i < n; i++) out[i * d + j] = column[start + i] as number;
      if (parts) {
        const xb = selectColumns({ data: out, count: n, dim: d }, parts.given).data;
        const drawn = sampleConditional(parts, Float64Array.from(xb), rng);
        const na = parts.free.length;
        for (let i = 0; i < n; i++) {
          for (const [a, j] of parts.free.entries()) out[i * d + j] = drawn[i * na + a] as number;
        }
      }
      return float32Inside(out, upper);
    });
  }
}

function zeros(dim: number): number[] {
  return new Array(dim).fill(0);
}

/** The mixture's values from weights checked against {@link mixtureWeightSpecs}. */
function restoredValues({ weights }: RestoredModel): MixtureValues {
  const get = (name: string) => weights.get(name)?.values as Float32Array;
  return { weights: get('weights'), means: get('means'), cholesky: get('cholesky') };
}
