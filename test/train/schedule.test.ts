import { describe, expect, it } from 'vitest';
import { learningRateAt } from '../../src/train/schedule.js';

describe('learningRateAt', () => {
  const cosine = { kind: 'cosine', warmupSteps: 10, minFactor: 0.1 } as const;

  it('warms up linearly to the base rate', () => {
    expect(learningRateAt(0, 100, 1, cosine)).toBeCloseTo(0.1);
    expect(learningRateAt(4, 100, 1, cosine)).toBeCloseTo(0.5);
    expect(learningRateAt(9, 100, 1, cosine)).toBeCloseTo(1);
  });

  it('decays along a cosine to minFactor · base at the last step', () => {
    expect(learningRateAt(10, 100, 2, cosine)).toBeCloseTo(2);
    expect(learningRateAt(99, 100, 2, cosine)).toBeCloseTo(0.2);
    const mid = learningRateAt(Math.round(10 + 89 / 2), 100, 2, cosine);
    expect(mid).toBeCloseTo(0.2 + 1.8 * 0.5, 1);
    for (let s = 11; s < 100; s++) {
      expect(learningRateAt(s, 100, 2, cosine)).toBeLessThanOrEqual(learningRateAt(s - 1, 100, 2, cosine));
    }
  });

  it('stays constant after the warm-up for the constant schedule', () => {
    const constant = { kind: 'constant', warmupSteps: 0, minFactor: 0 } as const;
    expect(learningRateAt(0, 10, 3, constant)).toBe(3);
    expect(learningRateAt(9, 10, 3, constant)).toBe(3);
  });

  it('never warms up past the end of a short run', () => {
    expect(learningRateAt(0, 1, 1, cosine)).toBe(1);
  });
});
