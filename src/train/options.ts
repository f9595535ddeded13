import { type Builder, type ConfigOf, integer, number, oneOf } from '../config/fields.js';
import { ConfigSchema, object } from '../config/schema.js';
import type { PointsLike } from '../data/points.js';
import type { RngLike } from '../data/rng.js';
import type { EpochRecord } from './history.js';
import type { ScheduleKind } from './schedule.js';

/**
 * The fields of {@link TrainingConfig}, declared once: the type, the checks and the key list come from here.
 * Each model's config nests them as `training`.
 */
export const TRAINING_FIELDS = {
  /**
   * At most this many passes over the training points. With `steps`, the run takes
   * `min(steps, epochs · round(points / batchSize))` optimiser steps (see `plannedSteps`): on a small data set
   * the epochs end it, on a large one the steps.
   */
  epochs: integer(1),
  /**
   * At most this many optimiser steps, however many points there are (absent: `epochs` alone decides). The
   * built-in recipes are step budgets: a larger data set makes each step's batch more representative, not more
   * steps necessary.
   */
  steps: integer(1).orAbsent(),
  /** Points per optimiser step. */
  batchSize: integer(1),
  /** Peak learning rate of Adam. */
  learningRate: number({ above: 0, to: 10 }),
  /** `'cosine'` decays to `minLearningRateFactor · learningRate` after the warm-up; `'constant'` stays. */
  schedule: oneOf<ScheduleKind>(['cosine', 'constant']),
  /** Steps of linear learning-rate warm-up (0: none). */
  warmupSteps: integer(0),
  /** Where the cosine decay ends, as a fraction of the peak rate. */
  minLearningRateFactor: number({ from: 0, to: 1 }),
  /** Gradients whose global norm exceeds this are scaled down to it (0: no clipping). */
  clipNorm: number({ from: 0 }),
  /** Decoupled (AdamW) weight decay per unit of learning rate (0: none). */
  weightDecay: number({ from: 0, to: 1 }),
  /** Share of the points held out for validation and early stopping (0: none). */
  validationFraction: number({ from: 0, below: 1 }),
  /** Stop after this many epochs without a better validation NLL (0: never stop early; needs validation). */
  patience: integer(0),
  /**
   * Keep an exponential moving average of the weights with this decay per step (0 or absent: none). The
   * averaged weights are the ones validated, kept as the best and left in the model; training goes on from the
   * raw weights, and the average smooths out the last steps' noise. The decay at step `t` is
   * `min(emaDecay, (1 + t) / (10 + t))`, so that the average forgets the first weights: it reaches 0.99 after
   * 890 steps, so a run of about a thousand steps averages with about 0.99 whatever the setting above that.
   */
  emaDecay: number({ from: 0, to: 0.99999 }).orAbsent(),
  /**
   * Standard deviation of Gaussian noise added to every training coordinate each epoch, on top of
   * dequantization (0 or absent: none). A smoothing regularizer, like a kernel density's bandwidth: on small
   * data sets it trades a little fit on typical points for much less overconfidence elsewhere.
   */
  jitter: number({ from: 0, to: 1 }).orAbsent(),
};

/**
 * The training hyper-parameters that a model's configuration carries as its defaults (so that a preset is a
 * whole recipe) and that {@link FitOptions} can override for one `fit` call.
 * Declared by the field table `TRAINING_FIELDS`.
 *
 * @example
 * ```ts
 * import { RealNVPGenerator } from 'pointgen';
 * const model = new RealNVPGenerator({ training: { epochs: 100, batchSize: 512, learningRate: 3e-3 } });
 * model.getConfig().training.epochs; // 100
 * ```
 */
export interface TrainingConfig extends ConfigOf<typeof TRAINING_FIELDS> {}

/**
 * Options of the constructor of a model the engine trains: a preset to start from, any field of its config
 * over it, and `training` field by field over the preset's recipe.
 *
 * @example
 * ```ts
 * import type { PresetOptions, RealNVPConfig } from 'pointgen';
 * const options: PresetOptions<RealNVPConfig, 'default' | 'original'> = { preset: 'original', training: { epochs: 10 } };
 * ```
 */
export type PresetOptions<
  Config extends { readonly training: TrainingConfig },
  Preset extends string,
> = Partial<Omit<Config, 'training'>> & {
  /** Start from this preset (default `'default'`). */
  readonly preset?: Preset;
  readonly training?: Partial<TrainingConfig>;
};

/**
 * Checks and merges training options (the `training` of a model config, or the training part of `fit`'s).
 *
 * @example
 * ```ts
 * TRAINING_SCHEMA.merge(REALNVP_PRESETS.default.training, { epochs: 5 }, 'options.training').epochs; // 5
 * ```
 */
export const TRAINING_SCHEMA = new ConfigSchema('training', TRAINING_FIELDS);

/**
 * The `training` field of a model's config table: the model's defaults of `fit`.
 *
 * @example
 * ```ts
 * import { integer } from '../config/fields.js';
 * const FIELDS = { dim: integer(1, 64), training: trainingField() };
 * ```
 */
export function trainingField(): Builder<TrainingConfig> {
  return object(TRAINING_FIELDS, 'training');
}

/**
 * Arguments of the `onBatchEnd` callback.
 *
 * @example
 * ```ts
 * await model.fit(points, { callbacks: { onBatchEnd: ({ epoch, step, loss }) => console.log(epoch, step, loss) } });
 * ```
 */
export interface BatchEndInfo {
  readonly epoch: number;
  /** 0-based step within the epoch. */
  readonly step: number;
  /** Optimiser steps taken so far in this run (this one included). */
  readonly steps: number;
  /** The steps the run plans to take (with a time budget: the current estimate, `Infinity` while measuring). */
  readonly totalSteps: number;
  readonly loss: number;
  readonly learningRate: number;
}

/**
 * Callbacks of `fit`. They may be async: training waits for them, and their time is not counted in `seconds`.
 *
 * @example
 * ```ts
 * await model.fit(points, {
 *   callbacks: {
 *     onEpochEnd: async ({ epoch }) => {
 *       if (epoch % 10 === 0) await model.save(`indexeddb://checkpoint-${epoch}`);
 *     },
 *   },
 * });
 * ```
 */
export interface TrainingCallbacks {
  /** Called after every epoch, with its record (also pushed to the history). */
  onEpochEnd?(info: EpochRecord): void | Promise<void>;
  /** Called after every optimiser step. */
  onBatchEnd?(info: BatchEndInfo): void | Promise<void>;
}

/**
 * Options of `fit`: any {@link TrainingConfig} field overrides the model's own default for this call.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const history = await model.fit(points, {
 *   steps: 2000, // or epochs: 100, or timeBudget: 60 (seconds)
 *   seed: 1,
 *   signal: controller.signal,
 *   callbacks: { onEpochEnd: ({ epoch, valNll }) => console.log(epoch, valNll) },
 * });
 * ```
 */
export interface FitOptions extends Partial<TrainingConfig> {
  /**
   * Train for this many seconds (callbacks excluded) instead of a number of steps or epochs: the first steps
   * are timed, and the learning-rate schedule is fitted to the steps that will fit. `fit` resolves with the
   * best weights (without validation: the last, averaged ones) once the time is used up. Cannot be combined
   * with `steps` or `epochs`.
   */
  readonly timeBudget?: number;
  /**
   * Validation points (then no training point is held out), or the share of the training points to hold out
   * (overrides `validationFraction`).
   */
  readonly validation?: number | PointsLike;
  /**
   * Add uniform noise of one lattice step to the training points, fresh every epoch (see the protocol). Default:
   * on when every value lies on the model's lattice, off otherwise.
   */
  readonly dequantize?: boolean;
  /**
   * What a non-finite loss does: `'throw'` (default) rolls back to the last good weights and rejects with a
   * `TrainingDivergedError`; `'reduce-lr'` rolls back, halves the learning rate and goes on (at most 5 times).
   */
  readonly onDivergence?: 'throw' | 'reduce-lr';
  /** Seed of the shuffling, the validation split and the dequantization noise. */
  readonly seed?: RngLike;
  readonly callbacks?: TrainingCallbacks;
  /** Aborting stops training after the current step; `fit` then resolves with the history so far. */
  readonly signal?: AbortSignal;
}

/**
 * A model config read from a file: one saved before step budgets has no `training.steps`, and keeps training
 * by its epochs alone, as it did (rather than taking up the current recipe's budget).
 */
export function savedBeforeBudgets(config: Record<string, unknown>): Record<string, unknown> {
  const training = config.training as Record<string, unknown>;
  return 'steps' in training ? config : { ...config, training: { ...training, steps: undefined } };
}
