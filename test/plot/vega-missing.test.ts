import { describe, expect, it, vi } from 'vitest';
import { renderPlot } from '../../src/node/plots.js';

// Simulates an install without the optional peer dependencies.
vi.mock('vega', () => {
  throw new Error("Cannot find package 'vega'");
});

describe('renderPlot without vega', () => {
  it('tells the user to install vega and vega-lite', async () => {
    await expect(renderPlot({ mark: 'point' }, 'never-written')).rejects.toThrow(
      /npm install vega vega-lite/,
    );
  });
});
