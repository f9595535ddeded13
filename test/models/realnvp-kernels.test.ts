import { describe, expect, it } from 'vitest';
import { DEFAULT_LATTICE_STEPS } from '../../src/data/lattice.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { BACKENDS, useBackend } from '../backends.js';
import { latticePoints, perturbed } from './fixtures.js';

/**
 * The default model's log densities (perturbed weights, seed 3, scale 0.1) of `latticePoints(6)`, as the
 * tensor-kernel spline and dense layers gave them on cpu before the spline ran on the host and the dense
 * layers fused their kernels: a change of kernels must keep a saved model's numbers.
 */
const BEFORE = [-7.613389, -12.882043, -1.621379, -9.581249, -0.496539, -14.974681];

describe.each(BACKENDS)('RealNVP kernels on %s', (backend) => {
  useBackend(backend);

  it('keep the log densities of a model made before them', async () => {
    // The default model of then: the quiz lattice (an untrained 'auto' model has none yet).
    const fresh = new RealNVPGenerator({ latticeSteps: DEFAULT_LATTICE_STEPS });
    const model = RealNVPGenerator.fromArtifacts(await perturbed(fresh, 0.1));
    fresh.dispose();
    const logProb = Array.from(await model.logProb(latticePoints(6)));
    model.dispose();
    logProb.forEach((v, i) => {
      expect(Math.abs(v - (BEFORE[i] as number))).toBeLessThan(2e-4);
    });
  });
});
