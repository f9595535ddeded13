// A coordinate with one value in every training point (b = 0.5 for a picture without blue variation, an altitude
// of 1000 m) has no continuous density: it trained to a point mass and diverged at the first step. pointgen makes
// it a one-value lattice (see DataSpace), or, where the model was told it is continuous, refuses it by name.
import { describe, expect, it } from 'vitest';
import { resolveLattice } from '../../src/cli/fit.js';
import type { Points } from '../../src/data/points.js';
import { Rng } from '../../src/data/rng.js';
import { InvalidPointsError } from '../../src/errors.js';
import { type GeneratorArtifacts, parseModelArtifacts } from '../../src/io/artifacts.js';
import { constantValues, DataSpace } from '../../src/models/data-space.js';
import { GaussianMixtureGenerator } from '../../src/models/gmm/gmm-generator.js';
import { heldOutNll } from '../../src/models/held-out-nll.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { MaskedTransformerGenerator } from '../../src/models/transformer/transformer-generator.js';
import { useBackend } from '../backends.js';
import { artifactsOf, TINY_TRANSFORMER } from './fixtures.js';

const FIT = { epochs: 2, batchSize: 64, seed: 1 } as const;
const TINY_FLOW = { couplings: 2, hidden: 16, depth: 1, transform: 'affine', seed: 3 } as const;

/** Continuous 5-D points on a ring, with `b` the same in every point. */
function constantBlue(b: number, count = 400): Points {
  const rng = new Rng(5);
  const data = new Float32Array(count * 5);
  for (let i = 0; i < count; i++) {
    const a = 2 * Math.PI * rng.uniform();
    data.set(
      [
        0.5 + 0.3 * Math.cos(a) + 0.01 * rng.normal(),
        0.5 + 0.3 * Math.sin(a),
        rng.uniform(),
        0.3 * rng.uniform(),
        b,
      ],
      i * 5,
    );
  }
  return { data, count, dim: 5 };
}
const blues = (p: Points) => Array.from({ length: p.count }, (_, i) => p.data[i * 5 + 4]);

describe('a constant coordinate', () => {
  useBackend('cpu');

  describe.each([
    [
      'RealNVP',
      () => new RealNVPGenerator(TINY_FLOW),
      (a: GeneratorArtifacts) => RealNVPGenerator.fromArtifacts(a),
      FIT,
    ],
    [
      'the transformer',
      () => new MaskedTransformerGenerator({ ...TINY_TRANSFORMER, seed: 3 }),
      (a: GeneratorArtifacts) => MaskedTransformerGenerator.fromArtifacts(a),
      FIT,
    ],
    [
      'the Gaussian mixture',
      () => new GaussianMixtureGenerator({ components: 4, members: 1 }),
      (a: GeneratorArtifacts) => GaussianMixtureGenerator.fromArtifacts(a),
      { seed: 1 }, // EM runs to convergence: no epochs
    ],
  ] as const)('in %s', (_, make, fromArtifacts, fit) => {
    it.each([
      [0.5, { min: -0.5, max: 0.5, step: 1 }],
      [1000, { min: 0, max: 1000, step: 1000 }],
    ])('b = %s trains, samples it exactly and scores it with the density of its cell', async (b, box) => {
      const data = constantBlue(b);
      const model = make();
      const history = await model.fit(data, fit);
      expect(history.epochs.every((e) => Number.isFinite(e.loss) && Math.abs(e.loss) < 20)).toBe(true);
      const { latticeSteps, scale } = model.getConfig();
      expect([latticeSteps?.[4], scale]).toEqual([
        box.step,
        { min: [0, 0, 0, 0, box.min], max: [1, 1, 1, 1, box.max] },
      ]);
      expect(new Set(blues(await model.sample(300, { seed: 2 })))).toEqual(new Set([b]));
      const logp = await model.logProb(data);
      expect(logp.every(Number.isFinite)).toBe(true);
      expect(Number.isFinite(await heldOutNll(model, data, { draws: 2, seed: 0 }))).toBe(true);
      // A saved model knows the coordinate is constant: a step as wide as its box marks it.
      const loaded = fromArtifacts(parseModelArtifacts(await artifactsOf(model), 'test'));
      expect(new Set(blues(await loaded.sample(100, { seed: 4 })))).toEqual(new Set([b]));
      expect(await loaded.logProb(data)).toEqual(logp);
      model.dispose();
      loaded.dispose();
    });
  });

  it('is refused by name where the model was told the data is continuous, or given a box', async () => {
    for (const options of [{ latticeSteps: null }, { scale: 'none' as const }]) {
      const model = new RealNVPGenerator({ ...TINY_FLOW, ...options });
      const error = await model.fit(constantBlue(0.5), FIT).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidPointsError);
      expect((error as InvalidPointsError).code).toBe('constant');
      expect((error as Error).message).toMatch(/^data: column 4 \(b\) holds 0\.5 in every point: /);
      model.dispose();
    }
  });
});

describe('DataSpace with a constant coordinate', () => {
  it("is what 'pointgen fit' says it found", () => {
    expect(resolveLattice('auto', constantBlue(0.3, 50)).text).toBe(
      'x none, y none, r none, g none, b constant 0.3 (detected)',
    );
  });

  it('finds constant columns, and keeps one given a step of its own an ordinary lattice coordinate', () => {
    const points = constantBlue(0.25, 50);
    expect(constantValues(points)).toEqual([null, null, null, null, 0.25]);
    const steps = [null, null, null, null, 1 / 4];
    const given = DataSpace.resolve({ latticeSteps: steps, scale: 'auto' }, points);
    expect(given.constants).toBeNull();
    expect(given.fields().latticeSteps).toEqual(steps);
    const auto = DataSpace.resolve({ latticeSteps: 'auto', scale: 'auto' }, points);
    expect(auto.constants).toEqual([null, null, null, null, 0.25]);
    expect(auto.unitSteps).toEqual([0, 0, 0, 0, 1]);
    expect(auto.isOnLattice(points)).toBe(true);
    const unit = auto.toUnit(points);
    expect(unit.data[4]).toBe(1);
    expect(
      auto.fromUnit({ data: new Float32Array([0.5, 0.5, 0.5, 0.5, 0.2]), count: 1, dim: 5 }, false).data[4],
    ).toBe(0.25);
  });
});
