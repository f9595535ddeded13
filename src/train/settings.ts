import { isOnLattice } from '../data/lattice.js';
import { type Points, toPoints } from '../data/points.js';
import type { TrainSettings } from './engine.js';
import { checkTrainingConfig, type FitOptions, type TrainingConfig } from './options.js';

const TRAINING_KEYS: readonly (keyof TrainingConfig)[] = [
  'epochs',
  'batchSize',
  'learningRate',
  'schedule',
  'warmupSteps',
  'minLearningRateFactor',
  'clipNorm',
  'weightDecay',
  'validationFraction',
  'patience',
  'emaDecay',
  'jitter',
];
const OTHER_KEYS = ['validation', 'dequantize', 'onDivergence', 'seed', 'callbacks', 'signal'];

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
 * @throws {RangeError} naming the bad option; {@link InvalidPointsError} for bad validation points.
 */
export function resolveTrainSettings(
  options: FitOptions,
  data: Points,
  context: SettingsContext,
): TrainSettings {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options: expected an object, got ${String(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!(TRAINING_KEYS as readonly string[]).includes(key) && !OTHER_KEYS.includes(key)) {
      throw new RangeError(
        `options.${key}: unknown option (known: ${[...TRAINING_KEYS, ...OTHER_KEYS].join(', ')})`,
      );
    }
  }
  const merged: Record<string, unknown> = { ...context.defaults };
  for (const key of TRAINING_KEYS) if (options[key] !== undefined) merged[key] = options[key];
  let validation: Points | null = null;
  if (typeof options.validation === 'number') merged.validationFraction = options.validation;
  else if (options.validation !== undefined) {
    validation = toPoints(options.validation, {
      dim: context.dim,
      unitRange: true,
      argument: 'options.validation',
    });
  }
  const training = checkTrainingConfig(merged as unknown as TrainingConfig, 'options');
  // Early stopping watches the validation NLL: without a validation set it could never fire.
  if (training.patience > 0 && training.validationFraction === 0 && validation === null) {
    throw new RangeError(
      `options.patience: early stopping (patience ${training.patience}) needs a validation set; ` +
        'pass options.validation (a fraction such as 0.1, or points)',
    );
  }

  if (options.dequantize === true && context.lattice === null) {
    throw new RangeError('options.dequantize: this model has no lattice steps to dequantize with');
  }
  const dequantize =
    (options.dequantize ?? (context.lattice !== null && isOnLattice(data, context.lattice)))
      ? context.lattice
      : null;
  const onDivergence = options.onDivergence ?? 'throw';
  if (onDivergence !== 'throw' && onDivergence !== 'reduce-lr') {
    throw new RangeError(
      `options.onDivergence: expected 'throw' or 'reduce-lr', got ${String(onDivergence)}`,
    );
  }
  if (options.signal !== undefined && !(typeof options.signal === 'object' && 'aborted' in options.signal)) {
    throw new TypeError('options.signal: expected an AbortSignal');
  }
  return {
    ...training,
    upper: Array.from({ length: context.dim }, (_, j) => 1 + (context.lattice?.[j] ?? 0)),
    validation,
    dequantize,
    onDivergence,
    seed: options.seed,
    callbacks: options.callbacks,
    signal: options.signal,
  };
}
