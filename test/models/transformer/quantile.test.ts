import { describe, expect, it } from 'vitest';
import { binnedQuantile } from '../../../src/models/transformer/quantile.js';

describe('binnedQuantile', () => {
  it('inverts the piecewise-linear CDF of bins with uniform density inside', () => {
    // Bins of width 0.25 with masses 0.2, 0, 0.5, 0.3: the CDF is 0.2 at 0.25, 0.2 at 0.5, 0.7 at 0.75.
    const p = [0.2, 0, 0.5, 0.3];
    expect(binnedQuantile(p, 0.25, 0.1)).toBeCloseTo(0.125, 12);
    expect(binnedQuantile(p, 0.25, 0.2)).toBeCloseTo(0.25, 12);
    expect(binnedQuantile(p, 0.25, 0.45)).toBeCloseTo(0.625, 12);
    expect(binnedQuantile(p, 0.25, 0.85)).toBeCloseTo(0.875, 12);
    expect(binnedQuantile(p, 0.25, 1)).toBeCloseTo(1, 12);
    expect(binnedQuantile(p, 0.25, 0)).toBe(0);
    // Unnormalised masses give the same quantiles.
    expect(binnedQuantile([2, 0, 5, 3], 0.25, 0.45)).toBeCloseTo(0.625, 12);
  });
});
