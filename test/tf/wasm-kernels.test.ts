import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { ensureGradients } from '../../src/tf/gradients.js';
import { useLeanWasmKernels } from '../../src/tf/wasm-kernels.js';
import { useBackend } from '../backends.js';

describe('useLeanWasmKernels on wasm', () => {
  useBackend('wasm');
  // Taken before any test replaces them (each test file loads its own tfjs).
  const kernels = () =>
    [tf.Slice, tf.SplitV, tf.Unpack, tf.Tile].map((name) => tf.getKernel(name, 'wasm') as tf.KernelConfig);
  const originals = kernels();

  it('clones share the data: same values, no new heap bytes, and each outlives the other', () => {
    expect(useLeanWasmKernels()).toBe(true);
    expect(useLeanWasmKernels()).toBe(true);
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
    useLeanWasmKernels();
    const x = tf.tensor2d([0.5, -1, 2, 3], [2, 2]);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.reshape(tf.square(t), [4]), tf.tensor1d([1, 2, 3, 4])));
    const g = tf.grad(f)(x);
    expect(Array.from(g.dataSync())).toEqual([1, -4, 12, 24]);
    tf.dispose([x, g]);
  });

  it('slices, splits, unpacks and tiles give the values of the kernels they replace', () => {
    const x = tf.tensor3d(
      Array.from({ length: 24 }, (_, i) => i * 0.5 - 3),
      [2, 3, 4],
    );
    const cases = (): tf.Tensor[] => [
      tf.slice(x, [1, 0, 0], [1, 3, 4]), // one block
      tf.slice(x, [0, 1, 0], [2, 2, 4]), // rows of two matrices: not one block
      tf.slice(x, [0, 0, 1], [2, 3, 2]),
      tf.slice(x, [1, 2, 1], [1, 1, -1]),
      tf.slice(x, [0, 1, 1], [2, 2, 2]), // runs of two values
      tf.slice(x, [0, 0, 0], [0, 3, 4]), // empty
      tf.slice(tf.cast(x, 'int32'), [0, 1, 2], [2, 2, 1]),
      ...tf.split(x, 2, 2),
      ...tf.split(x, [1, 2], 1),
      ...tf.split(x, [1, 1], 0),
      ...tf.unstack(x, 0),
      ...tf.unstack(x, 1),
      ...tf.unstack(x, 2),
      tf.tile(x, [2, 1, 3]),
      tf.broadcastTo(tf.slice(x, [0, 0, 0], [2, 1, 4]), [2, 5, 4]),
      tf.broadcastTo(tf.slice(x, [0, 0, 0], [2, 3, 1]), [2, 3, 6]),
      tf.tile(tf.cast(x, 'int32'), [1, 2, 1]),
      tf.tile(tf.tensor1d([true, false], 'bool'), [3]),
    ];
    expect(useLeanWasmKernels()).toBe(true);
    const replaced = kernels();
    expect(replaced[0]?.kernelFunc).not.toBe(originals[0]?.kernelFunc);
    const lean = cases().map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) }));
    try {
      for (const k of originals) {
        tf.unregisterKernel(k.kernelName, 'wasm');
        tf.registerKernel(k);
      }
      const before = cases().map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) }));
      expect(lean).toEqual(before);
    } finally {
      for (const k of replaced) {
        tf.unregisterKernel(k.kernelName, 'wasm');
        tf.registerKernel(k);
      }
    }
    expect(useLeanWasmKernels()).toBe(true);
    const strings = tf.tensor(['a', 'b', 'c']);
    expect(tf.slice(strings, [1], [2]).dataSync()).toEqual(['b', 'c']);
  });

  it('batched products equal the 2-D products one by one, broadcasting, and leave no memory behind', () => {
    expect(useLeanWasmKernels()).toBe(true);
    const a = tf.randomNormal([2, 1, 5, 3], 0, 1, 'float32', 1);
    const b = tf.randomNormal([3, 3, 4], 0, 1, 'float32', 2);
    const batched = tf.matMul(a, b);
    expect(batched.shape).toEqual([2, 3, 5, 4]);
    const values = batched.arraySync() as number[][][][];
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const one = tf.matMul(
          tf.reshape(tf.slice(a, [i, 0, 0, 0], [1, 1, 5, 3]), [5, 3]),
          tf.reshape(tf.slice(b, [j, 0, 0], [1, 3, 4]), [3, 4]),
        );
        expect(values[i]?.[j]).toEqual(one.arraySync());
      }
    }
    const heap = () => (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    const tensors = tf.memory().numTensors;
    const size = heap();
    for (let k = 0; k < 200; k++) tf.matMul(a, b).dispose();
    expect(heap()).toBe(size);
    expect(tf.memory().numTensors).toBe(tensors);
    // Transpose flags take wasm's own product.
    const c = tf.randomNormal([3, 5, 3], 0, 1, 'float32', 3);
    const flagged = tf.matMul(c, tf.transpose(b, [0, 2, 1]), false, true).arraySync() as number[][][];
    const plain = tf.matMul(c, b).arraySync() as number[][][];
    flagged.flat(2).forEach((v, i) => {
      expect(v).toBeCloseTo(plain.flat(2)[i] as number, 5);
    });
  });

  it('a second copy of pointgen in the process (both builds loaded) keeps the kernels of the first', async () => {
    expect(useLeanWasmKernels()).toBe(true);
    const registered = tf.getKernel(tf.BatchMatMul, 'wasm')?.kernelFunc;
    vi.resetModules();
    const copy = await import('../../src/tf/wasm-kernels.js');
    expect(copy.useLeanWasmKernels).not.toBe(useLeanWasmKernels);
    expect(copy.useLeanWasmKernels()).toBe(true);
    expect(useLeanWasmKernels()).toBe(true);
    expect(tf.getKernel(tf.BatchMatMul, 'wasm')?.kernelFunc).toBe(registered);
    // Before, each copy took the other's kernel for wasm's own: a 2-D product fell back without end.
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const product = tf.matMul(a, a);
    expect(Array.from(product.dataSync())).toEqual([7, 10, 15, 22]);
    tf.dispose([a, product]);
  });
});
