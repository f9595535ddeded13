import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { assignFilled, peekValues, tensorFilled } from '../../src/tf/host.js';
import { BACKENDS, useBackend } from '../backends.js';

describe.each(BACKENDS)('host values on %s', (name) => {
  useBackend(name);

  it('peekValues reads what dataSync reads, and tensorFilled makes a tensor of what fill wrote', () => {
    const x = tf.tensor2d([1, -2, 3.5, 4, 0.25, -6], [2, 3]);
    const before = tf.memory().numTensors;
    const doubled = tensorFilled<tf.Rank.R2>([2, 3], (out) => {
      const values = peekValues(x);
      for (let i = 0; i < out.length; i++) out[i] = 2 * (values[i] as number);
    });
    expect(Array.from(peekValues(x))).toEqual(Array.from(x.dataSync()));
    expect(doubled.shape).toEqual([2, 3]);
    expect(Array.from(doubled.dataSync())).toEqual([2, -4, 7, 8, 0.5, -12]);
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([x, doubled]);
  });

  it('peekValues refuses a tensor that is not float32', () => {
    const ints = tf.tensor1d([1, 2, 3], 'int32');
    expect(() => peekValues(ints as unknown as tf.Tensor)).toThrow('expected a float32 tensor, got int32');
    ints.dispose();
  });

  it('a fill that throws leaves no tensor and no memory behind', () => {
    const before = tf.memory();
    expect(() =>
      tensorFilled([1000], () => {
        throw new Error('bad fill');
      }),
    ).toThrow('bad fill');
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });

  it('a tensor made inside a tidy is disposed with it unless returned', () => {
    const before = tf.memory().numTensors;
    const kept = tf.tidy(() => {
      tensorFilled([4], (out) => out.fill(1));
      return tensorFilled([2], (out) => out.fill(3));
    });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(Array.from(kept.dataSync())).toEqual([3, 3]);
    kept.dispose();
  });

  it('assignFilled gives a variable new values computed from its own, and leaves no tensor behind', () => {
    const w = tf.variable(tf.tensor1d([1, -2, 3]));
    const before = tf.memory().numTensors;
    assignFilled(w, (out) => {
      const old = peekValues(w);
      for (let i = 0; i < out.length; i++) out[i] = 2 * (old[i] as number);
    });
    expect(Array.from(w.dataSync())).toEqual([2, -4, 6]);
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
  });
});
