import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LATTICE_STEPS,
  dequantize,
  type Points,
  protocolSplit,
  randomSplit,
  toPoints,
  toRows,
} from '../../src/index.js';

const pointsArb = fc
  .array(fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }), {
    minLength: 1,
    maxLength: 60,
  })
  .map((rows) => toPoints(rows));

function rowKey(points: Points): string[] {
  return toRows(points).map((r) => r.join(','));
}

describe('protocolSplit', () => {
  it('puts exactly the rows with i % 5 == 4 in test, in order', () => {
    fc.assert(
      fc.property(pointsArb, (points) => {
        const { train, test } = protocolSplit(points);
        const rows = toRows(points);
        expect(toRows(test)).toEqual(rows.filter((_, i) => i % 5 === 4));
        expect(toRows(train)).toEqual(rows.filter((_, i) => i % 5 !== 4));
      }),
    );
  });
});

describe('randomSplit', () => {
  it('partitions the rows, with the requested test size, reproducibly', () => {
    fc.assert(
      fc.property(pointsArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer(), (points, f, seed) => {
        const a = randomSplit(points, { testFraction: f, seed });
        const b = randomSplit(points, { testFraction: f, seed });
        expect(a.test.count).toBe(Math.round(points.count * f));
        expect(a.train.count + a.test.count).toBe(points.count);
        expect([...rowKey(a.train), ...rowKey(a.test)].sort()).toEqual(rowKey(points).sort());
        expect(b.test.data).toEqual(a.test.data);
      }),
    );
  });

  it('rejects a fraction outside [0, 1]', () => {
    const points = toPoints([[0, 0, 0, 0, 0]]);
    expect(() => randomSplit(points, { testFraction: 1.2 })).toThrow(/testFraction/);
    expect(() => randomSplit(points, { testFraction: Number.NaN })).toThrow(RangeError);
  });
});

describe('dequantize', () => {
  it('adds noise within one lattice step, reproducibly, leaving the input alone', () => {
    fc.assert(
      fc.property(pointsArb, fc.integer(), (points, seed) => {
        const before = points.data.slice();
        const out = dequantize(points, DEFAULT_LATTICE_STEPS, seed);
        expect(points.data).toEqual(before);
        expect(dequantize(points, DEFAULT_LATTICE_STEPS, seed).data).toEqual(out.data);
        for (let k = 0; k < out.data.length; k++) {
          const d = (out.data[k] as number) - (points.data[k] as number);
          const step = DEFAULT_LATTICE_STEPS[k % 5] as number;
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(step * (1 + 1e-6) + 1e-7);
        }
      }),
    );
  });

  it('fills each lattice cell uniformly', () => {
    const points = toPoints({ data: new Float32Array(5 * 20_000), dim: 5 });
    const out = dequantize(points, [1, 1, 1, 1, 1], 1);
    const bins = new Array(4).fill(0);
    for (const v of out.data) bins[Math.min(3, Math.floor(v * 4))]++;
    for (const b of bins) expect(Math.abs(b / out.data.length - 0.25)).toBeLessThan(0.01);
  });

  it('rejects steps of the wrong length or sign', () => {
    const points = toPoints([[0, 0, 0, 0, 0]]);
    expect(() => dequantize(points, [1, 1])).toThrow(/steps/);
    expect(() => dequantize(points, [1, 1, 1, 1, -1])).toThrow(/steps\[4\]/);
  });
});
