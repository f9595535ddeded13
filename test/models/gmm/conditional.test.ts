import { describe, expect, it } from 'vitest';
import { InvalidPointsError } from '../../../src/errors.js';
import type { GeneratorArtifacts } from '../../../src/io/artifacts.js';
import { isConditional } from '../../../src/models/conditional.js';
import { resolveGaussianMixtureConfig } from '../../../src/models/gmm/config.js';
import { GaussianMixtureGenerator } from '../../../src/models/gmm/gmm-generator.js';
import {
  CHOL,
  COND,
  denominator,
  handCdf,
  handDensity,
  MEANS,
  massIn01,
  normal,
  phi,
  W,
  Y,
} from './hand-mixture.js';

function handModel(options: Record<string, unknown> = {}): GaussianMixtureGenerator {
  const artifacts: GeneratorArtifacts = {
    type: 'gaussian-mixture',
    // A model file holds the full configuration.
    config: { ...resolveGaussianMixtureConfig({ dim: 2, latticeSteps: null, components: 2, ...options }) },
    state: { components: 2 },
    weights: [
      { name: 'weights', shape: [2], values: Float32Array.from(W) },
      { name: 'means', shape: [2, 2], values: Float32Array.from(MEANS) },
      { name: 'cholesky', shape: [2, 2, 2], values: Float32Array.from(CHOL) },
    ],
  };
  return GaussianMixtureGenerator.fromArtifacts(artifacts);
}

const handMean =
  COND.reduce((s, c) => {
    const a = -c.mean / c.sd;
    const b = (1 - c.mean) / c.sd;
    return s + c.prior * (c.mean * massIn01(c) + c.sd * (phi(a) - phi(b)));
  }, 0) / denominator;

describe('conditionals of a 2-component mixture worked out by hand', () => {
  it('conditionalLogProb of x given y is the closed form', async () => {
    const model = handModel();
    const xs = [0.1, 0.3, 0.5, 0.62, 0.9];
    const got = await model.conditionalLogProb(
      xs.map((x) => [x, Y]),
      [1],
    );
    xs.forEach((x, i) => {
      expect(got[i]).toBeCloseTo(Math.log(handDensity(x)), 5);
    });
  });

  it('draws of x given y have the closed-form mean, keep y, and stay in [0, 1]', async () => {
    const model = handModel();
    const n = 40000;
    const points = await model.sample(n, { given: { 1: Y }, seed: 4 });
    let sum = 0;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const x = points.data[2 * i] as number;
      if (points.data[2 * i + 1] !== Math.fround(Y) || !(x >= 0 && x <= 1)) bad += 1;
      sum += x;
    }
    expect(bad).toBe(0);
    // The standard deviation of x given y is below 0.2, so the mean of 40000 draws is within 0.003.
    expect(Math.abs(sum / n - handMean)).toBeLessThan(0.003);
    // The draws' histogram follows the hand density.
    const bins = new Array(10).fill(0);
    for (let i = 0; i < n; i++) bins[Math.min(9, Math.floor((points.data[2 * i] as number) * 10))] += 1;
    bins.forEach((count, b) => {
      let expected = 0;
      for (let t = 0; t < 100; t++) expected += handDensity((b + (t + 0.5) / 100) / 10) / 1000;
      expect(Math.abs(count / n - expected)).toBeLessThan(0.01);
    });
  });

  it('the joint density, given nothing, and given everything', async () => {
    const model = handModel();
    const point = [[0.35, 0.42]];
    const joint = await model.logProb(point);
    expect(await model.conditionalLogProb(point, [])).toEqual(joint);
    expect(Array.from(await model.conditionalLogProb(point, [0, 1]))).toEqual([0]);
    const [x, y] = point[0] as [number, number];
    // Bivariate normal densities by hand, over the mixture's mass in the unit square (almost all of it).
    const r = 0.5;
    const q1 = ((x - 0.3) ** 2 - 2 * r * (x - 0.3) * (y - 0.4) + (y - 0.4) ** 2) / (0.01 * (1 - r * r));
    const d1 = Math.exp(-q1 / 2) / (2 * Math.PI * 0.01 * Math.sqrt(1 - r * r));
    const d2 = normal(x, 0.6, 0.1 * Math.SQRT2) * normal(y, 0.5, 0.1 * Math.sqrt(0.5));
    expect(joint[0]).toBeCloseTo(Math.log(0.3 * d1 + 0.7 * d2), 2);
  });

  it('rejects a repeated or unknown coordinate', async () => {
    const model = handModel();
    await expect(model.conditionalLogProb([[0.5, 0.5]], [0, 0])).rejects.toThrow(/twice/);
    await expect(model.conditionalLogProb([[0.5, 0.5]], [2])).rejects.toThrow(RangeError);
    await expect(model.sample(3, { given: { 7: 0.5 } })).rejects.toThrow(RangeError);
  });
});

describe('conditionalQuantile of the hand mixture', () => {
  it('makes the mixture a conditional generator', () => {
    expect(isConditional(handModel())).toBe(true);
  });

  it('given y, inverts the closed-form CDF of x (the lowest coordinate not given)', async () => {
    const model = handModel();
    for (const quantile of [0.05, 0.3, 0.5, 0.8, 0.97]) {
      const { coordinate, values } = await model.conditionalQuantile(2, { given: { 1: Y }, quantile });
      expect(coordinate).toBe(0);
      // float32 values: within a few 1e-8 of the root, the density being below 3.
      for (const v of values) expect(Math.abs(handCdf(v) - quantile)).toBeLessThan(3e-7);
    }
    const ends = [0, 1].map((quantile) => model.conditionalQuantile(1, { given: { 1: Y }, quantile }));
    expect((await Promise.all(ends)).map((r) => r.values[0])).toEqual([0, 1]);
  });

  it('given nothing estimates coordinate 0, given x coordinate 1, one value per given point', async () => {
    const model = handModel();
    expect((await model.conditionalQuantile(3)).coordinate).toBe(0);
    const byX = await model.conditionalQuantile(3, { given: { 0: [0.2, 0.5, 0.8] } });
    expect(byX.coordinate).toBe(1);
    // y rises with x in both components (and the second component's y sits higher).
    expect(byX.values[0]).toBeLessThan(byX.values[1] as number);
    expect(byX.values[1]).toBeLessThan(byX.values[2] as number);
  });

  it('snaps to the lattice unless continuous, and answers in the data units of the scale', async () => {
    const lattice = handModel({ latticeSteps: [0.1, 0.1], scale: 'none' });
    const snapped = await lattice.conditionalQuantile(4, { given: { 1: [0.2, 0.4, 0.6, 0.8] } });
    for (const v of snapped.values) expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-5);
    const free = await lattice.conditionalQuantile(4, {
      given: { 1: [0.2, 0.4, 0.6, 0.8] },
      continuous: true,
    });
    expect(free.values).not.toEqual(snapped.values);
    // The unit box's [0, 1]² is x in [10, 12] and y in [0, 100] in the data's units.
    const scaled = handModel({ scale: { min: [10, 0], max: [12, 100] } });
    const unit = await handModel().conditionalQuantile(1, { given: { 1: Y }, quantile: 0.3 });
    const data = await scaled.conditionalQuantile(1, { given: { 1: 100 * Y }, quantile: 0.3 });
    expect(data.values[0]).toBeCloseTo(10 + 2 * (unit.values[0] as number), 5);
  });

  it('rejects a bad quantile, options, count or given with typed errors', async () => {
    const model = handModel();
    await expect(model.conditionalQuantile(2, { quantile: 1.5 })).rejects.toThrow(/options\.quantile/);
    await expect(model.conditionalQuantile(1, null as never)).rejects.toThrow(TypeError);
    await expect(model.conditionalQuantile(1.5)).rejects.toThrow(RangeError);
    await expect(model.conditionalQuantile(1, { given: { 0: 0.5, 1: 0.5 } })).rejects.toThrow(
      /every coordinate/,
    );
    await expect(model.conditionalQuantile(1, { given: { 1: 1.5 } })).rejects.toThrow(InvalidPointsError);
    await expect(model.conditionalQuantile(2, { given: { 1: [0.5] } })).rejects.toThrow(RangeError);
  });
});
