// With @tensorflow/tfjs-layers loaded (it registers tfjs's own gradients), pointgen must still train on every
// backend: tfjs 4.22's GatherV2 gradient needs UnsortedSegmentSum, which wasm lacks, so the transformer failed
// on wasm until ensureGradients replaced it. Own file: vitest gives it its own process and registry.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { datasets } from '../../src/index.js';
import { MaskedTransformerGenerator } from '../../src/models/index.js';
import { gradConfigs } from '../../src/tf/grad/index.js';
import { ensureGradients, replacedGradientKernels } from '../../src/tf/gradients.js';
import { BACKENDS, useBackend } from '../backends.js';

describe('ensureGradients after tfjs-layers', () => {
  it('replaces only the broken tfjs gradients, once', () => {
    const tfjsNeg = tf.getGradient('Neg');
    expect(tfjsNeg).toBeDefined();
    const added = ensureGradients();
    expect(added).toEqual(expect.arrayContaining([...replacedGradientKernels]));
    expect(added).not.toContain('Neg');
    expect(tf.getGradient('Neg')).toBe(tfjsNeg);
    for (const name of replacedGradientKernels) {
      expect(tf.getGradient(name)).toBe(gradConfigs.find((c) => c.kernelName === name));
    }
    expect(ensureGradients()).toEqual([]);
  });
});

describe.each(BACKENDS)('a transformer trains with tfjs-layers loaded on %s', (backend) => {
  useBackend(backend);

  it('fits one epoch to a finite loss', async () => {
    const model = new MaskedTransformerGenerator({ embedDim: 16, heads: 2, layers: 1, members: 1 });
    const history = await model.fit(datasets.coloredPi({ count: 256, seed: 1 }), {
      epochs: 1,
      batchSize: 64,
      seed: 1,
    });
    expect(Number.isFinite(history.epochs[0]?.loss)).toBe(true);
    model.dispose();
  }, 60_000);
});
