/**
 * How the learning rate moves over training.
 *
 * @example
 * ```ts
 * await model.fit(points, { schedule: 'constant', learningRate: 1e-3 });
 * ```
 */
export type ScheduleKind = 'cosine' | 'constant';

/**
 * A learning-rate schedule: linear warm-up, then constant or cosine decay to `minFactor · base`.
 *
 * @example
 * ```ts
 * import { learningRateAt } from 'pointgen';
 * learningRateAt(500, 1000, 2e-3, { kind: 'cosine', warmupSteps: 50, minFactor: 0.01 });
 * ```
 */
export interface Schedule {
  readonly kind: ScheduleKind;
  /** Steps of linear warm-up from `base / warmupSteps` to `base`. */
  readonly warmupSteps: number;
  /** The final learning rate of the cosine decay, as a fraction of the base rate. */
  readonly minFactor: number;
}

/**
 * The learning rate at optimiser step `step` (0-based) of `totalSteps`. Pure, so that the schedule can be
 * plotted or tested without training.
 *
 * @example
 * ```ts
 * import { learningRateAt } from 'pointgen';
 * const schedule = { kind: 'cosine', warmupSteps: 10, minFactor: 0.01 } as const;
 * learningRateAt(0, 100, 1e-3, schedule); // 1e-4 (warm-up)
 * learningRateAt(99, 100, 1e-3, schedule); // ≈ 1e-5 (end of the decay)
 * ```
 */
export function learningRateAt(step: number, totalSteps: number, base: number, schedule: Schedule): number {
  const warm = Math.min(schedule.warmupSteps, Math.max(totalSteps - 1, 0));
  if (step < warm) return (base * (step + 1)) / warm;
  if (schedule.kind === 'constant') return base;
  const span = Math.max(totalSteps - 1 - warm, 1);
  const progress = Math.min(Math.max((step - warm) / span, 0), 1);
  const cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
  return base * (schedule.minFactor + (1 - schedule.minFactor) * cosine);
}
