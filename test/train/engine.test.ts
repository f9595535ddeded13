import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/train/engine.js';
import { TrainingDivergedError } from '../../src/train/errors.js';
import { GaussianModel, gaussianPoints, gaussianSettings, useGaussianModels } from './gaussian-model.js';

const BASE = gaussianSettings({ validationFraction: 0.2 });
const data = gaussianPoints(400);
const newModel = useGaussianModels();

describe('train', () => {
  it('lowers the loss towards the known optimum and leaves no tensors behind', async () => {
    const model = newModel();
    const before = tf.memory().numTensors;
    const history = await train(model, data, BASE);
    expect(tf.memory().numTensors).toBe(before);
    expect(history.epochs).toHaveLength(30);
    expect(history.stoppedBy).toBe('epochs');
    const first = history.epochs[0]?.loss as number;
    const last = history.epochs.at(-1)?.loss as number;
    expect(last).toBeLessThan(first - 1);
    const { mean, logStd } = model.values();
    expect(mean[0]).toBeCloseTo(0.3, 1);
    expect(mean[1]).toBeCloseTo(0.5, 1);
    expect(Math.exp(logStd[0] as number)).toBeLessThan(0.2);
    expect(history.bestValNll).toBe(Math.min(history.initialValNll, ...history.epochs.map((e) => e.valNll)));
  });

  it('is reproducible for a seed', async () => {
    const first = newModel();
    const a = await train(first, data, { ...BASE, epochs: 3 });
    const model = newModel();
    const b = await train(model, data, { ...BASE, epochs: 3 });
    expect(model.values()).toEqual(first.values());
    expect(b.epochs.map((e) => e.loss)).toEqual(a.epochs.map((e) => e.loss));
  });

  it('reports each epoch and batch to async callbacks, excluding their time from seconds', async () => {
    const model = newModel();
    const epochs: number[] = [];
    let batches = 0;
    const history = await train(model, data, {
      ...BASE,
      epochs: 2,
      callbacks: {
        onEpochEnd: async (r) => {
          epochs.push(r.epoch);
          await new Promise((resolve) => setTimeout(resolve, 150));
        },
        onBatchEnd: () => {
          batches += 1;
        },
      },
    });
    expect(epochs).toEqual([1, 2]);
    expect(batches).toBe(history.steps);
    expect(history.steps).toBe(2 * Math.round(320 / 50));
    expect(history.seconds).toBeLessThan(0.3);
  });

  it('stops on abort after the current step, resolves with the history and keeps the best weights', async () => {
    const model = newModel();
    const controller = new AbortController();
    let steps = 0;
    const history = await train(model, data, {
      ...BASE,
      epochs: 1000,
      signal: controller.signal,
      callbacks: {
        onBatchEnd: () => {
          steps += 1;
          if (steps === 20) controller.abort();
        },
      },
    });
    expect(history.stoppedBy).toBe('aborted');
    expect(history.steps).toBe(20);
    expect(history.epochs.length).toBeLessThan(5);
    const before = tf.memory().numTensors;
    expect(Number.isFinite(history.bestValNll)).toBe(true);
    expect(history.bestValNll).toBeLessThanOrEqual(history.initialValNll);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('aborts from a timer while training runs synchronously between yields', async () => {
    const model = newModel();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const history = await train(model, gaussianPoints(4000), {
      ...BASE,
      epochs: 100000,
      signal: controller.signal,
    });
    expect(history.stoppedBy).toBe('aborted');
  });

  it('resolves at once with no step when the signal is already aborted', async () => {
    const model = newModel();
    const history = await train(model, data, { ...BASE, signal: AbortSignal.abort() });
    expect(history.steps).toBe(0);
    expect(history.stoppedBy).toBe('aborted');
    expect(model.values().mean).toEqual([0, 0]);
  });

  it('rolls back to the last good weights and rejects with TrainingDivergedError on a NaN loss', async () => {
    const model = newModel();
    let snapshot: { mean: number[]; logStd: number[] } | undefined;
    const error = await train(model, data, {
      ...BASE,
      epochs: 10,
      callbacks: {
        onEpochEnd: (r) => {
          if (r.epoch === 2) snapshot = model.values();
        },
        onBatchEnd: (b) => {
          if (b.epoch === 3 && b.step === 2) model.poisoned = true;
        },
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    const diverged = error as TrainingDivergedError;
    expect(diverged.epoch).toBe(3);
    expect(diverged.step).toBe(3);
    expect(diverged.history.epochs).toHaveLength(2);
    expect(model.values()).toEqual(snapshot);
  });

  it("with onDivergence: 'reduce-lr', rolls back, halves the rate and finishes", async () => {
    const model = newModel();
    const history = await train(model, data, {
      ...BASE,
      epochs: 4,
      onDivergence: 'reduce-lr',
      callbacks: {
        onBatchEnd: (b) => {
          if (b.epoch === 2 && b.step === 0) model.poisoned = true;
        },
      },
    });
    expect(history.divergences).toBe(1);
    expect(history.epochs).toHaveLength(4);
    expect(history.epochs[3]?.learningRate).toBeCloseTo(BASE.learningRate / 2, 10);
  });

  it('stops early and restores the weights of the best validation epoch', async () => {
    const model = newModel();
    let best: { mean: number[]; logStd: number[] } | undefined;
    let bestNll = Number.POSITIVE_INFINITY;
    const history = await train(model, data, {
      ...BASE,
      epochs: 200,
      learningRate: 0.3,
      patience: 3,
      callbacks: {
        onEpochEnd: (r) => {
          if (r.valNll < bestNll) {
            bestNll = r.valNll;
            best = model.values();
          }
        },
      },
    });
    expect(history.stoppedBy).toBe('early-stopping');
    expect(history.epochs.length).toBeLessThan(200);
    expect(history.bestValNll).toBe(bestNll);
    expect(history.epochs.length - history.bestEpoch).toBe(3);
    expect(model.values()).toEqual(best);
  });

  it('keeps the last epoch without validation', async () => {
    const model = newModel();
    let last: { mean: number[]; logStd: number[] } | undefined;
    const history = await train(model, data, {
      ...BASE,
      epochs: 5,
      learningRate: 0.3,
      validationFraction: 0,
      callbacks: {
        onEpochEnd: () => {
          last = model.values();
        },
      },
    });
    expect(history.bestEpoch).toBe(5);
    expect(Number.isNaN(history.bestValNll)).toBe(true);
    expect(model.values()).toEqual(last);
  });

  it('uses explicit validation points instead of holding out training points', async () => {
    const model = newModel();
    let batches = 0;
    await train(model, data, {
      ...BASE,
      epochs: 1,
      validation: gaussianPoints(50, 9),
      callbacks: {
        onBatchEnd: () => {
          batches += 1;
        },
      },
    });
    expect(batches).toBe(Math.round(400 / 50));
  });

  it('calls the model initialiser once with training points before the first step', async () => {
    const model = newModel();
    const seen: number[] = [];
    const initialized = Object.assign(Object.create(model) as GaussianModel, {
      initialize: (batch: tf.Tensor2D) => {
        seen.push(batch.shape[0]);
        model.mean.assign(tf.mean(batch, 0));
      },
    });
    await train(initialized, data, { ...BASE, epochs: 1, learningRate: 1e-9 });
    expect(seen).toEqual([320]);
    expect(model.values().mean[0]).toBeCloseTo(0.3, 1);
  });
});

describe('train with a weight average', () => {
  it('validates and keeps the averaged weights, and leaves no tensors behind', async () => {
    await tf.setBackend('cpu');
    const plain = new GaussianModel(2);
    const averaged = new GaussianModel(2);
    const before = tf.memory().numTensors;
    const settings = { ...BASE, epochs: 6, learningRate: 0.2, validationFraction: 0 };
    await train(plain, data, settings);
    const history = await train(averaged, data, { ...settings, emaDecay: 0.9 });
    expect(tf.memory().numTensors).toBe(before);
    // The average lags behind the raw weights and moves less between epochs.
    expect(averaged.values()).not.toEqual(plain.values());
    expect(history.epochs).toHaveLength(6);
    const { mean } = averaged.values();
    expect(mean[0]).toBeCloseTo(0.3, 1);
    plain.dispose();
    averaged.dispose();
  });
});

describe('train with jitter', () => {
  it('fits the data convolved with the noise (a wider Gaussian)', async () => {
    await tf.setBackend('cpu');
    const model = new GaussianModel(2);
    await train(model, gaussianPoints(2000), {
      ...BASE,
      epochs: 150,
      batchSize: 400,
      learningRate: 0.03,
      schedule: 'cosine',
      validationFraction: 0,
      jitter: 0.1,
    });
    for (const logStd of model.values().logStd) {
      expect(Math.abs(Math.exp(logStd) - Math.hypot(0.05, 0.1))).toBeLessThan(0.01);
    }
    model.dispose();
  });
});
