import { describe, expect, it } from 'vitest';
import { resolveScaler, SCALE_MARGIN, Scaler } from '../../src/data/scaler.js';
import { InvalidPointsError } from '../../src/errors.js';

const pixels = { data: Float32Array.from([0, 100, 0.5, 1, 1, 200, 300, 0, 0.25, 0]), count: 2, dim: 5 };

describe('Scaler', () => {
  it('keeps the unit box for coordinates in [0, 1] and fits min/max with a margin to the others', () => {
    const scaler = Scaler.fit(pixels);
    const m = SCALE_MARGIN;
    expect(scaler.min).toEqual([-200 * m, 100 - 200 * m, 0, 0, 0]);
    expect(scaler.max).toEqual([200 + 200 * m, 300 + 200 * m, 1, 1, 1]);
    expect(Scaler.fit({ data: Float32Array.from([3, 3]), count: 2, dim: 1 }).min).toEqual([2.5]);
  });

  it('is the identity, returning its input, on data in [0, 1]', () => {
    const unit = { data: Float32Array.from([0, 1, 0.5, 0.25]), count: 2, dim: 2 };
    const scaler = Scaler.fit(unit);
    expect(scaler.isIdentity).toBe(true);
    expect(scaler.transform(unit)).toBe(unit);
    expect(scaler.inverse(unit)).toBe(unit);
    expect(scaler.logJacobian).toBe(0);
    expect(scaler.scaleSteps([1 / 300, null])).toEqual([1 / 300, null]);
  });

  it('maps into the unit box and back', () => {
    const scaler = Scaler.fit(pixels, { margin: 0 });
    const unit = scaler.transform(pixels);
    expect(Array.from(unit.data)).toEqual([0, 0, 0.5, 1, 1, 1, 1, 0, 0.25, 0]);
    expect(Array.from(scaler.inverse(unit).data)).toEqual(Array.from(pixels.data));
    expect(scaler.logJacobian).toBeCloseTo(-2 * Math.log(200), 12);
    expect(scaler.scaleSteps([1, 1, 1 / 255, null, null])).toEqual([1 / 200, 1 / 200, 1 / 255, null, null]);
  });

  it('round-trips through JSON and rejects malformed boxes', () => {
    const scaler = Scaler.fit(pixels);
    const again = Scaler.fromJSON(JSON.parse(JSON.stringify(scaler)));
    expect(again.min).toEqual(scaler.min);
    expect(again.max).toEqual(scaler.max);
    expect(() => Scaler.fromJSON({ min: [0], max: [0] })).toThrow(/min < max/);
    expect(() => Scaler.fromJSON({ min: [0] })).toThrow(RangeError);
    expect(() => Scaler.fromJSON(null)).toThrow(RangeError);
  });

  it('names the point outside a box, and the options, for the unit box', () => {
    expect(() => Scaler.unit(5).assertInside(pixels, 'data')).toThrow(InvalidPointsError);
    expect(() => Scaler.unit(5).assertInside(pixels, 'data')).toThrow(
      /row 0 holds 100 in column 1, outside \[0, 1\]; a Scaler .*convention: 'aspect'/,
    );
    expect(() => Scaler.fromBox({ min: 0, max: 250 }, 5).assertInside(pixels)).toThrow(
      /row 1 holds 300 in column 1, outside \[0, 250\]$/,
    );
  });

  it('resolves the scale option', () => {
    expect(resolveScaler('none', pixels).isIdentity).toBe(true);
    expect(resolveScaler('auto', pixels).max[0]).toBeGreaterThan(200);
    expect(resolveScaler({ min: 0, max: [400, 400, 1, 1, 1] }, pixels).max).toEqual([400, 400, 1, 1, 1]);
    expect(() => resolveScaler({ min: 0, max: [1, 2] }, pixels)).toThrow(/scale.max: expected a number or 5/);
    expect(() => resolveScaler('fit' as 'auto', pixels)).toThrow(TypeError);
  });
});
