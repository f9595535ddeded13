/**
 * What happened in one epoch of training.
 *
 * @example
 * ```ts
 * await model.fit(points, {
 *   callbacks: { onEpochEnd: (r) => console.log(r.epoch, r.loss, r.valNll, r.seconds) },
 * });
 * ```
 */
export interface EpochRecord {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Optimiser steps taken since `fit` started, to the end of this epoch (the last epoch may be partial). */
  readonly steps: number;
  /** Mean training loss (negative log-likelihood, nats per point) over the epoch's steps. */
  readonly loss: number;
  /** Mean negative log-likelihood of the validation points after the epoch, or `NaN` without validation. */
  readonly valNll: number;
  /** Seconds of training since `fit` started, time spent in callbacks excluded. */
  readonly seconds: number;
  /** The learning rate of the epoch's last step. */
  readonly learningRate: number;
  /** True for an epoch cut short by an abort (its loss and steps cover the part done). */
  readonly partial?: boolean;
}

/**
 * Why training ended: the epoch cap, the step budget or the time budget ran out (the run went to its end),
 * early stopping fired, or the signal aborted it.
 *
 * @example
 * ```ts
 * const { stoppedBy } = await model.fit(points, { validation: 0.1, patience: 5 }); // 'steps', 'early-stopping', …
 * ```
 */
export type StopReason = 'epochs' | 'steps' | 'time-budget' | 'early-stopping' | 'aborted';

/**
 * The record of one `fit` call.
 *
 * @example
 * ```ts
 * const history = await model.fit(points, { epochs: 10 });
 * console.log(history.bestEpoch, history.bestValNll, history.stoppedBy);
 * ```
 */
export interface History {
  readonly epochs: EpochRecord[];
  /** Validation NLL of the weights before the first step (`NaN` without validation). */
  readonly initialValNll: number;
  /**
   * The epoch whose weights the model holds when `fit` resolves: the best by validation NLL, or the last one
   * without validation (0: the initial weights).
   */
  readonly bestEpoch: number;
  /** The validation NLL of those weights (`NaN` without validation). */
  readonly bestValNll: number;
  readonly stoppedBy: StopReason;
  /** Optimiser steps taken (see `plannedSteps` for how many a run plans). */
  readonly steps: number;
  /** Seconds of training, callbacks excluded. */
  readonly seconds: number;
  /** How many times a divergence was recovered by halving the learning rate (`onDivergence: 'reduce-lr'`). */
  readonly divergences: number;
}
