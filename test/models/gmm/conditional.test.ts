import { describe, expect, it } from 'vitest';
import type { GeneratorArtifacts } from '../../../src/io/artifacts.js';
import { resolveGaussianMixtureConfig } from '../../../src/models/gmm/config.js';
import { GaussianMixtureGenerator } from '../../../src/models/gmm/gmm-generator.js';
import { normalCdf } from '../../../src/models/gmm/normal.js';

// Two components on [0, 1]², by hand: weights 0.3 / 0.7, means (0.3, 0.4) / (0.6, 0.5), covariances
// 0.01·[[1, 0.5], [0.5, 1]] / 0.01·[[2, 0], [0, 0.5]], given as Cholesky factors.
const W = [0.3, 0.7];
const MEANS = [0.3, 0.4, 0.6, 0.5];
const CHOL = [0.1, 0, 0.05, 0.1 * Math.sqrt(0.75), 0.1 * Math.SQRT2, 0, 0, 0.1 * Math.sqrt(0.5)];

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

const phi = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
const normal = (v: number, m: number, s: number) => phi((v - m) / s) / s;

// x given y = 0.45, worked out on paper: component 1's y ~ N(0.4, 0.1²) and x | y ~ N(0.3 + 0.5·0.05,
// 0.0075); component 2's y ~ N(0.5, 0.005) and x | y ~ N(0.6, 0.02). Truncation to [0, 1] multiplies each
// component's weight by its conditional mass in [0, 1].
const Y = 0.45;
const COND = [
  { prior: 0.3 * normal(Y, 0.4, 0.1), mean: 0.325, sd: Math.sqrt(0.0075) },
  { prior: 0.7 * normal(Y, 0.5, Math.sqrt(0.005)), mean: 0.6, sd: Math.sqrt(0.02) },
];
const massIn01 = (c: (typeof COND)[number]) => normalCdf((1 - c.mean) / c.sd) - normalCdf(-c.mean / c.sd);
const denominator = COND.reduce((s, c) => s + c.prior * massIn01(c), 0);
const handDensity = (x: number) =>
  COND.reduce((s, c) => s + c.prior * normal(x, c.mean, c.sd), 0) / denominator;
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
