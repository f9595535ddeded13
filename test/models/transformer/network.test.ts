import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/data/rng.js';
import { type BinnedDistribution, binnedLogDensity } from '../../../src/models/transformer/binned.js';
import { resolveMaskedTransformerConfig } from '../../../src/models/transformer/config.js';
import { positionLogDensities } from '../../../src/models/transformer/density.js';
import { outputDistributions } from '../../../src/models/transformer/heads.js';
import { Decoder, headOutput, hiddenStates } from '../../../src/models/transformer/network.js';
import {
  namedWeights,
  type TransformerWeights,
  weightShapes,
  weightsFromValues,
} from '../../../src/models/transformer/weights.js';
import { BACKENDS, useBackend } from '../../backends.js';

const config = resolveMaskedTransformerConfig({
  embedDim: 16,
  heads: 4,
  layers: 2,
  fourierFeatures: 3,
  mixtureComponents: 3,
  // Interleaved position and colour coordinates, so that grouped heads need their gather and its inverse.
  order: [0, 2, 1, 3, 4],
});

/** Random weights everywhere (a fresh model's zero heads would hide any dependence on the input). */
function randomWeights(seed: number): TransformerWeights {
  const rng = new Rng(seed);
  const values = new Map<string, Float32Array>();
  for (const [name, shape] of weightShapes(config)) {
    const data = rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)));
    values.set(
      name,
      data.map((v) => v * 0.4),
    );
  }
  return weightsFromValues(config, values);
}

function points(n: number, seed: number): Float32Array {
  return new Rng(seed).fillUniform(new Float32Array(n * config.dim));
}

async function outputsOf(weights: TransformerWeights, data: Float32Array): Promise<Float32Array[]> {
  const outs = tf.tidy(() => {
    const points = tf.tensor2d(data, [data.length / config.dim, config.dim]);
    const hidden = tf.squeeze(hiddenStates([weights], config, points), [0]);
    return tf.unstack(hidden, 1).map((rows, p) => headOutput(weights, p, rows as tf.Tensor2D));
  });
  const values = await Promise.all(outs.map((o) => o.data() as Promise<Float32Array>));
  tf.dispose(outs);
  return values;
}

describe.each(BACKENDS)('transformer network on %s', (backend) => {
  let weights: TransformerWeights;
  useBackend(backend);
  beforeAll(() => {
    weights = randomWeights(1);
  });
  afterAll(() => {
    for (const [, v] of namedWeights(weights)) v.dispose();
  });

  it('is causal: changing coordinate j never changes the outputs of positions 0…j, and changes later ones', async () => {
    const base = points(6, 2);
    const reference = await outputsOf(weights, base);
    for (let j = 0; j < config.dim - 1; j++) {
      const changed = base.slice();
      for (let i = 0; i < 6; i++) changed[i * config.dim + j] = 1 - (changed[i * config.dim + j] as number);
      const outputs = await outputsOf(weights, changed);
      for (let p = 0; p <= config.dim - 1; p++) {
        const same = outputs[p]?.every((v, k) => v === reference[p]?.[k]);
        expect(same, `coordinate ${j} → position ${p}`).toBe(p <= j);
      }
    }
  });

  it('decodes position by position exactly as the full forward pass computes', async () => {
    const data = points(7, 3);
    const reference = await outputsOf(weights, data);
    const before = tf.memory().numTensors;
    const decoder = new Decoder(weights, config, 7);
    let previous: tf.Tensor1D | undefined;
    for (let p = 0; p < config.dim; p++) {
      const out = decoder.next(previous);
      const values = await out.data();
      out.dispose();
      previous?.dispose();
      const expected = reference[p] as Float32Array;
      // Position 0 sees only the start token: the decoder computes its single shared row once.
      expect(values.length).toBe(p === 0 ? expected.length / 7 : expected.length);
      const worst = expected.reduce(
        (m, v, k) => Math.max(m, Math.abs(v - (values[k % values.length] as number))),
        0,
      );
      expect(worst).toBeLessThan(1e-4);
      if (p + 1 < config.dim) {
        previous = tf.tensor1d(Array.from({ length: 7 }, (_, i) => data[i * config.dim + p] as number));
      }
    }
    decoder.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => decoder.next()).toThrow(RangeError);
  });
  it('scores grouped positions exactly as each head and distribution on its own would', async () => {
    const data = tf.tensor2d(points(9, 4), [9, config.dim]);
    const dists = outputDistributions(config);
    const expected = tf.tidy(() => {
      const hidden = tf.unstack(tf.squeeze(hiddenStates([weights], config, data), [0]), 1);
      const columns = tf.unstack(data, 1);
      return tf.stack(
        hidden.map((rows, p) =>
          binnedLogDensity(
            dists[p] as BinnedDistribution,
            headOutput(weights, p, rows as tf.Tensor2D),
            columns[p] as tf.Tensor1D,
          ),
        ),
        1,
      );
    });
    const got = positionLogDensities([weights], config, dists, data);
    const a = await got.data();
    const b = await expected.data();
    expect(got.shape).toEqual([1, 9, config.dim]);
    a.forEach((v, k) => {
      expect(v).toBeCloseTo(b[k] as number, 4);
    });
    tf.dispose([data, got, expected]);
  });

  it('computes every member in one batched pass as each member alone would', async () => {
    const second = randomWeights(7);
    const data = tf.tensor2d(points(6, 5), [6, config.dim]);
    const dists = outputDistributions(config);
    const together = positionLogDensities([weights, second], config, dists, data);
    const alone = [weights, second].map((w) => positionLogDensities([w], config, dists, data));
    expect(together.shape).toEqual([2, 6, config.dim]);
    const a = await together.data();
    const b = [...((await alone[0]?.data()) ?? []), ...((await alone[1]?.data()) ?? [])];
    a.forEach((v, k) => {
      expect(v).toBeCloseTo(b[k] as number, 4);
    });
    tf.dispose([data, together, ...alone]);
    for (const [, v] of namedWeights(second)) v.dispose();
  });
});
