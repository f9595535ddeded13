// The mixture on a user's data: the lattice and box are found in the data (not the quiz's), samples come back
// in the data's units and on its lattice only, and log densities are in those units.
import { describe, expect, it } from 'vitest';
import type { Points } from '../../../src/data/points.js';
import { Rng } from '../../../src/data/rng.js';
import { ConfigError } from '../../../src/errors.js';
import { GaussianMixtureGenerator } from '../../../src/models/gmm/gmm-generator.js';
import { latticePoints } from '../fixtures.js';

const SMALL = { components: 4, restarts: 1, members: 1 } as const;

const column = (p: Points, j: number) =>
  Array.from({ length: p.count }, (_, i) => p.data[i * p.dim + j] as number);
const onGrid = (values: number[], n: number) =>
  values.every((v) => Math.abs(v * n - Math.round(v * n)) < 1e-3);

/** `points` with coordinates `columns` multiplied by `factor` (unit data in pixels). */
function scaled(points: Points, columns: readonly number[], factor: number): Points {
  const data = Float32Array.from(points.data, (v, k) => (columns.includes(k % points.dim) ? v * factor : v));
  return { ...points, data };
}

describe('GaussianMixtureGenerator on your own data', () => {
  it('gives continuous samples for continuous positions, and keeps the colours on their 1/255 lattice', async () => {
    const rng = new Rng(5);
    const rows = Array.from({ length: 500 }, () => {
      const angle = 2 * Math.PI * rng.uniform();
      const colour = [0, 1, 2].map(() => Math.floor(rng.uniform() * 256) / 255);
      const ring = [0.5 + 0.3 * Math.cos(angle), 0.5 + 0.3 * Math.sin(angle)];
      return [...ring.map((v) => Number(v.toFixed(6))), ...colour];
    });
    const model = new GaussianMixtureGenerator(SMALL);
    await model.fit(rows, { seed: 1 });
    expect(model.getConfig().latticeSteps).toEqual([null, null, 1 / 255, 1 / 255, 1 / 255]);
    const samples = await model.sample(500, { seed: 2 });
    const xs = column(samples, 0);
    // Snapped onto 1/300 (the quiz lattice), hardly any draw would be off it; continuous, hardly any is on it.
    expect(xs.filter((v) => Math.abs(v * 300 - Math.round(v * 300)) < 1e-3).length).toBeLessThan(20);
    expect(new Set(xs).size).toBeGreaterThan(490);
    expect(onGrid(column(samples, 2), 255)).toBe(true);
    model.dispose();
  });

  it('fits continuous 2-D data without a lattice: nothing is snapped', async () => {
    const rng = new Rng(2);
    const rows = Array.from({ length: 300 }, () => [0.3 + 0.1 * rng.normal(), 0.6 + 0.1 * rng.normal()]);
    const model = new GaussianMixtureGenerator({ ...SMALL, dim: 2, components: 2 });
    await model.fit(rows, { seed: 1 });
    expect(model.getConfig().latticeSteps).toBeNull();
    const snapped = await model.sample(200, { seed: 3 });
    expect(snapped.data).toEqual((await model.sample(200, { seed: 3, continuous: true })).data);
    model.dispose();
  });

  it('fits pixels and gives them back in pixels, with the unit model’s density over the box’s volume', async () => {
    const unit = latticePoints(600);
    const pixels = scaled(unit, [0, 1], 300);
    const box = { min: 0, max: [300, 300, 1, 1, 1] };
    const [u, p] = [
      new GaussianMixtureGenerator({ ...SMALL, scale: 'none' }),
      new GaussianMixtureGenerator({ ...SMALL, scale: box }),
    ];
    await u.fit(unit, { seed: 4 });
    await p.fit(pixels, { seed: 4 });
    expect(p.getConfig().latticeSteps).toEqual([1, 1, 1 / 255, 1 / 255, 1 / 255]);
    // Samples in pixels: on whole pixels, up to 300, and the unit model's draws times 300.
    const drawn = await p.sample(400, { seed: 5 });
    expect(column(drawn, 0).every(Number.isInteger)).toBe(true);
    expect(Math.max(...column(drawn, 0))).toBeGreaterThan(200);
    const [cu, cp] = [
      await u.sample(400, { seed: 5, continuous: true }),
      await p.sample(400, { seed: 5, continuous: true }),
    ];
    cp.data.forEach((v, k) => {
      expect(v).toBeCloseTo((cu.data[k] as number) * (k % 5 < 2 ? 300 : 1), 3);
    });
    // log p in pixels = log p in the unit box − log(300 · 300), the scale's Jacobian.
    const [lu, lp] = [await u.logProb(unit), await p.logProb(pixels)];
    lp.forEach((v, i) => {
      expect(v).toBeCloseTo((lu[i] as number) - Math.log(300 * 300), 3);
    });
    // Given coordinates are in pixels too, and come back exactly as given.
    const given = await p.sample(50, { given: { x: 150, y: 90 }, seed: 6, continuous: true });
    expect(column(given, 0).every((v) => v === 150)).toBe(true);
    const same = await u.sample(50, { given: { x: 0.5, y: 0.3 }, seed: 6, continuous: true });
    expect(column(given, 2)).toEqual(column(same, 2));
    const conditional = await p.conditionalLogProb(pixels, ['x', 'y']);
    // A density of colour given position: no Jacobian of the pixel coordinates in it.
    (await u.conditionalLogProb(unit, ['x', 'y'])).forEach((v, i) => {
      expect(conditional[i]).toBeCloseTo(v, 3);
    });
    u.dispose();
    p.dispose();
  });

  it("fits raw pixels with scale 'auto': a box around the data, samples in pixels", async () => {
    const pixels = scaled(latticePoints(400), [0, 1], 300);
    const model = new GaussianMixtureGenerator(SMALL);
    await model.fit(pixels, { seed: 1 });
    const scale = model.getConfig().scale as { min: number[]; max: number[] };
    expect(scale.max[0]).toBeGreaterThan(200);
    expect(scale.max.slice(2)).toEqual([1, 1, 1]);
    const xs = column(await model.sample(300, { seed: 2 }), 0);
    expect(xs.every(Number.isInteger) && Math.max(...xs) > 150).toBe(true);
    model.dispose();
  });

  it('reports bad options as ConfigErrors with a path and a code', async () => {
    const caught = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      throw new Error('no error');
    };
    expect(caught(() => new GaussianMixtureGenerator({ components: 0 }))).toMatchObject({
      path: 'options.components',
      code: 'range',
    });
    const unknown = caught(() => new GaussianMixtureGenerator({ comps: 3 } as never));
    expect(unknown).toBeInstanceOf(ConfigError);
    expect(unknown).toMatchObject({ path: 'options.comps', code: 'unknown-key' });
    expect(caught(() => new GaussianMixtureGenerator({ scale: { min: 1, max: 0 } }))).toMatchObject({
      path: 'options.scale',
    });
    const model = new GaussianMixtureGenerator(SMALL);
    const data = latticePoints(100);
    await expect(model.fit(data, { epochs: 3 } as never)).rejects.toMatchObject({
      path: 'options.epochs',
      code: 'unknown-key',
      message: expect.stringMatching(/not an option of GaussianMixtureGenerator.fit/),
    });
    await expect(model.fit(data, { validation: 1.5 })).rejects.toMatchObject({ path: 'options.validation' });
    await expect(model.fit(data, { dequantize: 'yes' } as never)).rejects.toBeInstanceOf(ConfigError);
  });
});
