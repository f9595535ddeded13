import type { History } from './history.js';

/**
 * Thrown (as a rejection of `fit`) when a training step produced a non-finite loss or gradient, or a loss (or
 * validation NLL) more than 100 nats per coordinate above where training started: an exploding loss. The model has
 * already been rolled back to the last weights that gave a finite loss, so it is still usable; `history`
 * holds the epochs completed before the failure.
 *
 * @example
 * ```ts
 * import { RealNVPGenerator, TrainingDivergedError } from 'pointgen';
 * const model = new RealNVPGenerator();
 * try {
 *   await model.fit(points, { learningRate: 10 });
 * } catch (e) {
 *   if (e instanceof TrainingDivergedError) console.log(`diverged at epoch ${e.epoch}, step ${e.step}`);
 * }
 * ```
 */
export class TrainingDivergedError extends Error {
  /**
   * What logs and stack traces show before the message; the same in a minified bundle.
   *
   * @example
   * ```ts
   * await model.fit(points).catch((e: Error) => console.error(String(e)));
   * // TrainingDivergedError: training diverged at epoch 3, step 12: …
   * ```
   */
  override readonly name = 'TrainingDivergedError';
  /**
   * The 1-based epoch in which the non-finite value appeared.
   *
   * @example
   * ```ts
   * try {
   *   await model.fit(points, { learningRate: 10 });
   * } catch (e) {
   *   if (e instanceof TrainingDivergedError && e.epoch === 1) console.log('lower the learning rate');
   * }
   * ```
   */
  readonly epoch: number;
  /**
   * The 0-based step within that epoch.
   *
   * @example
   * ```ts
   * try {
   *   await model.fit(points, { learningRate: 10 });
   * } catch (e) {
   *   if (e instanceof TrainingDivergedError) console.log(`epoch ${e.epoch}, step ${e.step}`);
   * }
   * ```
   */
  readonly step: number;
  /**
   * The history up to the failure.
   *
   * @example
   * ```ts
   * try {
   *   await model.fit(points, { learningRate: 10 });
   * } catch (e) {
   *   if (e instanceof TrainingDivergedError) console.log(e.history.epochs.map((r) => r.loss));
   * }
   * ```
   */
  readonly history: History;

  /**
   * Made by the training engine; a custom loop on top of it can throw one the same way.
   *
   * @example
   * ```ts
   * import type { History } from 'pointgen';
   * declare const history: History;
   * throw new TrainingDivergedError(3, 12, history, 'loss is NaN');
   * ```
   */
  constructor(epoch: number, step: number, history: History, detail: string) {
    super(
      `training diverged at epoch ${epoch}, step ${step}: ${detail}; the model keeps its last good weights`,
    );
    this.epoch = epoch;
    this.step = step;
    this.history = history;
  }
}
