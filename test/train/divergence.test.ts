import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidPointsError } from '../../src/errors.js';
import { REALNVP_PRESETS } from '../../src/models/realnvp/config.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { type TrainSettings, train } from '../../src/train/engine.js';
import { TrainingDivergedError } from '../../src/train/errors.js';
import { resolveTrainSettings } from '../../src/train/settings.js';
import { tensorsCreated } from '../backends.js';
import { latticePoints } from '../models/fixtures.js';
import { GaussianModel, gaussianPoints } from './gaussian-model.js';

const DATA = gaussianPoints(400);
const BASE: TrainSettings = resolveTrainSettings(
  {
    epochs: 4,
    batchSize: 50,
    learningRate: 0.05,
    schedule: 'constant',
    warmupSteps: 0,
    validation: 0.2,
    seed: 1,
  },
  DATA,
  { defaults: REALNVP_PRESETS.default.training, dim: 2, lattice: null },
);

/** A Gaussian whose training loss jumps to a finite 1e25 at one step, as a diverging flow's does. */
class Exploding extends GaussianModel {
  steps = 0;
  constructor(readonly at: number) {
    super(2);
  }
  trainingLoss(batch: tf.Tensor2D): tf.Scalar {
    this.steps += 1;
    const loss = this.loss(batch);
    return this.steps === this.at ? (tf.add(loss, 1e25) as tf.Scalar) : loss;
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('an exploding loss is a divergence', () => {
  it('a finite loss of 1e25 rejects like a non-finite one', async () => {
    const model = new Exploding(10);
    const error = await train(model, DATA, BASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as Error).message).toMatch(/loss 9\.99\d*e\+24, exploded from the first step's/);
    expect(model.values().mean.every(Number.isFinite)).toBe(true);
    model.dispose();
  });

  it("with onDivergence: 'reduce-lr' training goes on from the last good weights", async () => {
    const model = new Exploding(10);
    const history = await train(model, DATA, { ...BASE, onDivergence: 'reduce-lr' });
    expect(history.divergences).toBe(1);
    expect(history.epochs.every((e) => e.loss < 100)).toBe(true);
    model.dispose();
  });
});

describe('the history after an abort mid-epoch', () => {
  it('records the cut-short epoch, so that bestEpoch names one of its epochs', async () => {
    const model = new GaussianModel(2);
    const controller = new AbortController();
    const history = await train(model, DATA, {
      ...BASE,
      batchSize: 10,
      signal: controller.signal,
      callbacks: { onBatchEnd: ({ step }) => (step === 20 ? controller.abort() : undefined) },
    });
    expect(history.stoppedBy).toBe('aborted');
    expect(history.bestEpoch).toBe(1);
    expect(history.epochs).toHaveLength(1);
    expect(history.epochs[0]).toMatchObject({ epoch: 1, partial: true, steps: 21 });
    expect(history.bestValNll).toBe(history.epochs[0]?.valNll);
    model.dispose();
  });
});

describe('fit options and inputs checked up front', () => {
  it('a callback that is not a function fails before the first step', async () => {
    const model = new RealNVPGenerator({ couplings: 2, hidden: 8, depth: 1 });
    let steps = 0;
    const callbacks = { onBatchEnd: () => void steps++, onEpochEnd: 5 } as never;
    await expect(model.fit(latticePoints(50), { epochs: 1, callbacks })).rejects.toThrow(
      /options\.callbacks\.onEpochEnd: expected a function, got number 5/,
    );
    await expect(
      model.fit(latticePoints(50), { callbacks: { onEpochend: () => {} } as never }),
    ).rejects.toThrow(/options\.callbacks\.onEpochend: unknown callback/);
    expect(steps).toBe(0);
    model.dispose();
  });

  it('a disposed tensor and a huge length are InvalidPointsErrors', async () => {
    const model = new RealNVPGenerator({ couplings: 2, hidden: 8, depth: 1 });
    const t = tf.tensor2d([[0.1, 0.2, 0.3, 0.4, 0.5]]);
    t.dispose();
    const created = tensorsCreated();
    for (const input of [t, { data: { length: 5 * 2 ** 38 } as ArrayLike<number>, dim: 5 }]) {
      const error = await model.logProb(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidPointsError);
      expect((error as Error).message).toMatch(
        /^points: (the tensor has been disposed|data has \d+ values, more than)/,
      );
    }
    expect(tensorsCreated()).toBe(created);
    model.dispose();
  });
});
