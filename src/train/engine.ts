import * as tf from '@tensorflow/tfjs-core';
import { dequantize } from '../data/dequantize.js';
import { type Points, selectRows } from '../data/points.js';
import { type Rng, toRng } from '../data/rng.js';
import { ensureGradients } from '../tf/gradients.js';
import { AdamW } from './adam.js';
import { WeightAverage } from './ema.js';
import { TrainingDivergedError } from './errors.js';
import type { EpochRecord, History, StopReason } from './history.js';
import type { FitOptions, TrainingConfig } from './options.js';
import { learningRateAt } from './schedule.js';
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
const EVAL_CHUNK = 4096;
const INIT_POINTS = 2048;
const YIELD_MS = 25;

/**
 * Trains `model` on `data` with Adam, a warm-up + cosine schedule, gradient clipping, validation, early
 * stopping and rollback, and resolves with the history; the model then holds the weights with the best
 * validation NLL. Leaves no tensors behind.
 *
 * @throws {TrainingDivergedError} when a step gives a non-finite loss or gradient and the settings say so.
 */
export async function train(model: TrainableModel, data: Points, settings: TrainSettings): Promise<History> {
  ensureGradients();
  return new Run(model, data, settings).run();
}

class Run {
  private readonly rng: Rng;
  private readonly trainPoints: Points;
  private readonly validation: tf.Tensor2D[] | null;
  private readonly records: EpochRecord[] = [];
  private readonly started = performance.now();
  private callbackMs = 0;
  private steps = 0;
  private divergences = 0;
  private initialValNll = Number.NaN;
  private bestScore = Number.POSITIVE_INFINITY;
  private bestValNll = Number.NaN;
  private bestEpoch = 0;

  constructor(
    private readonly model: TrainableModel,
    data: Points,
    private readonly s: TrainSettings,
  ) {
    this.rng = toRng(s.seed);
    const { train, validation } = this.split(data);
    this.trainPoints = train;
    this.validation = validation && this.toChunks(validation);
  }

  async run(): Promise<History> {
    const vars = this.model.variables;
    let optimizer: AdamW | undefined;
    let best: Snapshot | undefined;
    let last: Snapshot | undefined;
    let average: WeightAverage | null = null;
    try {
      this.initialize();
      optimizer = new AdamW(vars, {
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
        weightDecay: this.s.weightDecay,
      });
      this.initialValNll = this.validationNll();
      this.bestScore = this.validation ? this.initialValNll : Number.POSITIVE_INFINITY;
      this.bestValNll = this.initialValNll;
      best = new Snapshot(vars);
      last = new Snapshot(vars);
      if (this.s.emaDecay) average = new WeightAverage(vars, this.s.emaDecay);

      const n = this.trainPoints.count;
      const batches = Math.max(1, Math.round(n / this.s.batchSize));
      const totalSteps = batches * this.s.epochs;
      const schedule = {
        kind: this.s.schedule,
        warmupSteps: this.s.warmupSteps,
        minFactor: this.s.minLearningRateFactor,
      };
      let lrScale = 1;
      let sinceBest = 0;
      let stoppedBy: StopReason = 'epochs';
      let lastYield = performance.now();
      let holdsBest = true;

      for (let epoch = 1; epoch <= this.s.epochs && !this.aborted(); epoch++) {
        const points = this.epochPoints();
        const order = this.rng.permutation(n);
        let lossSum = 0;
        let lossCount = 0;
        let lr = 0;
        let completed = true;
        for (let b = 0; b < batches; b++) {
          const start = Math.floor((b * n) / batches);
          const end = Math.floor(((b + 1) * n) / batches);
          lr = learningRateAt(this.steps, totalSteps, this.s.learningRate, schedule) * lrScale;
          const batch = tf.tensor2d(selectRows(points, order.subarray(start, end)).data, [
            end - start,
            points.dim,
          ]);
          let result: ReturnType<typeof trainStep>;
          try {
            const stepLoss = () =>
              this.model.trainingLoss ? this.model.trainingLoss(batch) : this.model.loss(batch);
            result = trainStep(vars, stepLoss, optimizer, lr, this.s.clipNorm);
          } finally {
            batch.dispose();
          }
          this.steps += 1;
          if (!result.applied) {
            last.restore(vars);
            optimizer.reset();
            average?.reset();
            holdsBest = false;
            const detail = `loss ${result.loss}, gradient norm ${result.gradNorm}`;
            if (this.s.onDivergence === 'reduce-lr' && this.divergences < MAX_LR_REDUCTIONS) {
              this.divergences += 1;
              lrScale *= 0.5;
              continue;
            }
            throw new TrainingDivergedError(epoch, b, this.history('epochs'), detail);
          }
          average?.update();
          lossSum += result.loss * (end - start);
          lossCount += end - start;
          await this.callback(() =>
            this.s.callbacks?.onBatchEnd?.({ epoch, step: b, loss: result.loss, learningRate: lr }),
          );
          if (performance.now() - lastYield > YIELD_MS) {
            await yieldToEventLoop();
            lastYield = performance.now();
          }
          if (this.aborted() && b < batches - 1) {
            completed = false;
            break;
          }
        }
        // Validation, snapshots and the epoch callback see the averaged weights; training resumes from the raw ones.
        const raw = average ? new Snapshot(vars) : null;
        average?.apply();
        if (!completed) {
          // Keep whichever is better, the partly trained weights or the best so far; without validation
          // there is no judge, and the partly trained weights stay.
          raw?.dispose();
          const valNll = this.validationNll();
          holdsBest = this.validation === null || valNll < this.bestScore;
          if (holdsBest) this.markBest(epoch, this.validation ? valNll : this.bestScore, valNll);
          stoppedBy = 'aborted';
          break;
        }
        const valNll = this.validationNll();
        const loss = lossCount > 0 ? lossSum / lossCount : Number.NaN;
        if (this.validation && !Number.isFinite(valNll)) {
          raw?.dispose();
          last.restore(vars);
          throw new TrainingDivergedError(
            epoch,
            batches - 1,
            this.history('epochs'),
            `validation NLL ${valNll}`,
          );
        }
        const record: EpochRecord = { epoch, loss, valNll, seconds: this.seconds(), learningRate: lr };
        this.records.push(record);
        last.dispose();
        last = new Snapshot(vars);
        const score = this.validation ? valNll : loss;
        holdsBest = score < this.bestScore;
        if (holdsBest) {
          this.markBest(epoch, score, valNll);
          best.dispose();
          best = new Snapshot(vars);
          sinceBest = 0;
        } else {
          sinceBest += 1;
        }
        await this.callback(() => this.s.callbacks?.onEpochEnd?.(record));
        if (raw) {
          raw.restore(vars);
          raw.dispose();
          holdsBest = false;
        }
        if (this.s.patience > 0 && sinceBest >= this.s.patience) {
          stoppedBy = 'early-stopping';
          break;
        }
        if (this.aborted()) stoppedBy = 'aborted';
      }
      if (this.aborted()) stoppedBy = 'aborted';
      if (!holdsBest) best.restore(vars);
      return this.history(stoppedBy);
    } finally {
      optimizer?.dispose();
      best?.dispose();
      last?.dispose();
      average?.dispose();
      for (const t of this.validation ?? []) t.dispose();
    }
  }

  /** This epoch's training points: fresh dequantization noise, and jitter if asked for. */
  private epochPoints(): Points {
    const points = this.s.dequantize
      ? dequantize(this.trainPoints, this.s.dequantize, this.rng)
      : this.trainPoints;
    const jitter = this.s.jitter ?? 0;
    if (jitter === 0) return points;
    const { dim } = points;
    const data = new Float32Array(points.data);
    for (let k = 0; k < data.length; k++) {
      const v = (data[k] as number) + jitter * this.rng.normal();
      data[k] = Math.min(Math.max(v, 0), this.s.upper[k % dim] as number);
    }
    return { data, count: points.count, dim };
  }

  private markBest(epoch: number, score: number, valNll: number): void {
    this.bestEpoch = epoch;
    this.bestScore = score;
    this.bestValNll = valNll;
  }

  private aborted(): boolean {
    return this.s.signal?.aborted === true;
  }

  private seconds(): number {
    return (performance.now() - this.started - this.callbackMs) / 1000;
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

  private split(data: Points): { train: Points; validation: Points | null } {
    if (this.s.validation) return { train: data, validation: this.s.validation };
    const held = Math.round(data.count * this.s.validationFraction);
    if (held === 0) return { train: data, validation: null };
    if (held >= data.count) {
      throw new RangeError(
        `validationFraction: holding out ${held} of ${data.count} points leaves none to train on`,
      );
    }
    const order = this.rng.fork().permutation(data.count);
    const valRows = Array.from(order.subarray(0, held)).sort((a, b) => a - b);
    const isVal = new Uint8Array(data.count);
    for (const i of valRows) isVal[i] = 1;
    const trainRows: number[] = [];
    for (let i = 0; i < data.count; i++) if (!isVal[i]) trainRows.push(i);
    return { train: selectRows(data, trainRows), validation: selectRows(data, valRows) };
  }

  /** The validation points, dequantized once with fixed noise so that epochs compare on equal terms. */
  private toChunks(points: Points): tf.Tensor2D[] {
    const noisy = this.s.dequantize ? dequantize(points, this.s.dequantize, this.rng.fork()) : points;
    const chunks: tf.Tensor2D[] = [];
    for (let start = 0; start < noisy.count; start += EVAL_CHUNK) {
      const end = Math.min(start + EVAL_CHUNK, noisy.count);
      chunks.push(
        tf.tensor2d(noisy.data.subarray(start * noisy.dim, end * noisy.dim), [end - start, noisy.dim]),
      );
    }
    return chunks;
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
    const picked = selectRows(this.trainPoints, rows);
    const noisy = this.s.dequantize ? dequantize(picked, this.s.dequantize, this.rng.fork()) : picked;
    const batch = tf.tensor2d(noisy.data, [noisy.count, noisy.dim]);
    try {
      tf.tidy(() => init.call(this.model, batch));
    } finally {
      batch.dispose();
    }
  }
}
