import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradConfigs } from '../../src/tf/grad/index.js';
import { ensureGradients, gradientKernels } from '../../src/tf/gradients.js';
import { BACKENDS, useBackend } from '../backends.js';
import { kernelCases, makeInputs } from './kernel-cases.js';
import { firstMismatch, numericGrad, weightedLoss } from './numeric.js';

// Vitest runs each test file in its own process and this one never loads tfjs-layers, so the gradient
// registry starts empty here, as it does for a user with only tfjs-core and a backend.
describe('ensureGradients', () => {
  it('registers every missing gradient, then nothing on later calls', () => {
    expect(tf.getGradient('Neg')).toBeUndefined();
    const sentinel: tf.GradConfig = { kernelName: 'Neg', gradFunc: (dy) => ({ x: () => dy as tf.Tensor }) };
    tf.registerGradient(sentinel);
    const added = ensureGradients();
    expect(added).not.toContain('Neg');
    expect([...added, 'Neg'].sort()).toEqual([...gradientKernels].sort());
    expect(tf.getGradient('Neg')).toBe(sentinel);
    expect(ensureGradients()).toEqual([]);
    tf.unregisterGradient('Neg');
    expect(ensureGradients()).toEqual(['Neg']);
  });

  it('lists each kernel once, and every kernel has a test case', () => {
    expect(new Set(gradientKernels).size).toBe(gradientKernels.length);
    expect(new Set(kernelCases.map((c) => c.kernel))).toEqual(new Set(gradientKernels));
  });
});

describe.each(BACKENDS)('gradients on %s', (backend) => {
  useBackend(backend);
  beforeAll(() => ensureGradients());

  it.each(kernelCases.map((c, i) => ({ ...c, seed: i + 1 })))('$name', async (c) => {
    const xs = makeInputs(c, c.seed);
    const profile = await tf.profile(() => tf.tidy(() => c.f(...xs)));
    expect(profile.kernels.map((k) => k.name)).toContain(c.kernel);

    const before = tf.memory().numTensors;
    const loss = weightedLoss(c.f, xs);
    const wrt = c.wrt.map((i) => xs[i] as tf.Tensor);
    const analytic = tf.grads((...args: tf.Tensor[]) =>
      loss(...xs.map((x, i) => (c.wrt.includes(i) ? (args[c.wrt.indexOf(i)] as tf.Tensor) : x))),
    )(wrt);
    for (const [j, i] of c.wrt.entries()) {
      const g = analytic[j] as tf.Tensor;
      expect(g.shape).toEqual(xs[i]?.shape);
      const numeric = numericGrad(loss, xs, i);
      const got = g.dataSync();
      const k = firstMismatch(got, numeric, 2e-2, 2e-2);
      expect(k, `input ${i} element ${k}: analytic ${got[k]} vs numeric ${numeric[k]}`).toBe(-1);
    }
    tf.dispose(analytic);
    // The loss closure holds one tensor (its weights); nothing else may outlive the gradient computation.
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose(xs);
  });
});

describe('gradient configs', () => {
  it('are written against kernels that tfjs-core knows', () => {
    const names = new Set(Object.values(tf as Record<string, unknown>).filter((v) => typeof v === 'string'));
    for (const c of gradConfigs) expect(names, c.kernelName).toContain(c.kernelName);
  });
});
