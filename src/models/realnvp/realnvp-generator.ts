import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../data/rng.js';
import { sumColumns } from '../../tf/columns.js';
import { BaseGenerator } from '../base-generator.js';
import type { ModelSpec, RestoredModel } from '../model-spec.js';
import { ActNorm } from './actnorm.js';
import { type Bijector, forwardChain, initializeChain, inverseChain, withLogDet } from './bijector.js';
import { REALNVP_PRESETS, type RealNVPConfig, type RealNVPOptions, resolveRealNVPConfig } from './config.js';
import { Coupling, type DenseParams } from './coupling.js';
import { couplingSplit, type LayoutEntry, realnvpLayout, transformShape } from './layout.js';
import { Logit } from './logit.js';
import { Mixing, mixingMatrices, orthogonalityError } from './mixing.js';
import { disposeSplineTables, type SplineTables, splineTables } from './spline.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * A RealNVP normalizing flow for points in [0, 1]^dim: a logit preprocessing, optional ActNorm, and coupling
 * layers (rational-quadratic splines by default, or RealNVP's affine maps with soft-clamped log-scales),
 * separated by fixed permutations, rotations or the original alternating masks. Its `logProb` is an exact
 * density in data space.
 *
 * On lattice data (the default for 5-D points) the model is a density over the dequantized points, on
 * `[0, 1 + step]` per coordinate; `sample` snaps its draws back onto the lattice unless asked not to. The logit
 * maps that support onto `[alpha, 1 − alpha]`: the flow's mass beyond (of the order of `alpha` at most) is
 * not part of the density on the support, so `logProb` integrates to slightly less than 1 there, and the rare
 * draw that lands there is put on the edge.
 *
 * @example
 * ```ts
 * import { datasets, RealNVPGenerator } from 'pointgen';
 * const model = new RealNVPGenerator({ couplings: 8, hidden: 64 });
 * const history = await model.fit(datasets.coloredPi(), { epochs: 50, seed: 1 });
 * const points = await model.sample(1000, { seed: 2 });
 * model.dispose();
 * ```
 */
export class RealNVPGenerator extends BaseGenerator<RealNVPConfig> {
  /**
   * What generic code (loading, `loadGenerator`, the CLI) knows of this model.
   *
   * @example
   * ```ts
   * RealNVPGenerator.spec.type; // 'realnvp', the name in saved files and on the CLI
   * ```
   */
  static readonly spec: ModelSpec<RealNVPConfig, RealNVPGenerator> = {
    type: 'realnvp',
    presets: REALNVP_PRESETS,
    resolveConfig: (options, argument) => resolveRealNVPConfig(options as RealNVPOptions, argument),
    weightSpecs: realnvpLayout,
    checkRestored(config, { weights, state }) {
      if (typeof (state.actnormInitialized ?? false) !== 'boolean') {
        return 'state.actnormInitialized must be a boolean';
      }
      for (let i = 0; i < config.couplings; i++) {
        const m = weights.get(`coupling${i}/mixing`)?.values as Float32Array;
        if (orthogonalityError(m, config.dim) > 1e-4) return `coupling${i}/mixing is not orthogonal`;
      }
      return undefined;
    },
    create: (config, restored) => new RealNVPGenerator(config, restored),
  };

  /**
   * The model type, as written in saved files and read by `loadGenerator`.
   *
   * @example
   * ```ts
   * new RealNVPGenerator().type; // 'realnvp'
   * ```
   */
  readonly type = 'realnvp';
  /** The flow, data side first: logit, ActNorm?, then (coupling, ActNorm?) per coupling. */
  private readonly chain: Bijector[];
  private readonly weights: { readonly entry: LayoutEntry; readonly tensor: tf.Tensor }[];
  private readonly splineTables: SplineTables | null;
  private actnormInitialized: boolean;

  /**
   * @param options A preset name and any config fields to override (see {@link RealNVPConfig}).
   * @param restored Internal: weights and state read from a model file (see `RealNVPGenerator.load`).
   * @throws {RangeError} for a bad option.
   *
   * @example
   * ```ts
   * const model = new RealNVPGenerator({ preset: 'original', training: { epochs: 40 } });
   * ```
   */
  constructor(options: RealNVPOptions = {}, restored?: RestoredModel) {
    const config = resolveRealNVPConfig(options);
    super(config);
    this.actnormInitialized = (restored?.state.actnormInitialized as boolean | undefined) ?? false;
    const rng = new Rng(config.seed);
    const mixings = mixingMatrices(config.mixing, config.couplings, config.dim, rng.fork());
    const byName = new Map<string, tf.Tensor>();
    const mixingValues: Float32Array[] = [];
    this.weights = realnvpLayout(config).map((entry) => {
      const values = restored?.weights.get(entry.name)?.values ?? initialValues(entry, rng, mixings);
      if (entry.init === 'mixing') mixingValues.push(values);
      const initial = tf.keep(tf.tensor(values, [...entry.shape]));
      let tensor: tf.Tensor = initial;
      if (entry.trainable) {
        tensor = tf.variable(initial, true);
        initial.dispose();
      }
      byName.set(entry.name, tensor);
      return { entry, tensor };
    });
    const get = <T extends tf.Tensor>(name: string) => byName.get(name) as T;
    const shape = transformShape(config);
    this.splineTables = shape.kind === 'spline' ? splineTables(shape) : null;
    const chain: Bijector[] = [new Logit(this.supportUpper(), config.logitAlpha)];
    const norm = (prefix: string) => {
      if (config.actnorm) chain.push(new ActNorm(get(`${prefix}/log_scale`), get(`${prefix}/bias`)));
    };
    norm('input_norm');
    for (let i = 0; i < config.couplings; i++) {
      const layers: DenseParams[] = Array.from({ length: config.depth + 1 }, (_, j) => ({
        w: get(`coupling${i}/dense${j}/kernel`),
        b: get(`coupling${i}/dense${j}/bias`),
      }));
      chain.push(
        new Coupling({
          mixing: new Mixing(get(`coupling${i}/mixing`), mixingValues[i] as Float32Array),
          split: couplingSplit(i, config.dim),
          layers,
          activation: config.activation,
          transform:
            shape.kind === 'spline' ? { ...shape, tables: this.splineTables as SplineTables } : shape,
        }),
      );
      norm(`coupling${i}/norm`);
    }
    this.chain = chain;
  }

  /** The support, and so the logit's slope, follows the lattice the first `fit` found. */
  protected override dataSpaceResolved(): void {
    this.chain[0]?.dispose();
    this.chain[0] = new Logit(this.supportUpper(), this.config.logitAlpha);
  }

  protected trainableVariables(): readonly tf.Variable[] {
    return this.weights.filter((w) => w.entry.trainable).map((w) => w.tensor as tf.Variable);
  }

  protected logProbTensor(x: tf.Tensor2D): tf.Tensor1D {
    const { y: z, ...logDets } = forwardChain(this.chain, x);
    const base = tf.sub(tf.mul(sumColumns(tf.square(z)), -0.5), this.dim * HALF_LOG_2PI) as tf.Tensor1D;
    return withLogDet(base, logDets);
  }

  protected sampleTensor(count: number, rng: Rng): tf.Tensor2D {
    const z = tf.tensor2d(rng.fillNormal(new Float32Array(count * this.dim)), [count, this.dim]);
    return inverseChain(this.chain, z);
  }

  protected override initialize(batch: tf.Tensor2D): void {
    if (!this.config.actnorm || this.actnormInitialized) return;
    // Glow's data-dependent initialisation: each ActNorm sees what the layers before it make of the data (the
    // couplings are still the identity, their last layers being zero).
    initializeChain(this.chain, batch);
    this.actnormInitialized = true;
  }

  protected serialize(): { state: Record<string, unknown>; weights: { name: string; tensor: tf.Tensor }[] } {
    return {
      state: { actnormInitialized: this.actnormInitialized },
      weights: this.weights.map((w) => ({ name: w.entry.name, tensor: w.tensor })),
    };
  }

  protected release(): void {
    for (const w of this.weights) w.tensor.dispose();
    for (const b of this.chain) b.dispose();
    if (this.splineTables) disposeSplineTables(this.splineTables);
  }
}

function initialValues(entry: LayoutEntry, rng: Rng, mixings: Float32Array[]): Float32Array {
  const size = entry.shape.reduce((a, b) => a * b, 1);
  if (entry.init === 'zeros') return new Float32Array(size);
  if (entry.init === 'mixing') {
    const i = Number(/^coupling(\d+)\//.exec(entry.name)?.[1]);
    return mixings[i] as Float32Array;
  }
  const [fanIn, fanOut] = entry.shape as [number, number];
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(size);
  for (let k = 0; k < size; k++) out[k] = (2 * rng.uniform() - 1) * limit;
  return out;
}
