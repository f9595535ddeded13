import * as tf from '@tensorflow/tfjs-core';
import { dequantize } from '../data/lattice.js';
import { type Points, selectRows } from '../data/points.js';
import { type Rng, toRng } from '../data/rng.js';
import { ensureGradients } from '../tf/gradients.js';
import { onHostBackend } from '../tf/host.js';
import { useLeanWasmKernels } from '../tf/wasm-kernels.js';
import { AdamW, HostAdamW } from './adam.js';
import { batchesPerEpoch, plannedSteps, TimeBudget } from './budget.js';
import { batchTensor, holdOut, type Noise, noisyPoints, toChunks } from './data.js';
import { HostWeightAverage, WeightAverage } from './ema.js';
import { TrainingDivergedError } from './errors.js';
import type { EpochRecord, History, StopReason } from './history.js';
import type { FitOptions, TrainingConfig } from './options.js';
import { learningRateAt, type Schedule } from './schedule.js';
import { Snapshot } from './snapshot.js';
import { trainStep } from './step.js';
import { yieldToEventLoop } from './yield.js';

/**
 * What a model gives the engine: its trainable variables and the mean negative log-likelihood of a batch.
 * Everything else (batches, optimiser, schedule, validation, early stopping, rollback) is the engine's.
 */
export interface TrainableModel {
  readonly variables: readonly tf.Variable[];
  /** Mean NLL (nats per point) of a `[n, dim]` batch; called under a gradient tape. */
  loss(batch: tf.Tensor2D): tf.Scalar;
  /** The loss of a training step when it differs from `loss` (e.g. with dropout); validation always uses `loss`. */
  trainingLoss?(batch: tf.Tensor2D): tf.Scalar;
  /** Optional data-dependent initialisation (e.g. ActNorm), called with training points before any step. */
  initialize?(batch: tf.Tensor2D): void;
}

/** Fully resolved settings of one training run (see `resolveTrainSettings`). */
export interface TrainSettings extends TrainingConfig {
  /** Seconds to train for, replacing `steps` and `epochs` (which may then be `Infinity`); absent: none. */
  readonly timeBudget?: number | undefined;
  /** Explicit validation points; when set, `validationFraction` is ignored and no training point is held out. */
  readonly validation: Points | null;
  /** Lattice steps for dequantization, or `null` to train on the points as they are. */
  readonly dequantize: readonly number[] | null;
  /** Upper end of the model's support per coordinate (the lower end is 0): jittered points are kept inside. */
  readonly upper: readonly number[];
  readonly onDivergence: 'throw' | 'reduce-lr';
  readonly seed: FitOptions['seed'];
  readonly callbacks: FitOptions['callbacks'];
  readonly signal: AbortSignal | undefined;
}

const MAX_LR_REDUCTIONS = 5;
/**
 * A loss more than this many nats per coordinate above the first step's counts as divergence, like a
 * non-finite one (a spline RealNVP at too large a learning rate reached a finite 1e25 with every sample NaN).
 * It means a density e^-100 times lower per coordinate than the untrained model's: no training passes there.
 */
const EXPLODED_NATS_PER_COORDINATE = 100;
const EVAL_CHUNK = 4096;
const INIT_POINTS = 2048;
const YIELD_MS = 25;
/**
 * Trains `model` on `data` with Adam, a warm-up + cosine schedule, gradient clipping, validation, early
 * stopping and rollback, and resolves with the history; the model then holds the weights with the best
 * validation NLL (without validation, those of the last epoch). Leaves no tensors behind.
 *
 * @throws {TrainingDivergedError} when a step gives a non-finite loss or gradient and the settings say so.
 * @example
 * ```ts
 * const history = await train({ variables, loss: (batch) => meanNll(batch) }, points, settings);
 * ```
 */
export async function train(model: TrainableModel, data: Points, settings: TrainSettings): Promise<History> {
  ensureGradients();
  useLeanWasmKernels();
  const run = new Run(model, data, settings);
  try {
    return await run.run();
  } finally {
    run.dispose();
  }
}

/** What one pass over the training points gave. */
interface EpochOutcome {
  /** False when training was aborted before the epoch's last step. */
  readonly completed: boolean;
  readonly loss: number;
  readonly learningRate: number;
}

/** One call of `train`: its state, and the steps of its loop. */
class Run {
  private readonly vars: readonly tf.Variable[];
  private readonly rng: Rng;
  private readonly trainPoints: Points;
  private readonly validation: tf.Tensor2D[] | null;
  private readonly noise: Noise;
  private readonly schedule: Schedule;
  private readonly batches: number;
  /** The planned total of steps: set by the step budget, or replanned after every step by the time budget. */
  private total: number;
  private readonly timeBudget: TimeBudget | null;
  private readonly records: EpochRecord[] = [];
  private readonly started = performance.now();
  private optimizer: AdamW | HostAdamW | null = null;
  private average: WeightAverage | HostWeightAverage | null = null;
  /** The weights with the best score so far, and those at the end of the last good epoch (for rollback). */
  private best: Snapshot | null = null;
  private last: Snapshot | null = null;
  /** Whether the variables hold the `best` weights right now. */
  private holdsBest = true;
  private bestValNll = Number.NaN;
  private bestEpoch = 0;
  private sinceBest = 0;
  private initialValNll = Number.NaN;
  private lrScale = 1;
  private callbackMs = 0;
  private lastYield = performance.now();
  private steps = 0;
  private divergences = 0;
  private firstLoss = Number.NaN;

  constructor(
    private readonly model: TrainableModel,
    data: Points,
    private readonly s: TrainSettings,
  ) {
    this.vars = model.variables;
    this.rng = toRng(s.seed);
    const { train, validation } = s.validation
      ? { train: data, validation: s.validation }
      : holdOut(data, s.validationFraction, this.rng.fork());
    this.trainPoints = train;
    // Validation points are dequantized once, with fixed noise, so that epochs compare on equal terms.
    this.validation = validation && toChunks(this.dequantized(validation, this.rng.fork()), EVAL_CHUNK);
    this.noise = { dequantize: s.dequantize, jitter: s.jitter ?? 0, upper: s.upper };
    this.schedule = { kind: s.schedule, warmupSteps: s.warmupSteps, minFactor: s.minLearningRateFactor };
    this.batches = batchesPerEpoch(train.count, s.batchSize);
    this.timeBudget = s.timeBudget === undefined ? null : new TimeBudget(s.timeBudget);
    this.total = this.timeBudget ? Number.POSITIVE_INFINITY : plannedSteps(train.count, s);
  }

  async run(): Promise<History> {
    this.initialize();
    // On host backends the optimiser and the weight average run in JavaScript over the values in place, which
    // takes a fifth of the kernels out of a step (docs/recipes.md).
    const onHost = onHostBackend();
    const adam = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: this.s.weightDecay };
    this.optimizer = onHost ? new HostAdamW(this.vars, adam) : new AdamW(this.vars, adam);
    if (this.s.emaDecay) {
      this.average = onHost
        ? new HostWeightAverage(this.vars, this.s.emaDecay)
        : new WeightAverage(this.vars, this.s.emaDecay);
    }
    this.initialValNll = this.validationNll();
    this.bestValNll = this.initialValNll;
    this.best = new Snapshot(this.vars);
    this.last = new Snapshot(this.vars);

    let stoppedBy: StopReason = this.budgetReason();
    for (let epoch = 1; this.steps < this.total && !this.aborted(); epoch++) {
      const outcome = await this.trainEpoch(epoch);
      if (!outcome.completed) {
        this.keepBetterOnAbort(epoch, outcome);
        break;
      }
      if (await this.endEpoch(epoch, outcome)) {
        stoppedBy = 'early-stopping';
        break;
      }
    }
    if (this.aborted()) stoppedBy = 'aborted';
    if (!this.holdsBest) this.best.restore(this.vars);
    return this.history(stoppedBy);
  }

  dispose(): void {
    this.optimizer?.dispose();
    this.average?.dispose();
    this.best?.dispose();
    this.last?.dispose();
    for (const t of this.validation ?? []) t.dispose();
  }

  private async trainEpoch(epoch: number): Promise<EpochOutcome> {
    const points = noisyPoints(this.trainPoints, this.noise, this.rng);
    const n = points.count;
    const order = this.rng.permutation(n);
    let lossSum = 0;
    let lossCount = 0;
    let learningRate = 0;
    // The last epoch of a step budget may stop part-way: its steps are still whole batches of the permutation.
    for (let b = 0; b < this.batches && this.steps < this.total; b++) {
      const start = Math.floor((b * n) / this.batches);
      const end = Math.floor(((b + 1) * n) / this.batches);
      learningRate = learningRateAt(this.steps, this.total, this.s.learningRate, this.schedule);
      learningRate *= this.lrScale;
      const batch = batchTensor(points, order, start, end);
      let result: ReturnType<typeof trainStep>;
      try {
        const loss = () => (this.model.trainingLoss ?? this.model.loss).call(this.model, batch);
        result = trainStep(
          this.vars,
          loss,
          this.optimizer as AdamW | HostAdamW,
          learningRate,
          this.s.clipNorm,
        );
      } finally {
        batch.dispose();
      }
      this.steps += 1;
      if (this.timeBudget) this.total = this.timeBudget.plan(this.steps, this.seconds());
      if (result.applied && Number.isNaN(this.firstLoss)) this.firstLoss = result.loss;
      const exploded = result.applied && this.exploded(result.loss, this.firstLoss);
      if (!result.applied || exploded) {
        const why = exploded
          ? `exploded from the first step's ${this.firstLoss}`
          : `gradient norm ${result.gradNorm}`;
        this.rollBack(epoch, b, `loss ${result.loss}, ${why}`);
        continue;
      }
      this.average?.update();
      lossSum += result.loss * (end - start);
      lossCount += end - start;
      const info = {
        epoch,
        step: b,
        steps: this.steps,
        totalSteps: this.total,
        loss: result.loss,
        learningRate,
      };
      await this.callback(() => this.s.callbacks?.onBatchEnd?.(info));
      await this.yieldNow();
      const epochLeft = b < this.batches - 1 && this.steps < this.total;
      const loss = lossSum / lossCount;
      if (this.aborted() && epochLeft) return { completed: false, loss, learningRate };
    }
    return { completed: true, loss: lossCount > 0 ? lossSum / lossCount : Number.NaN, learningRate };
  }

  /**
   * Back to the last good weights after a non-finite step: then either on at half the learning rate, or a
   * rejection, as the settings say.
   */
  private rollBack(epoch: number, step: number, detail: string): void {
    this.last?.restore(this.vars);
    this.optimizer?.reset();
    this.average?.reset();
    this.holdsBest = false;
    if (this.s.onDivergence === 'reduce-lr' && this.divergences < MAX_LR_REDUCTIONS) {
      this.divergences += 1;
      this.lrScale *= 0.5;
      return;
    }
    throw new TrainingDivergedError(epoch, step, this.history('epochs'), detail);
  }

  /**
   * Validation, snapshots and the epoch callback, all on the averaged weights when there is an average
   * (training then resumes from the raw ones). Returns true when early stopping says to stop.
   */
  private async endEpoch(epoch: number, outcome: EpochOutcome): Promise<boolean> {
    const raw = this.average ? new Snapshot(this.vars) : null;
    try {
      this.average?.apply();
      const valNll = this.validationNll();
      if (this.validation && !(Number.isFinite(valNll) && !this.exploded(valNll, this.initialValNll))) {
        this.last?.restore(this.vars);
        throw new TrainingDivergedError(
          epoch,
          this.batches - 1,
          this.history('epochs'),
          `validation NLL ${valNll}`,
        );
      }
      const record = this.recordOf(epoch, outcome, valNll);
      this.records.push(record);
      this.last?.dispose();
      this.last = new Snapshot(this.vars);
      // Without validation there is nothing to judge by: the latest epoch counts as the best.
      this.holdsBest = this.validation === null || valNll < this.bestValNll;
      if (this.holdsBest) {
        this.markBest(epoch, valNll);
        this.best?.dispose();
        this.best = new Snapshot(this.vars);
        this.sinceBest = 0;
      } else {
        this.sinceBest += 1;
      }
      await this.callback(() => this.s.callbacks?.onEpochEnd?.(record));
      if (raw) {
        raw.restore(this.vars);
        this.holdsBest = false;
      }
    } finally {
      raw?.dispose();
    }
    return this.s.patience > 0 && this.sinceBest >= this.s.patience;
  }

  /**
   * After an abort mid-epoch, keeps whichever is better, the partly trained (averaged) weights or the best so
   * far; without validation there is no judge, and the partly trained weights stay.
   */
  private keepBetterOnAbort(epoch: number, outcome: EpochOutcome): void {
    this.average?.apply();
    const valNll = this.validationNll();
    // Recorded, so that `bestEpoch` always names an epoch of the history.
    this.records.push({ ...this.recordOf(epoch, outcome, valNll), partial: true });
    this.holdsBest = this.validation === null || valNll < this.bestValNll;
    if (this.holdsBest) this.markBest(epoch, valNll);
  }

  /** Which budget ends a run that goes to its end: the time, the steps, or the epochs. */
  private budgetReason(): StopReason {
    if (this.timeBudget) return 'time-budget';
    return this.total < this.s.epochs * this.batches ? 'steps' : 'epochs';
  }

  private recordOf(epoch: number, outcome: EpochOutcome, valNll: number): EpochRecord {
    const { loss, learningRate } = outcome;
    return { epoch, steps: this.steps, loss, valNll, seconds: this.seconds(), learningRate };
  }

  /** Whether `loss` is so far above `reference` (the first step's, or the initial validation NLL) that training diverged. */
  private exploded(loss: number, reference: number): boolean {
    return loss > reference + EXPLODED_NATS_PER_COORDINATE * this.trainPoints.dim;
  }

  private markBest(epoch: number, valNll: number): void {
    this.bestEpoch = epoch;
    this.bestValNll = valNll;
  }

  private aborted(): boolean {
    return this.s.signal?.aborted === true;
  }

  private seconds(): number {
    return (performance.now() - this.started - this.callbackMs) / 1000;
  }

  /** Lets timers and abort listeners run now and then during the synchronous steps. */
  private async yieldNow(): Promise<void> {
    if (performance.now() - this.lastYield <= YIELD_MS) return;
    await yieldToEventLoop();
    this.lastYield = performance.now();
  }

  private async callback(fn: () => void | Promise<void> | undefined): Promise<void> {
    const t0 = performance.now();
    try {
      await fn();
    } finally {
      this.callbackMs += performance.now() - t0;
    }
  }

  private history(stoppedBy: StopReason): History {
    return {
      epochs: [...this.records],
      initialValNll: this.initialValNll,
      bestEpoch: this.bestEpoch,
      bestValNll: this.bestValNll,
      stoppedBy,
      steps: this.steps,
      seconds: this.seconds(),
      divergences: this.divergences,
    };
  }

  private dequantized(points: Points, rng: Rng): Points {
    return this.s.dequantize ? dequantize(points, this.s.dequantize, rng) : points;
  }

  private validationNll(): number {
    const chunks = this.validation;
    if (!chunks) return Number.NaN;
    const total = tf.tidy(() => tf.addN(chunks.map((c) => tf.mul(this.model.loss(c), c.shape[0]))));
    const sum = total.dataSync()[0] as number;
    total.dispose();
    return sum / chunks.reduce((a, c) => a + c.shape[0], 0);
  }

  private initialize(): void {
    const init = this.model.initialize;
    if (!init) return;
    const n = this.trainPoints.count;
    const rows = this.rng.fork().permutation(n).subarray(0, Math.min(n, INIT_POINTS));
    const picked = this.dequantized(selectRows(this.trainPoints, rows), this.rng.fork());
    const batch = tf.tensor2d(picked.data, [picked.count, picked.dim]);
    try {
      tf.tidy(() => init.call(this.model, batch));
    } finally {
      batch.dispose();
    }
  }
}
