// A user's data is not the quiz data: continuous points, other lattices and raw units (pixels) go in and come
// back as they were, with log densities in the user's units.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LATTICE_STEPS } from '../../src/data/lattice.js';
import type { Points } from '../../src/data/points.js';
import { Rng } from '../../src/data/rng.js';
import { protocolSplit } from '../../src/data/split.js';
import { coloredPi } from '../../src/datasets/colored-pi.js';
import { heldOutNll } from '../../src/models/held-out-nll.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { loadPiQuiz } from '../../src/node/pi-quiz.js';
import { useBackend } from '../backends.js';
import { HAS_PI_QUIZ, PI_QUIZ_DIR } from '../node/shared-dir.js';
import { artifactsOf } from './fixtures.js';

const TINY = { couplings: 2, hidden: 16, depth: 1, transform: 'affine', seed: 3 } as const;
const FIT = { epochs: 2, batchSize: 64, seed: 1 } as const;

/** 5-D points: x, y from `position`, colours on 1/255, seeded. */
function points(count: number, position: (rng: Rng) => [number, number], seed = 5): Points {
  const rng = new Rng(seed);
  const data = new Float32Array(count * 5);
  for (let i = 0; i < count; i++) {
    const [x, y] = position(rng);
    const colour = [0, 1, 2].map(() => Math.floor(rng.uniform() * 256) / 255);
    data.set([x, y, ...colour], i * 5);
  }
  return { data, count, dim: 5 };
}
const column = (p: Points, j: number) =>
  Array.from({ length: p.count }, (_, i) => p.data[i * 5 + j] as number);
const onGrid = (values: number[], n: number) =>
  values.every((v) => Math.abs(v * n - Math.round(v * n)) < 1e-3);

describe('your own data', () => {
  useBackend('cpu');

  it('keeps the defaults of the quiz data exactly: auto finds its lattice and keeps its unit box', async () => {
    const data = coloredPi({ count: 400 });
    const auto = new RealNVPGenerator(TINY);
    const explicit = new RealNVPGenerator({ ...TINY, latticeSteps: DEFAULT_LATTICE_STEPS, scale: 'none' });
    const [a, b] = [await auto.fit(data, FIT), await explicit.fit(data, FIT)];
    expect(a.epochs.map((e) => e.loss)).toEqual(b.epochs.map((e) => e.loss));
    expect(await auto.logProb(data)).toEqual(await explicit.logProb(data));
    expect(await auto.sample(300, { seed: 2 })).toEqual(await explicit.sample(300, { seed: 2 }));
    expect(auto.getConfig().latticeSteps).toEqual([...DEFAULT_LATTICE_STEPS]);
    expect(auto.getConfig().scale).toEqual({ min: [0, 0, 0, 0, 0], max: [1, 1, 1, 1, 1] });
    auto.dispose();
    explicit.dispose();
  });

  it.skipIf(!HAS_PI_QUIZ)('gives the same test NLL on the quiz data as explicit quiz steps', async () => {
    const { train, test } = protocolSplit(await loadPiQuiz(PI_QUIZ_DIR));
    const few = { ...train, count: 2000, data: train.data.subarray(0, 2000 * 5) };
    const nll = async (options: object) => {
      const model = new RealNVPGenerator({ ...TINY, ...options });
      await model.fit(few, FIT);
      const value = await heldOutNll(model, test, { draws: 2, seed: 0 });
      const { latticeSteps } = model.getConfig();
      model.dispose();
      return { value, latticeSteps };
    };
    const auto = await nll({});
    expect(auto).toEqual(await nll({ latticeSteps: DEFAULT_LATTICE_STEPS, scale: 'none' }));
    expect(auto.latticeSteps).toEqual([...DEFAULT_LATTICE_STEPS]);
  });

  it('gives continuous samples for continuous data', async () => {
    const ring = points(400, (rng) => {
      const angle = 2 * Math.PI * rng.uniform();
      return [0.5 + 0.3 * Math.cos(angle), 0.5 + 0.3 * Math.sin(angle)].map((v) => Number(v.toFixed(6))) as [
        number,
        number,
      ];
    });
    const model = new RealNVPGenerator(TINY);
    await model.fit(ring, FIT);
    expect(model.getConfig().latticeSteps).toEqual([null, null, 1 / 255, 1 / 255, 1 / 255]);
    const samples = await model.sample(500, { seed: 4 });
    expect(onGrid(column(samples, 0), 300)).toBe(false);
    expect(
      column(samples, 0).filter((v) => Math.abs(v * 300 - Math.round(v * 300)) < 1e-3).length,
    ).toBeLessThan(20);
    expect(onGrid(column(samples, 2), 255)).toBe(true);
    model.dispose();
  });

  it('samples a 1/427 grid back on it', async () => {
    const grid = points(400, (rng) => [
      Math.floor(rng.uniform() * 427) / 427,
      Math.floor(rng.uniform() * 427) / 427,
    ]);
    const model = new RealNVPGenerator(TINY);
    await model.fit(grid, FIT);
    expect(model.getConfig().latticeSteps).toEqual([1 / 427, 1 / 427, 1 / 255, 1 / 255, 1 / 255]);
    const samples = await model.sample(500, { seed: 4 });
    expect(onGrid(column(samples, 0), 427) && onGrid(column(samples, 1), 427)).toBe(true);
    model.dispose();
  });

  it('fits pixel coordinates and gives them back in pixels, with log densities per pixel²', async () => {
    const pixels = points(400, (rng) => [Math.floor(rng.uniform() * 640), Math.floor(rng.uniform() * 480)]);
    const model = new RealNVPGenerator(TINY);
    await model.fit(pixels, FIT);
    const config = model.getConfig() as ReturnType<RealNVPGenerator['getConfig']> & {
      scale: { min: number[]; max: number[] };
    };
    expect(config.latticeSteps).toEqual([1, 1, 1 / 255, 1 / 255, 1 / 255]);
    expect(config.scale.max[0]).toBeGreaterThan(639);
    expect(config.scale.max.slice(2)).toEqual([1, 1, 1]);
    const samples = await model.sample(500, { seed: 4 });
    const xs = column(samples, 0);
    expect(xs.every(Number.isInteger)).toBe(true);
    expect(Math.max(...xs)).toBeGreaterThan(100);

    // The density in pixels integrates to 1 over the support: a Monte Carlo estimate with uniform points. In the
    // unit box's units the estimate would be off by the Jacobian, ~1/(700 · 530).
    const { min, max } = config.scale;
    const rng = new Rng(9);
    const n = 40_000;
    const uniform = new Float32Array(n * 5);
    let volume = 1;
    for (let j = 0; j < 5; j++) volume *= (max[j] as number) - (min[j] as number) + (j < 2 ? 1 : 1 / 255);
    for (let k = 0; k < uniform.length; k++) {
      const j = k % 5;
      const hi = (max[j] as number) + (j < 2 ? 1 : 1 / 255);
      uniform[k] = (min[j] as number) + rng.uniform() * (hi - (min[j] as number));
    }
    const logp = await model.logProb({ data: uniform, dim: 5 });
    const integral = (logp.reduce((s, v) => s + Math.exp(v), 0) / n) * volume;
    expect(integral).toBeGreaterThan(0.7);
    expect(integral).toBeLessThan(1.3);

    // Saved and loaded, the scale comes back with it: the same densities bit for bit.
    const again = RealNVPGenerator.fromArtifacts(
      (await import('../../src/io/artifacts.js')).parseModelArtifacts(await artifactsOf(model), 'test'),
    );
    expect(again.getConfig().scale).toEqual(config.scale);
    expect(await again.logProb(pixels)).toEqual(await model.logProb(pixels));
    again.dispose();
    model.dispose();
  });

  it('refuses conditional options on a model without conditional support', async () => {
    const model = new RealNVPGenerator(TINY);
    await expect(model.sample(3, { given: { x: 0.5 } } as never)).rejects.toThrow(TypeError);
    model.dispose();
  });
});
