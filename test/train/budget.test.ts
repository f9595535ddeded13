import { describe, expect, it } from 'vitest';
import { DEFAULT_LATTICE_STEPS } from '../../src/data/lattice.js';
import { toPoints } from '../../src/data/points.js';
import { REALNVP_PRESETS } from '../../src/models/realnvp/config.js';
import { batchesPerEpoch, plannedSteps, TimeBudget } from '../../src/train/budget.js';
import { train } from '../../src/train/engine.js';
import { resolveTrainSettings } from '../../src/train/settings.js';
import { gaussianPoints, gaussianSettings, useGaussianModels } from './gaussian-model.js';

const BASE = gaussianSettings({ schedule: 'cosine' });
const newModel = useGaussianModels();

describe('plannedSteps', () => {
  it('caps the steps by the budget on large sets and by the epochs on small ones', () => {
    const budget = { epochs: 34, steps: 1050, batchSize: 128 };
    expect(plannedSteps(4000, budget)).toBe(1050);
    expect(plannedSteps(400_000, budget)).toBe(1050);
    expect(plannedSteps(1000, budget)).toBe(34 * 8);
    expect(plannedSteps(1000, { epochs: 34, batchSize: 128 })).toBe(272);
    expect(plannedSteps(10, { epochs: Number.POSITIVE_INFINITY, steps: 7, batchSize: 128 })).toBe(7);
    expect(batchesPerEpoch(10, 128)).toBe(1);
  });
});

describe('TimeBudget', () => {
  it('measures first, then plans the steps that fit in the time left, and stops when it is used up', () => {
    const budget = new TimeBudget(10);
    expect(budget.plan(1, 0.5)).toBe(Number.POSITIVE_INFINITY);
    expect(budget.plan(2, 0.6)).toBe(Number.POSITIVE_INFINITY);
    expect(budget.plan(9, 1.3)).toBe(Number.POSITIVE_INFINITY);
    // 8 steps in 0.8 s since step 2: 10 steps a second, 8.6 s left.
    expect(budget.plan(10, 1.4)).toBe(10 + 86);
    expect(budget.plan(50, 10)).toBe(50);
  });
});

describe('step and time budgets in training', () => {
  it('ends part-way through an epoch when the step budget runs out, with the schedule fitted to it', async () => {
    const model = newModel();
    const rates: number[] = [];
    const history = await train(model, gaussianPoints(1000), {
      ...BASE,
      steps: 45,
      callbacks: { onBatchEnd: (b) => void rates.push(b.learningRate) },
    });
    expect(history.steps).toBe(45);
    expect(history.stoppedBy).toBe('steps');
    expect(history.epochs.map((e) => e.steps)).toEqual([20, 40, 45]);
    expect(rates.at(-1)).toBeCloseTo(0, 6);
  });

  it('trains for about the time budget and records steps and seconds', async () => {
    const model = newModel();
    const totals: number[] = [];
    const history = await train(model, gaussianPoints(40_000), {
      ...BASE,
      epochs: Number.POSITIVE_INFINITY,
      batchSize: 2000,
      timeBudget: 1,
      callbacks: { onBatchEnd: (b) => void totals.push(b.totalSteps) },
    });
    expect(history.stoppedBy).toBe('time-budget');
    expect(history.seconds).toBeGreaterThanOrEqual(1);
    expect(history.seconds).toBeLessThan(3);
    expect(totals[0]).toBe(Number.POSITIVE_INFINITY);
    expect(totals.at(-1)).toBe(history.steps);
    expect(history.epochs.at(-1)?.steps).toBe(history.steps);
  });
});

describe('resolveTrainSettings with budgets', () => {
  const points = toPoints([[0.5, 0.5, 0.5, 0.5, 0.5]]);
  const context = { defaults: REALNVP_PRESETS.default.training, dim: 5, lattice: DEFAULT_LATTICE_STEPS };
  it('keeps the recipe budget, or trains exactly the epochs or steps asked for', () => {
    const recipe = resolveTrainSettings({}, points, context);
    expect([recipe.epochs, recipe.steps]).toEqual([70, 700]);
    const epochs = resolveTrainSettings({ epochs: 3 }, points, context);
    expect([epochs.epochs, epochs.steps]).toEqual([3, undefined]);
    const steps = resolveTrainSettings({ steps: 30 }, points, context);
    expect([steps.epochs, steps.steps]).toEqual([Number.POSITIVE_INFINITY, 30]);
    const time = resolveTrainSettings({ timeBudget: 5 }, points, context);
    expect([time.epochs, time.steps, time.timeBudget]).toEqual([Number.POSITIVE_INFINITY, undefined, 5]);
  });

  it('names a bad or ambiguous budget', () => {
    expect(() => resolveTrainSettings({ steps: 0 }, points, context)).toThrow(/options\.steps/);
    expect(() => resolveTrainSettings({ timeBudget: -1 }, points, context)).toThrow(/options\.timeBudget/);
    expect(() => resolveTrainSettings({ timeBudget: 5, epochs: 2 }, points, context)).toThrow(
      /cannot be combined with options\.epochs/,
    );
  });
});
