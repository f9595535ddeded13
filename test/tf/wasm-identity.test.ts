import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ensureGradients } from '../../src/tf/gradients.js';
import { shareWasmIdentity } from '../../src/tf/wasm-identity.js';
import { useBackend } from '../backends.js';

describe('shareWasmIdentity on wasm', () => {
  useBackend('wasm');

  it('clones share the data: same values, no new heap bytes, and each outlives the other', () => {
    expect(shareWasmIdentity()).toBe(true);
    expect(shareWasmIdentity()).toBe(true);
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const backend = tf.backend() as unknown as { getMemoryOffset(id: tf.DataId): number };
    const y = tf.clone(x);
    expect(backend.getMemoryOffset(y.dataId)).toBe(backend.getMemoryOffset(x.dataId));
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    const z = tf.clone(y);
    y.dispose();
    expect(Array.from(z.dataSync())).toEqual([1, 2, 3, 4]);
    z.dispose();
    const strings = tf.tensor(['a', 'b']);
    expect(tf.clone(strings).dataSync()).toEqual(['a', 'b']);
  });

  it('gives the same gradients as before (tfjs clones every tensor a gradient saves)', () => {
    ensureGradients();
    shareWasmIdentity();
    const x = tf.tensor2d([0.5, -1, 2, 3], [2, 2]);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.reshape(tf.square(t), [4]), tf.tensor1d([1, 2, 3, 4])));
    const g = tf.grad(f)(x);
    expect(Array.from(g.dataSync())).toEqual([1, -4, 12, 24]);
    tf.dispose([x, g]);
  });
});
