import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../examples/quickstart.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('examples/quickstart', () => {
  it('trains, samples and prints a holdout report (one epoch)', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.join(' '));
    });
    const report = await main({ epochs: 1, samples: 1000 });

    expect(printed[0]).toMatch(/^epoch 1: loss -?\d+\.\d{3}$/);
    expect(printed.at(-1)).toContain('holdout evaluation: 1000 generated vs 1000 test points');
    expect(report.counts).toEqual({ generated: 1000, train: 4000, test: 1000, floorTrain: 1000 });
    // One epoch gives about 8 here; a uniform cloud over the unit cube scores 26, and copies would show below.
    expect(report.mmd.ratio).toBeLessThan(15);
    expect(report.memorization.exactCopies).toBe(0);
    expect(report.memorization.dcrRatio).toBeGreaterThan(0.8);
  });
});
