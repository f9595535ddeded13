import { describe, expect, it } from 'vitest';
import type { GeneratorArtifacts } from '../../../src/io/artifacts.js';
import { resolveGaussianMixtureConfig } from '../../../src/models/gmm/config.js';
import { GaussianMixtureGenerator } from '../../../src/models/gmm/gmm-generator.js';
import { CHOL, COND, denominator, handDensity, MEANS, massIn01, normal, phi, W, Y } from './hand-mixture.js';

function handModel(): GaussianMixtureGenerator {
  const artifacts: GeneratorArtifacts = {
    type: 'gaussian-mixture',
    // A model file holds the full configuration.
    config: { ...resolveGaussianMixtureConfig({ dim: 2, latticeSteps: null, components: 2 }) },
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
