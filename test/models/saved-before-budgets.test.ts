import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseModelArtifacts } from '../../src/io/artifacts.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { MaskedTransformerGenerator } from '../../src/models/transformer/transformer-generator.js';
import { artifactsOf } from './fixtures.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model files saved before step budgets (no training.steps)', () => {
  it.each([
    ['realnvp', () => new RealNVPGenerator({ couplings: 2, hidden: 8, depth: 1 })],
    ['transformer', () => new MaskedTransformerGenerator({ embedDim: 8, heads: 2, layers: 1, members: 2 })],
  ] as const)('%s: load, keep their epochs and have no step budget', async (_, make) => {
    const model = make();
    const parsed = parseModelArtifacts(await artifactsOf(model), 'test');
    const { steps, ...training } = (parsed.config as { training: Record<string, unknown> }).training;
    expect(steps).toBeGreaterThan(0);
    const old = { ...parsed, config: { ...(parsed.config as object), training } };
    const loaded =
      model instanceof RealNVPGenerator
        ? RealNVPGenerator.fromArtifacts(old)
        : MaskedTransformerGenerator.fromArtifacts(old);
    expect(loaded.getConfig().training.steps).toBeUndefined();
    expect(loaded.getConfig().training.epochs).toBe(model.getConfig().training.epochs);
    loaded.dispose();
    model.dispose();
  });
});
