import { describe, expect, it } from 'vitest';
import { toPoints } from '../../src/data/points.js';
import { subsample } from '../../src/plot/subsample.js';

const points = toPoints(Array.from({ length: 100 }, (_, i) => [i, 0, 0, 0, 0]));
const firstColumn = (p: { data: Float32Array; count: number; dim: number }) =>
  Array.from({ length: p.count }, (_, i) => p.data[i * p.dim] as number);

describe('subsample', () => {
  it('keeps small sets as they are', () => {
    expect(subsample(points, 100, 0)).toBe(points);
  });

  it('draws the same rows for the same seed, in their original order, without repeats', () => {
    const a = firstColumn(subsample(points, 10, 7));
    expect(a).toEqual(firstColumn(subsample(points, 10, 7)));
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    expect(a).not.toEqual(firstColumn(subsample(points, 10, 8)));
  });

  it('rejects a bad maxPoints', () => {
    expect(() => subsample(points, 0, 0)).toThrow(/maxPoints/);
    expect(() => subsample(points, 2.5, 0)).toThrow(RangeError);
  });
});
