import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { FormatError, NonFiniteError } from '../../src/errors.js';
import { toModelArtifacts } from '../../src/io/artifacts.js';
import { loadGenerator } from '../../src/models/load-generator.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { setBackend } from '../backends.js';
import { perturbed } from './fixtures.js';

const TINY = { couplings: 2, hidden: 8, depth: 1, seed: 5 } as const;

beforeAll(async () => {
  await setBackend('cpu');
});

/** A RealNVP whose weights are finite but far too large: what a diverged fit leaves (samples NaN). */
async function diverged(transform: 'affine' | 'spline') {
  const model = new RealNVPGenerator({ ...TINY, transform });
  const artifacts = await perturbed(model, 1e3);
  model.dispose();
  return artifacts;
}

describe.each(['affine', 'spline'] as const)('a diverged %s model never hands back NaN', (transform) => {
  it('sample and sampleWithLogProb throw a NonFiniteError instead of clamping NaN through', async () => {
    const model = RealNVPGenerator.fromArtifacts(await diverged(transform));
    await expect(model.sample(100, { seed: 1 })).rejects.toThrow(NonFiniteError);
    await expect(model.sampleWithLogProb(100, { seed: 1 })).rejects.toThrow(
      /drew NaN in point \d+: the model has diverged/,
    );
    model.dispose();
  });

  it('save refuses it, and every loader rejects a file of it with a FormatError', async () => {
    const artifacts = await diverged(transform);
    const model = RealNVPGenerator.fromArtifacts(artifacts);
    const before = tf.memory().numTensors;
    await expect(
      model.save(
        tf.io.withSaveHandler(async () => ({
          modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
        })),
      ),
    ).rejects.toThrow(NonFiniteError);
    model.dispose();
    for (const load of [loadGenerator, (s: tf.io.IOHandler) => RealNVPGenerator.load(s)]) {
      const error = await load(tf.io.fromMemory(toModelArtifacts(artifacts))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FormatError);
      expect((error as Error).message).toMatch(/^model from the given handler: realnvp: .*NaN.*diverged/);
    }
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });
});
