import { oneOf } from '../config/fields.js';
import { isOnLattice } from '../data/lattice.js';
import { type Points, toPoints } from '../data/points.js';
import { ConfigError } from '../errors.js';
import type { TrainSettings } from './engine.js';
import { type FitOptions, TRAINING_SCHEMA, type TrainingConfig } from './options.js';

/** The options of `fit` besides the training hyper-parameters. */
const OTHER_KEYS = ['timeBudget', 'validation', 'dequantize', 'onDivergence', 'seed', 'callbacks', 'signal'];
const DIVERGENCE = oneOf<NonNullable<FitOptions['onDivergence']>>(['throw', 'reduce-lr']);

/** What the model contributes to the resolution of {@link FitOptions}. */
export interface SettingsContext {
  /** The model's training defaults. */
  readonly defaults: TrainingConfig;
  /** The dimension of the model's points. */
  readonly dim: number;
  /** The lattice the model dequantizes on, or `null` when it has none. */
  readonly lattice: readonly number[] | null;
}

/**
 * Merges `options` over the model's defaults and validates the result, so that a typo or a bad value fails
 * before any training starts.
 *
 * @throws {ConfigError} (a `RangeError`) naming the bad option; {@link InvalidPointsError} for bad validation
 *   points.
 */
export function resolveTrainSettings(
  options: FitOptions,
  data: Points,
  context: SettingsContext,
): TrainSettings {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options: expected an object, got ${String(options)}`);
  }
  TRAINING_SCHEMA.rejectUnknownKeys(options, 'options', OTHER_KEYS);
  // Unlike a model config's spread, `undefined` here means "the model's default".
  const given: Record<string, unknown> = {};
  for (const key of TRAINING_SCHEMA.keys) if (options[key] !== undefined) given[key] = options[key];
  let validation: Points | null = null;
  if (typeof options.validation === 'number') given.validationFraction = options.validation;
  else if (options.validation !== undefined) {
    validation = toPoints(options.validation, {
      dim: context.dim,
      unitRange: true,
      argument: 'options.validation',
    });
  }
  const checked = TRAINING_SCHEMA.merge(context.defaults, given, 'options');
  const training = { ...checked, ...stepBudget(options) };
  // Early stopping watches the validation NLL: without a validation set it could never fire.
  if (training.patience > 0 && training.validationFraction === 0 && validation === null) {
    throw new ConfigError(
      'options.patience',
      'constraint',
      `early stopping (patience ${training.patience}) needs a validation set; ` +
        'pass options.validation (a fraction such as 0.1, or points)',
    );
  }

  const dequantize = dequantizeSteps(
    options.dequantize,
    context.lattice,
    () => context.lattice !== null && isOnLattice(data, context.lattice),
  );
  const onDivergence = DIVERGENCE.parse(options.onDivergence ?? 'throw', 'options.onDivergence', {});
  checkCallbacks(options.callbacks);
  const signal = options.signal as unknown;
  if (signal !== undefined && !(typeof signal === 'object' && signal !== null && 'aborted' in signal)) {
    throw new TypeError('options.signal: expected an AbortSignal');
  }
  return {
    ...training,
    timeBudget: options.timeBudget,
    upper: Array.from({ length: context.dim }, (_, j) => 1 + (context.lattice?.[j] ?? 0)),
    validation,
    dequantize,
    onDivergence,
    seed: options.seed,
    callbacks: options.callbacks,
    signal: options.signal,
  };
}

/**
 * How `options` override the recipe's step budget: `epochs` alone trains exactly that many epochs, `steps`
 * alone exactly that many steps, both the smaller; a time budget replaces both.
 */
function stepBudget(options: FitOptions): { epochs?: number; steps?: number | undefined } {
  const { timeBudget, steps, epochs } = options;
  if (timeBudget !== undefined) {
    if (!(typeof timeBudget === 'number' && timeBudget > 0 && Number.isFinite(timeBudget))) {
      throw new ConfigError(
        'options.timeBudget',
        typeof timeBudget === 'number' ? 'range' : 'type',
        `expected a positive number of seconds, got ${String(timeBudget)}`,
      );
    }
    if (steps !== undefined || epochs !== undefined) {
      throw new ConfigError(
        'options.timeBudget',
        'constraint',
        `cannot be combined with options.${steps !== undefined ? 'steps' : 'epochs'}`,
      );
    }
    return { epochs: Number.POSITIVE_INFINITY, steps: undefined };
  }
  if (epochs !== undefined && steps === undefined) return { steps: undefined };
  if (steps !== undefined && epochs === undefined) return { epochs: Number.POSITIVE_INFINITY };
  return {};
}

/**
 * The lattice steps `fit` dequantizes by: `lattice` when `option` (`fit`'s `dequantize`; by default whether
 * the data lies on the lattice, asked of `onLattice`) says so, else `null`.
 *
 * @throws {ConfigError} for an option that is not a boolean, or `true` without a lattice.
 *
 * @example
 * ```ts
 * dequantizeSteps(undefined, [1 / 300, 1 / 255], () => true); // [1 / 300, 1 / 255]
 * ```
 */
export function dequantizeSteps(
  option: unknown,
  lattice: readonly number[] | null,
  onLattice: () => boolean,
): readonly number[] | null {
  if (option !== undefined && typeof option !== 'boolean') {
    throw new ConfigError('options.dequantize', 'type', `expected a boolean, got ${String(option)}`);
  }
  if (option === true && lattice === null) {
    throw new ConfigError(
      'options.dequantize',
      'constraint',
      'this model has no lattice steps to dequantize with',
    );
  }
  return (option ?? onLattice()) ? lattice : null;
}

const CALLBACKS = ['onEpochEnd', 'onBatchEnd'];

/** Callbacks are checked up front, so that a typo fails before training rather than after its first epoch. */
function checkCallbacks(callbacks: unknown): void {
  if (callbacks === undefined) return;
  if (typeof callbacks !== 'object' || callbacks === null) {
    throw new TypeError(`options.callbacks: expected an object, got ${String(callbacks)}`);
  }
  for (const [key, fn] of Object.entries(callbacks)) {
    if (!CALLBACKS.includes(key)) {
      throw new RangeError(`options.callbacks.${key}: unknown callback (known: ${CALLBACKS.join(', ')})`);
    }
    if (fn !== undefined && typeof fn !== 'function') {
      throw new TypeError(`options.callbacks.${key}: expected a function, got ${typeof fn} ${String(fn)}`);
    }
  }
}
