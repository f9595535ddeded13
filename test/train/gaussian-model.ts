import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll } from 'vitest';
import type { Points } from '../../src/data/points.js';
import { Rng } from '../../src/data/rng.js';
import type { TrainableModel, TrainSettings } from '../../src/train/engine.js';

/**
 * A diagonal Gaussian with a learnable mean and log-std: the smallest model whose NLL the engine can train,
 * with a known optimum (the data's mean and standard deviation). `poisoned` makes the next loss NaN.
 */
export class GaussianModel implements TrainableModel {
  readonly mean: tf.Variable;
  readonly logStd: tf.Variable;
  readonly variables: tf.Variable[];
  poisoned = false;

  constructor(dim: number) {
    this.mean = tf.variable(tf.zeros([dim]));
    this.logStd = tf.variable(tf.zeros([dim]));
    this.variables = [this.mean, this.logStd];
  }

  loss(batch: tf.Tensor2D): tf.Scalar {
    const z = tf.mul(tf.sub(batch, this.mean), tf.exp(tf.neg(this.logStd)));
    const nll = tf.add(tf.mul(tf.sum(tf.square(z), 1), 0.5), tf.sum(this.logStd));
    const mean = tf.mean(nll) as tf.Scalar;
    if (!this.poisoned) return mean;
    this.poisoned = false;
    return tf.mul(mean, Number.NaN) as tf.Scalar;
  }

  values(): { mean: number[]; logStd: number[] } {
    return { mean: Array.from(this.mean.dataSync()), logStd: Array.from(this.logStd.dataSync()) };
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** `count` 2-D points, coordinate j normal with mean 0.3 + 0.2 j and std 0.05, seeded. */
export function gaussianPoints(count: number, seed = 1): Points {
  const rng = new Rng(seed);
  const data = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    data[2 * i] = 0.3 + 0.05 * rng.normal();
    data[2 * i + 1] = 0.5 + 0.05 * rng.normal();
  }
  return { data, count, dim: 2 };
}

/**
 * Engine settings for a {@link GaussianModel} on 2-D points: 30 epochs of batches of 50 at a constant rate, with
 * nothing else on (no hold-out, clipping, decay or dequantization); `overrides` set the fields a test is about.
 */
export function gaussianSettings(overrides: Partial<TrainSettings> = {}): TrainSettings {
  return {
    epochs: 30,
    batchSize: 50,
    learningRate: 0.05,
    schedule: 'constant',
    warmupSteps: 0,
    minLearningRateFactor: 0,
    clipNorm: 0,
    weightDecay: 0,
    validationFraction: 0,
    patience: 0,
    validation: null,
    dequantize: null,
    upper: [1, 1],
    onDivergence: 'throw',
    seed: 1,
    callbacks: undefined,
    signal: undefined,
    ...overrides,
  };
}

/**
 * Registers hooks that select the cpu backend before a file's tests and dispose, after each test, every model
 * the returned function made in it.
 */
export function useGaussianModels(): (dim?: number) => GaussianModel {
  const made: GaussianModel[] = [];
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => {
    for (const model of made.splice(0)) model.dispose();
  });
  return (dim = 2) => {
    const model = new GaussianModel(dim);
    made.push(model);
    return model;
  };
}
