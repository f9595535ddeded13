import { describe, expect, it } from 'vitest';
import { DEFAULT_LATTICE_STEPS } from '../../src/data/lattice.js';
import { Rng } from '../../src/data/rng.js';
import { coloredPi } from '../../src/datasets/colored-pi.js';
import { DataSpace } from '../../src/models/data-space.js';

const rng = new Rng(3);
/** 2-D points: x on a 427-pixel grid in pixels, y continuous in metres. */
function pixelsAndMetres(count = 500) {
  const data = new Float32Array(count * 2);
  for (let i = 0; i < count; i++)
    data.set([Math.floor(rng.uniform() * 427), 1000 + 50 * rng.uniform()], i * 2);
  return { data, count, dim: 2 };
}

describe('DataSpace', () => {
  it('resolves to the unit box and the quiz lattice on quiz-like data, so nothing moves', () => {
    const points = coloredPi({ count: 2000 });
    const space = DataSpace.resolve({ latticeSteps: 'auto', scale: 'auto' }, points);
    expect(space.scaler.isIdentity).toBe(true);
    expect(space.steps).toEqual(DEFAULT_LATTICE_STEPS);
    expect(space.unitSteps).toEqual(DEFAULT_LATTICE_STEPS);
    expect(space.toUnit(points)).toBe(points);
    expect(space.logJacobian).toBe(0);
    expect(space.isOnLattice(points)).toBe(true);
    expect(space.fields()).toEqual({
      latticeSteps: [...DEFAULT_LATTICE_STEPS],
      scale: { min: [0, 0, 0, 0, 0], max: [1, 1, 1, 1, 1] },
    });
  });

  it('finds a lattice per coordinate in raw units and snaps back onto it, leaving continuous ones alone', () => {
    const points = pixelsAndMetres();
    const space = DataSpace.resolve({ latticeSteps: 'auto', scale: 'auto' }, points);
    expect(space.steps).toEqual([1, null]);
    const [wx, wy] = [0, 1].map((j) => (space.scaler.max[j] as number) - (space.scaler.min[j] as number));
    expect(space.unitSteps).toEqual([1 / (wx as number), 0]);
    expect(space.logJacobian).toBeCloseTo(-Math.log((wx as number) * (wy as number)), 10);
    const unit = space.toUnit(points);
    expect(unit.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    // A draw of the model inside a lattice cell (here its middle) snaps to the cell's lattice point.
    const drawn = { ...unit, data: unit.data.map((v, k) => (k % 2 === 0 ? v + 0.5 / (wx as number) : v)) };
    const back = space.fromUnit(drawn, false);
    expect(Array.from(back.data.filter((_, k) => k % 2 === 0))).toEqual(
      Array.from(points.data.filter((_, k) => k % 2 === 0)),
    );
    const y = back.data[1] as number;
    expect(Math.abs(y - (points.data[1] as number))).toBeLessThan(1e-3);
  });

  it('is provisional (unit box, no lattice) until fit resolves auto fields; keeps explicit ones', () => {
    const auto = DataSpace.fromFields({ latticeSteps: 'auto', scale: 'auto' }, 5);
    expect([auto.resolved, auto.steps, auto.scaler.isIdentity]).toEqual([false, null, true]);
    const given = DataSpace.fromFields({ latticeSteps: [1, null], scale: { min: 0, max: 500 } }, 2);
    expect([given.resolved, given.steps, given.unitSteps]).toEqual([true, [1, null], [1 / 500, 0]]);
    const none = DataSpace.resolve({ latticeSteps: null, scale: 'none' }, coloredPi({ count: 50 }));
    expect([none.steps, none.scaler.isIdentity]).toEqual([null, true]);
  });

  it('rejects bad steps, and an explicit step wider than half its box', () => {
    expect(() => DataSpace.fromFields({ latticeSteps: [0, 1], scale: 'auto' }, 2)).toThrow(
      /config.latticeSteps: expected 'auto', null, or 2 steps/,
    );
    expect(() => DataSpace.fromFields({ latticeSteps: [1], scale: 'auto' }, 2)).toThrow(RangeError);
    expect(() => DataSpace.resolve({ latticeSteps: [300, null], scale: 'auto' }, pixelsAndMetres())).toThrow(
      /latticeSteps\[0\]: the step 300 is wider than half/,
    );
  });
});
