// pointgen's gradients against tfjs's own (which @tensorflow/tfjs-layers registers when it loads), on every
// kernel case. This file loads tfjs-layers; vitest gives each test file its own process, so the other tests
// still start from an empty gradient registry.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { gradConfigs } from '../../src/tf/grad/index.js';
import { BACKENDS, useBackend } from '../backends.js';
import { type KernelCase, kernelCases, makeInputs } from './kernel-cases.js';
import { firstMismatch, weightedLoss } from './numeric.js';

const tfjsConfigs = new Map(gradConfigs.map((c) => [c.kernelName, tf.getGradient(c.kernelName)]));

function useRegistry(which: 'tfjs' | 'pointgen'): void {
  for (const c of gradConfigs) {
    if (tf.getGradient(c.kernelName)) tf.unregisterGradient(c.kernelName);
    const config = which === 'pointgen' ? c : tfjsConfigs.get(c.kernelName);
    if (config) tf.registerGradient(config);
  }
}

function gradients(c: KernelCase, seed: number, which: 'tfjs' | 'pointgen'): Float32Array[] {
  useRegistry(which);
  try {
    return tf.tidy(() => {
      const xs = makeInputs(c, seed);
      const loss = weightedLoss(c.f, xs);
      const wrt = c.wrt.map((i) => xs[i] as tf.Tensor);
      const f = (...args: tf.Tensor[]) =>
        loss(...xs.map((x, i) => (c.wrt.includes(i) ? (args[c.wrt.indexOf(i)] as tf.Tensor) : x)));
      return tf
        .grads(f)(wrt)
        .map((g) => g.dataSync() as Float32Array);
    });
  } finally {
    useRegistry('tfjs');
  }
}

/**
 * Cases where tfjs 4.22's own gradient fails (the first entry that matches applies). Each is asserted to fail still, with the error given, so that
 * this list stays true; the numerical checks in gradients.test.ts cover pointgen's gradient for them.
 */
const TFJS_GAPS: { case: RegExp; backend?: string; error: RegExp }[] = [
  { case: /^StridedSlice/, error: /gradient function not found for StridedSlice/ },
  // Its batchDims path calls a chained op (x.split) that tfjs-core does not install by default.
  { case: /^GatherV2 \(batchDims 1\)/, error: /x\.split is not a function/ },
  // Its gradient uses UnsortedSegmentSum, which the wasm backend does not have.
  { case: /^GatherV2/, backend: 'wasm', error: /'UnsortedSegmentSum' not registered for backend 'wasm'/ },
  // These gradients are not summed back over broadcast axes.
  {
    case: /^(Maximum|Minimum|SquaredDifference)$/,
    error: /gradient of input 'b' has shape '2,3'.*input '3'/,
  },
  { case: /^BatchMatMul \(broadcast batch\)/, error: /gradient of input 'b' has shape '2,2,4'.*input '2,4'/ },
  // Its gradient comes back transposed when the axis is not the last one.
  { case: /^Cumsum$/, error: /gradient of input 'x' has shape '2,4,3'.*input '2,3,4'/ },
];

describe.each(BACKENDS)('pointgen and tfjs gradients agree on %s', (backend) => {
  useBackend(backend);

  it('tfjs-layers registered tfjs gradients for all but StridedSlice', () => {
    const missing = [...tfjsConfigs].filter(([, c]) => c === undefined).map(([k]) => k);
    expect(missing).toEqual(['StridedSlice']);
  });

  it.each(kernelCases.map((c, i) => ({ ...c, seed: i + 1 })))('$name', (c) => {
    const gap = TFJS_GAPS.find((g) => g.case.test(c.name) && (g.backend ?? backend) === backend);
    if (gap) {
      expect(() => gradients(c, c.seed, 'tfjs')).toThrow(gap.error);
      return;
    }
    const reference = gradients(c, c.seed, 'tfjs');
    const ours = gradients(c, c.seed, 'pointgen');
    for (const [i, g] of ours.entries()) {
      const expected = reference[i] ?? new Float32Array();
      const k = firstMismatch(g, expected, 1e-5, 1e-4);
      expect(k, `input ${c.wrt[i]} element ${k}: ${g[k]} vs tfjs ${expected[k]}`).toBe(-1);
    }
  });
});
