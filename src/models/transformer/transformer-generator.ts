import * as tf from '@tensorflow/tfjs-core';
import { type Points, type PointsLike, toPoints } from '../../data/points.js';
import { Rng } from '../../data/rng.js';
import { BaseGenerator } from '../base-generator.js';
import { checkCount, chunks } from '../batches.js';
import type { ConditionalGenerator, ConditionalQuantileOptions } from '../conditional.js';
import { coordinateIndex, prefixLength, quantileArguments, resolveGiven } from '../given.js';
import type { ModelSpec, RestoredModel } from '../model-spec.js';
import type { BinnedDistribution } from './binned.js';
import {
  MASKED_TRANSFORMER_PRESETS,
  type MaskedTransformerConfig,
  type MaskedTransformerOptions,
  type MaskedTransformerSampleOptions,
  resolveMaskedTransformerConfig,
} from './config.js';
import { positionLogDensities } from './density.js';
import { decodePrefix, generate } from './generate.js';
import { outputDistributions } from './heads.js';
import {
  chooseMembers,
  initMembers,
  membersFromValues,
  memberWeightShapes,
  namedMemberWeights,
} from './members.js';
import { mixtureQuantile } from './quantile.js';
import type { TransformerWeights } from './weights.js';

/**
 * An autoregressive transformer over the coordinates of a point: position `i` of a causally masked
 * transformer sees a learned start token and the coordinates before `i` (in a configurable order, default
 * x, y, b, r, g), and outputs the distribution of coordinate `i`. Each conditional is a distribution over
 * lattice bins with uniform density inside each bin, so `logProb` is the exact sum of the conditional log
 * densities in data space. Sampling draws one coordinate after another for the whole batch (one pass per
 * coordinate) and can hold a prefix of the order fixed: colour given positions, or draw `y, r, g, b` given `x`.
 *
 * With `members > 1` the model is an equal-weight mixture of that many independently trained transformers
 * (an ensemble); densities, conditionals and conditional sampling are those of the mixture, exactly.
 *
 * Unlike the seed project's "MaskedTransformer", which reconstructed randomly chosen training points, this model
 * never reads training points when sampling.
 *
 * @example
 * ```ts
 * import { datasets, MaskedTransformerGenerator } from 'pointgen';
 * const model = new MaskedTransformerGenerator();
 * await model.fit(datasets.coloredPi(), { epochs: 20, seed: 1 });
 * const points = await model.sample(1000, { seed: 2 });
 * // Colour 100 positions: x and y fixed, r, g, b drawn given them.
 * const xs = Array.from({ length: 100 }, (_, i) => i / 100);
 * const coloured = await model.sample(100, { given: { x: xs, y: 0.5 }, seed: 3 });
 * model.dispose();
 * ```
 */
export class MaskedTransformerGenerator
  extends BaseGenerator<MaskedTransformerConfig, MaskedTransformerSampleOptions>
  implements ConditionalGenerator<MaskedTransformerConfig>
{
  /**
   * What generic code (loading, `loadGenerator`, the CLI) knows of this model.
   *
   * @example
   * ```ts
   * MaskedTransformerGenerator.spec.presets.default.members; // the ensemble size of `new`
   * ```
   */
  static readonly spec: ModelSpec<MaskedTransformerConfig, MaskedTransformerGenerator> = {
    type: 'masked-transformer',
    deprecatedNames: ['transformer'],
    presets: MASKED_TRANSFORMER_PRESETS,
    resolveConfig: (options, argument) =>
      resolveMaskedTransformerConfig(options as MaskedTransformerOptions, argument),
    weightSpecs: (config) => memberWeightShapes(config).map(([name, shape]) => ({ name, shape })),
    create: (config, restored) => new MaskedTransformerGenerator(config, restored),
  };

  readonly type = 'masked-transformer';
  private members: readonly TransformerWeights[];
  private distributions: readonly BinnedDistribution[];
  private readonly dropoutRng: Rng;

  /**
   * @param options A preset name and any config fields to override (see {@link MaskedTransformerConfig}).
   * @param restored Internal: weights read from a model file (see `MaskedTransformerGenerator.load`).
   * @throws {RangeError} for a bad option.
   *
   * @example
   * ```ts
   * const model = new MaskedTransformerGenerator({ preset: 'original', training: { epochs: 40 } });
   * ```
   */
  constructor(options: MaskedTransformerOptions = {}, restored?: RestoredModel) {
    const config = resolveMaskedTransformerConfig(options);
    super(config);
    this.distributions = outputDistributions(config);
    const rng = new Rng(config.seed);
    this.members = restored
      ? membersFromValues(config, new Map([...restored.weights].map(([name, w]) => [name, w.values])))
      : initMembers(config, rng);
    this.dropoutRng = rng.fork();
  }

  /**
   * Natural log density of the coordinates not in `given` conditional on those in `given`, in data space:
   * `log p(rest | given)`. `given` must be the first coordinates of the generation order (by column name or
   * index); with none it is `logProb`. Points with a coordinate outside the support get `-Infinity`.
   *
   * @throws {RangeError} for coordinates that are not a prefix of the order; {@link InvalidPointsError} for
   * malformed points.
   *
   * @example
   * ```ts
   * const colourGivenPosition = await model.conditionalLogProb(points, ['x', 'y']);
   * ```
   */
  async conditionalLogProb(points: PointsLike, given: readonly (string | number)[]): Promise<Float32Array> {
    this.assertUsable('conditionalLogProb');
    if (!Array.isArray(given))
      throw new TypeError(`given: expected an array of coordinates, got ${String(given)}`);
    const indices = given.map((key) => coordinateIndex(key, this.dim, 'given'));
    const skip = prefixLength(indices, this.config.order, 'given');
    const pts = toPoints(points, { dim: this.dim, argument: 'points', allowEmpty: true });
    const rest = this.config.order.slice(skip);
    return this.densityOf(
      this.toUnitBox(pts),
      (inside) => this.tensorDensity(inside, (x) => this.conditionalTensor(x, skip)),
      rest,
    );
  }

  /**
   * The `quantile` (default 0.5: the median) of the next coordinate of the generation order given the first
   * ones, for each of `count` points, computed exactly from the mixture's conditional bin probabilities (no
   * sampling). With the default order, `given: { x, y }` gives blue: the model's estimate of each position's blue
   * under absolute error. Values are snapped to the lattice like `sample`'s (then they are the quantile of the
   * lattice values) unless `continuous` is set.
   *
   * @returns the data index of the coordinate and its `count` values.
   * @throws {RangeError} for a bad count or quantile, or `given` as in `sample`, or when `given` fixes every
   * coordinate.
   *
   * @example
   * ```ts
   * const { coordinate, values } = await model.conditionalQuantile(2, { given: { x: [0.3, 0.8], y: 0.5 } });
   * // coordinate 4 (b, by the default order x, y, b, r, g); values: the median blue at each position
   * ```
   */
  async conditionalQuantile(
    count: number,
    options: ConditionalQuantileOptions = {},
  ): Promise<{ coordinate: number; values: Float32Array }> {
    this.assertUsable('conditionalQuantile');
    const quantile = quantileArguments(count, options);
    const prefix = resolveGiven(
      this.space.unitGiven(options.given ?? {}),
      this.config.order,
      count,
      this.supportUpper(),
    );
    const p = prefix.length;
    if (p === this.dim)
      throw new RangeError('options.given: every coordinate is given; none is left to estimate');
    const coordinate = this.config.order[p] as number;
    const dist = this.distributions[p] as BinnedDistribution;
    const values = new Float32Array(count);
    for (const [start, n] of chunks(count)) {
      const chunk = prefix.map((column) => column.subarray(start, start + n));
      const decoded = this.members.map((w) =>
        decodePrefix(w, this.config, this.distributions, n, chunk, true),
      );
      const rows = decoded.map((d) => d.next as Float32Array);
      const logWeights = decoded.map((d) => d.logLikelihood);
      values.set(mixtureQuantile(dist, rows, n, quantile, logWeights), start);
    }
    return { coordinate, values: this.space.userValues(coordinate, values, options.continuous === true) };
  }

  /**
   * The output bins follow the lattice the first `fit` found; a categorical head's width does too, and its
   * untrained members are then made again for it.
   */
  protected override dataSpaceResolved(): void {
    const before = this.distributions.map((d) => d.outputWidth);
    this.distributions = outputDistributions(this.config);
    if (this.distributions.some((d, p) => d.outputWidth !== before[p])) {
      for (const [, v] of namedMemberWeights(this.config, this.members)) v.dispose();
      this.members = initMembers(this.config, new Rng(this.config.seed));
    }
  }

  protected trainableVariables(): readonly tf.Variable[] {
    return namedMemberWeights(this.config, this.members).map(([, v]) => v);
  }

  protected logProbTensor(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => mixtureOf(tf.sum(this.memberLogDensities(this.ordered(x)), 2) as tf.Tensor2D));
  }

  /** Training fits every member to the data on its own: the mean of their log densities, not of their densities. */
  protected override trainingLogProbTensor(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => {
      const seed = this.config.dropout > 0 ? this.dropoutRng.seed() : undefined;
      return tf.mean(tf.sum(this.memberLogDensities(this.ordered(x), seed), 2), 0) as tf.Tensor1D;
    });
  }

  protected sampleTensor(count: number, rng: Rng): tf.Tensor2D {
    return tf.tensor2d(this.generateMixture(count, rng, 1, []), [count, this.dim]);
  }

  protected serialize(): { state: Record<string, unknown>; weights: { name: string; tensor: tf.Tensor }[] } {
    return {
      state: {},
      weights: namedMemberWeights(this.config, this.members).map(([name, tensor]) => ({ name, tensor })),
    };
  }

  protected release(): void {
    for (const [, v] of namedMemberWeights(this.config, this.members)) v.dispose();
  }

  /**
   * Points drawn from the mixture of members: each point's member is drawn (from the posterior given the
   * prefix, when there is one), then each member generates its points in one batch.
   */
  private generateMixture(
    count: number,
    rng: Rng,
    temperature: number,
    prefix: readonly Float32Array[],
  ): Float32Array {
    const { dim } = this;
    const first = this.members[0] as TransformerWeights;
    if (this.members.length === 1) {
      return generate(first, this.config, this.distributions, count, rng, temperature, prefix);
    }
    const chosen = chooseMembers(
      count,
      this.members.length,
      rng,
      prefix.length > 0
        ? this.members.map(
            (w) => decodePrefix(w, this.config, this.distributions, count, prefix, false).logLikelihood,
          )
        : undefined,
    );
    const out = new Float32Array(count * dim);
    this.members.forEach((weights, m) => {
      const rows: number[] = [];
      for (let i = 0; i < count; i++) if (chosen[i] === m) rows.push(i);
      if (rows.length === 0) return;
      const own = prefix.map((column) => Float32Array.from(rows, (i) => column[i] as number));
      const drawn = generate(weights, this.config, this.distributions, rows.length, rng, temperature, own);
      rows.forEach((i, r) => {
        out.set(drawn.subarray(r * dim, (r + 1) * dim), i * dim);
      });
    });
    return out;
  }

  /** The points' coordinates in generation order, once for every member. */
  private ordered(x: tf.Tensor2D): tf.Tensor2D {
    return tf.gather(x, [...this.config.order], 1) as tf.Tensor2D;
  }

  /** Log density of each position's coordinate given the earlier ones under each member, `[members, n, dim]`. */
  private memberLogDensities(ordered: tf.Tensor2D, dropoutSeed?: number): tf.Tensor3D {
    return positionLogDensities(this.members, this.config, this.distributions, ordered, dropoutSeed);
  }

  /**
   * Log density of positions `skip…dim-1` given the earlier ones: the joint density over that of the prefix,
   * both mixtures over members.
   */
  private conditionalTensor(x: tf.Tensor2D, skip: number): tf.Tensor1D {
    const perMember = this.memberLogDensities(this.ordered(x));
    const joint = mixtureOf(tf.sum(perMember, 2));
    if (skip === 0) return joint;
    return tf.sub(joint, mixtureOf(tf.sum(tf.slice(perMember, [0, 0, 0], [-1, -1, skip]), 2)));
  }

  /**
   * Draws with a temperature and/or fixed coordinates, in chunks, as continuous points.
   *
   * @throws {RangeError} for a bad count, temperature or `given` (see {@link MaskedTransformerSampleOptions}).
   */
  protected override async drawFor(
    count: number,
    options: MaskedTransformerSampleOptions,
    what: string,
  ): Promise<Points> {
    if (isPlain(options)) return super.drawFor(count, options, what);
    this.assertUsable(what);
    checkCount(count);
    const temperature = options.temperature ?? 1;
    if (!(typeof temperature === 'number' && temperature > 0 && Number.isFinite(temperature))) {
      throw new RangeError(`options.temperature: expected a positive number, got ${String(temperature)}`);
    }
    const prefix = options.given
      ? resolveGiven(this.space.unitGiven(options.given), this.config.order, count, this.supportUpper())
      : [];
    return this.draw(count, options, what, (n, rng, start) =>
      this.generateMixture(
        n,
        rng,
        temperature,
        prefix.map((column) => column.subarray(start, start + n)),
      ),
    );
  }
}

/** True when the options ask for nothing beyond what every generator does. */
function isPlain(options: MaskedTransformerSampleOptions): boolean {
  return (
    typeof options !== 'object' ||
    options === null ||
    (options.given === undefined && (options.temperature ?? 1) === 1)
  );
}

/** The log density of an equal-weight mixture from its members' log densities `[members, n]` (log of their mean). */
function mixtureOf(logDensities: tf.Tensor): tf.Tensor1D {
  const members = logDensities.shape[0] as number;
  if (members === 1) return tf.reshape(logDensities, [-1]);
  return tf.sub(tf.logSumExp(logDensities, 0), Math.log(members)) as tf.Tensor1D;
}
