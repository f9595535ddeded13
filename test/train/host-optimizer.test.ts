import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { AdamW, HostAdamW } from '../../src/train/adam.js';
import { HostWeightAverage, WeightAverage } from '../../src/train/ema.js';
import { BACKENDS, useBackend } from '../backends.js';

const OPTIONS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.1 };

function pair(): [tf.Variable, tf.Variable] {
  const init = tf.tensor2d([0.5, -1, 2, 0.25, 3, -0.75], [2, 3]);
  const out: [tf.Variable, tf.Variable] = [tf.variable(init), tf.variable(init)];
  init.dispose();
  return out;
}

describe.each(BACKENDS)('HostAdamW and HostWeightAverage on %s', (name) => {
  useBackend(name);

  it('follow the tensor versions step for step, and leave no tensors behind', () => {
    const [a, b] = pair();
    const tensorAdam = new AdamW([a], OPTIONS);
    const hostAdam = new HostAdamW([b], OPTIONS);
    const tensorAverage = new WeightAverage([a], 0.9);
    const hostAverage = new HostWeightAverage([b], 0.9);
    const before = tf.memory().numTensors;
    for (let step = 0; step < 5; step++) {
      const values = Float32Array.from({ length: 6 }, (_, k) => Math.sin(step * 6 + k));
      const g = tf.tensor2d(values, [2, 3]);
      tensorAdam.apply([g], 0.5, 0.01);
      hostAdam.apply([g], 0.5, 0.01);
      g.dispose();
      tensorAverage.update();
      hostAverage.update();
    }
    expect(tf.memory().numTensors).toBe(before);
    const moved = Array.from(b.dataSync());
    expect(moved).not.toEqual([0.5, -1, 2, 0.25, 3, -0.75]);
    for (const [k, x] of Array.from(a.dataSync()).entries()) expect(moved[k]).toBeCloseTo(x, 5);
    tensorAverage.apply();
    hostAverage.apply();
    const averaged = Array.from(b.dataSync());
    for (const [k, x] of Array.from(a.dataSync()).entries()) expect(averaged[k]).toBeCloseTo(x, 5);
    hostAdam.reset();
    hostAverage.reset();
    for (const x of [a, b]) x.dispose();
    tensorAdam.dispose();
    tensorAverage.dispose();
  });
});
