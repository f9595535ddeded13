import { describe, expect, it } from 'vitest';
import { DEFAULT_LATTICE_STEPS, isOnLattice } from '../../src/data/lattice.js';
import { toPoints } from '../../src/data/points.js';
import { InvalidPointsError } from '../../src/errors.js';
import { REALNVP_PRESETS } from '../../src/models/realnvp/config.js';
import { resolveTrainSettings } from '../../src/train/settings.js';

const lattice = toPoints([
  [3 / 300, 299 / 300, 0, 1, 128 / 255],
  [0, 1, 17 / 255, 254 / 255, 1],
]);
const context = { defaults: REALNVP_PRESETS.default.training, dim: 5, lattice: DEFAULT_LATTICE_STEPS };

describe('isOnLattice', () => {
  it('recognises float32 lattice data and rejects anything off it', () => {
    expect(isOnLattice(lattice, DEFAULT_LATTICE_STEPS)).toBe(true);
    expect(isOnLattice(toPoints([[0.5, 0.5, 0.5, 0.5, 0.5001]]), DEFAULT_LATTICE_STEPS)).toBe(false);
    expect(isOnLattice(toPoints([[0.5, 0.5]]), DEFAULT_LATTICE_STEPS)).toBe(false);
  });
});

describe('resolveTrainSettings', () => {
  it('merges options over the defaults and dequantizes lattice data by default', () => {
    const s = resolveTrainSettings({ epochs: 3, validation: 0.25 }, lattice, context);
    expect(s.epochs).toBe(3);
    expect(s.validationFraction).toBe(0.25);
    expect(s.batchSize).toBe(context.defaults.batchSize);
    expect(s.dequantize).toEqual(DEFAULT_LATTICE_STEPS);
    expect(resolveTrainSettings({ dequantize: false }, lattice, context).dequantize).toBeNull();
    const off = toPoints([[0.5, 0.5, 0.5, 0.5, 0.5001]]);
    expect(resolveTrainSettings({}, off, context).dequantize).toBeNull();
    expect(resolveTrainSettings({ dequantize: true }, off, context).dequantize).toEqual(
      DEFAULT_LATTICE_STEPS,
    );
  });

  it('names the bad option', () => {
    expect(() => resolveTrainSettings({ epochs: 0 }, lattice, context)).toThrow(/options\.epochs/);
    expect(() => resolveTrainSettings({ learningRate: Number.NaN }, lattice, context)).toThrow(
      /learningRate/,
    );
    expect(() => resolveTrainSettings({ epoch: 3 } as never, lattice, context)).toThrow(
      /options\.epoch: unknown/,
    );
    expect(() => resolveTrainSettings({ validation: 1 }, lattice, context)).toThrow(/validationFraction/);
    expect(() => resolveTrainSettings({ onDivergence: 'ignore' } as never, lattice, context)).toThrow(
      /onDivergence/,
    );
    expect(() => resolveTrainSettings({ validation: [[0.5, 0.5]] }, lattice, context)).toThrow(
      InvalidPointsError,
    );
    expect(() => resolveTrainSettings({ dequantize: true }, lattice, { ...context, lattice: null })).toThrow(
      /no lattice/,
    );
  });

  it('refuses early stopping without a validation set, which could never stop', () => {
    expect(() => resolveTrainSettings({ patience: 5 }, lattice, context)).toThrow(
      /options\.patience: .*needs a validation set/,
    );
    expect(resolveTrainSettings({ patience: 5, validation: 0.5 }, lattice, context).patience).toBe(5);
    expect(resolveTrainSettings({ patience: 5, validation: lattice }, lattice, context).patience).toBe(5);
  });
});
