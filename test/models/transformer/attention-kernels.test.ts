import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/data/rng.js';
import { tensorAttention } from '../../../src/models/transformer/attention.js';
import { hostCausalAttention } from '../../../src/models/transformer/attention-host.js';
import { MaskedTransformerGenerator } from '../../../src/models/transformer/transformer-generator.js';
import { ensureGradients } from '../../../src/tf/gradients.js';
import { BACKENDS, useBackend } from '../../backends.js';
import { latticePoints, perturbed } from '../fixtures.js';

/**
 * The log densities of the default transformer (weights perturbed by 0.5, seed 3) at `latticePoints(6)`, as
 * the tensor-kernel attention gave them on cpu and wasm before the attention ran on the host.
 */
const BEFORE = [-28.088207, -28.064491, -28.034512, -28.043327, -28.072132, -28.039433];

/** Attended rows and the gradient of a random projection of them, by one attention function. */
function valueAndGradient(
  attend: (joint: tf.Tensor3D, batch: number, heads: number) => tf.Tensor3D,
  joint: tf.Tensor3D,
  weights: tf.Tensor3D,
  batch: number,
  heads: number,
): { value: Float32Array; gradient: Float32Array } {
  return tf.tidy(() => {
    const { value, grad } = tf.valueAndGrad((x: tf.Tensor) =>
      tf.sum(tf.mul(attend(x as tf.Tensor3D, batch, heads), weights)),
    )(joint);
    const out = attend(joint, batch, heads);
    expect(value.shape).toEqual([]);
    return { value: out.dataSync() as Float32Array, gradient: grad.dataSync() as Float32Array };
  });
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);
}

describe.each(BACKENDS)('transformer attention kernels on %s', (backend) => {
  useBackend(backend);

  it('the host attention equals the tensor attention, forward and backward', () => {
    ensureGradients();
    const [members, batch, length, heads, headDim] = [3, 7, 5, 4, 6];
    const d = heads * headDim;
    const rng = new Rng(5);
    const random = (shape: number[]) =>
      tf.tensor3d(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1))), shape as never);
    // Each member's start row once, then each sequence's other positions.
    const rows = 1 + batch * (length - 1);
    const joint = random([members, rows, 3 * d]);
    const weights = random([members, rows, d]);
    const host = valueAndGradient(hostCausalAttention, joint, weights, batch, heads);
    const tensor = valueAndGradient(tensorAttention, joint, weights, batch, heads);
    tf.dispose([joint, weights]);
    expect(maxDifference(host.value, tensor.value)).toBeLessThan(1e-5);
    expect(maxDifference(host.gradient, tensor.gradient)).toBeLessThan(1e-5);
    // A gradient that is all zeros would agree trivially.
    expect(host.gradient.some((v) => Math.abs(v) > 0.1)).toBe(true);
  });

  it('keep the log densities of a model made before them', async () => {
    const fresh = new MaskedTransformerGenerator({ latticeSteps: [300, 300, 255, 255, 255] });
    const model = MaskedTransformerGenerator.fromArtifacts(await perturbed(fresh, 0.5));
    fresh.dispose();
    const logProb = Array.from(await model.logProb(latticePoints(6)));
    model.dispose();
    logProb.forEach((v, i) => {
      expect(Math.abs(v - (BEFORE[i] as number))).toBeLessThan(2e-4);
    });
  });
});
