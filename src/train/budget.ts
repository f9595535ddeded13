import type { TrainingConfig } from './options.js';

/**
 * What decides how many optimiser steps a run takes (a {@link TrainingConfig}'s fields of that name).
 *
 * @example
 * ```ts
 * import { plannedSteps, type StepBudget } from 'pointgen';
 * const budget: StepBudget = { epochs: 70, steps: 1120, batchSize: 256 };
 * plannedSteps(50_000, budget); // 1120
 * ```
 */
export interface StepBudget {
  /** At most this many passes over the training points (`Infinity`: no cap). */
  readonly epochs: number;
  /** At most this many optimiser steps (absent: no cap beyond `epochs`). */
  readonly steps?: number | undefined;
  readonly batchSize: number;
}

/**
 * Optimiser steps per pass over `count` training points: the batches a pass is cut into.
 *
 * @example
 * ```ts
 * import { batchesPerEpoch } from 'pointgen';
 * batchesPerEpoch(4000, 128); // 31
 * ```
 */
export function batchesPerEpoch(count: number, batchSize: number): number {
  return Math.max(1, Math.round(count / batchSize));
}

/**
 * The steps a run on `count` training points takes: `min(steps, epochs · batchesPerEpoch(count, batchSize))`.
 * A recipe's `steps` is what a density of a few coordinates needs on a data set of a few thousand points; more
 * points need no more steps (they only make each step's batch more representative), so on a large set the
 * run ends part-way through an epoch, while on a small set `epochs` caps it, so that it does not pass over
 * the same few points a hundred times.
 *
 * @example
 * ```ts
 * import { plannedSteps } from 'pointgen';
 * plannedSteps(4000, { epochs: 34, steps: 1050, batchSize: 128 }); // 1050
 * plannedSteps(40000, { epochs: 34, steps: 1050, batchSize: 128 }); // 1050 (3.4 epochs)
 * plannedSteps(1000, { epochs: 34, steps: 1050, batchSize: 128 }); // 272 (34 epochs of 8 steps)
 * ```
 */
export function plannedSteps(count: number, budget: StepBudget): number {
  return Math.min(
    budget.steps ?? Number.POSITIVE_INFINITY,
    budget.epochs * batchesPerEpoch(count, budget.batchSize),
  );
}

/** Steps whose time is not counted: the first ones pay for one-off costs (kernel set-up, memory growth). */
const UNTIMED_STEPS = 2;
/** Steps timed before the first plan. */
const MEASURED_STEPS = 8;

/**
 * Plans the steps of a run that must end within `seconds` of training: after a few timed steps, the planned
 * total is the steps done plus those that fit in the time left at the rate measured since the timing began.
 * The engine replans after every step, so that the learning-rate schedule follows the machine's actual speed.
 *
 * @example
 * ```ts
 * const budget = new TimeBudget(60);
 * budget.plan(1, 0.1); // Infinity: still measuring
 * ```
 */
export class TimeBudget {
  private start: { steps: number; seconds: number } | null = null;

  /**
   * @param seconds The training time allowed, in seconds.
   *
   * @example
   * ```ts
   * const budget = new TimeBudget(120);
   * ```
   */
  constructor(
    /**
     * The training time allowed, in seconds.
     *
     * @example
     * ```ts
     * console.log(`training for at most ${new TimeBudget(120).seconds} s`);
     * ```
     */
    readonly seconds: number,
  ) {}

  /**
   * The planned total of steps after `steps` steps in `elapsed` seconds (`Infinity` while still measuring).
   *
   * @example
   * ```ts
   * const budget = new TimeBudget(60);
   * const start = performance.now();
   * let planned = Number.POSITIVE_INFINITY;
   * for (let done = 0; done < planned; ) {
   *   // … one optimiser step …
   *   done++;
   *   planned = budget.plan(done, (performance.now() - start) / 1000);
   * }
   * ```
   */
  plan(steps: number, elapsed: number): number {
    if (this.expired(elapsed)) return steps;
    if (steps < UNTIMED_STEPS) return Number.POSITIVE_INFINITY;
    this.start ??= { steps, seconds: elapsed };
    const timed = steps - this.start.steps;
    if (timed < MEASURED_STEPS) return Number.POSITIVE_INFINITY;
    const perSecond = timed / Math.max(elapsed - this.start.seconds, 1e-9);
    return steps + Math.max(1, Math.floor((this.seconds - elapsed) * perSecond));
  }

  /**
   * True once `elapsed` seconds have used up the budget.
   *
   * @example
   * ```ts
   * new TimeBudget(60).expired(59.5); // false
   * new TimeBudget(60).expired(60); // true
   * ```
   */
  expired(elapsed: number): boolean {
    return elapsed >= this.seconds;
  }
}
