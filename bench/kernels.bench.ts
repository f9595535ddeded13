// `npm run bench -- kernels`: the wasm kernels pointgen replaces (src/tf/wasm-kernels.ts) against wasm's own,
// and the weight gradient aᵀ·dy against (dyᵀ·a)ᵀ (src/tf/mat-mul.ts), at the transformer's shapes: CPU ms
// per call, median of 6 rounds of 20 calls, both sides taking turns in one process. Fresh operands each call,
// as in training, where every gradient and updated weight is a new tensor.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { useLeanWasmKernels } from '../src/tf/wasm-kernels.js';

/** Median CPU ms per call of each side, measured in alternating rounds. */
function race(sides: Record<string, () => tf.Tensor>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let round = 0; round < 6; round++) {
    for (const [name, f] of Object.entries(sides)) {
      for (let i = 0; i < 3; i++) tf.tidy(f);
      const start = process.cpuUsage();
      for (let i = 0; i < 20; i++) tf.tidy(f);
      const used = process.cpuUsage(start);
      times[name]?.push((used.user + used.system) / 20 / 1e3);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, t]) => [name, t.sort((x, y) => x - y)[t.length >> 1] as number]),
  );
}

export default async function bench(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
  const names = [tf.Tile, tf.BatchMatMul];
  const own = names.map((name) => tf.getKernel(name, 'wasm') as tf.KernelConfig);
  useLeanWasmKernels();
  const lean = names.map((name) => tf.getKernel(name, 'wasm') as tf.KernelConfig);
  const using = (kernels: tf.KernelConfig[], f: () => tf.Tensor) => () => {
    for (const k of kernels) {
      tf.unregisterKernel(k.kernelName, 'wasm');
      tf.registerKernel(k);
    }
    return f();
  };
  const fresh = (t: tf.Tensor) => tf.add(t, 0);
  console.log('| operation | pointgen (ms) | wasm / before (ms) | ratio |');
  console.log('| --- | --- | --- | --- |');
  const row = (label: string, ours: () => tf.Tensor, theirs: () => tf.Tensor) => {
    const t = race({ ours, theirs });
    const [a, b] = [t.ours as number, t.theirs as number];
    console.log(`| ${label} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(2)} |`);
  };
  const rowOf = tf.randomNormal([4, 1, 64]);
  const column = tf.randomNormal([4, 513, 1]);
  for (const [label, x] of [
    ['broadcastTo [4,1,64] → [4,513,64]', rowOf],
    ['broadcastTo [4,513,1] → [4,513,64]', column],
  ] as const) {
    const f = () => tf.broadcastTo(fresh(x), [4, 513, 64]);
    row(label, using(lean, f), using(own, f));
  }
  for (const [n, k, m] of [
    [640, 64, 256],
    [640, 256, 64],
    [128, 64, 48],
  ] as const) {
    const a = tf.randomNormal([4, n, k]);
    const b = tf.randomNormal([4, k, m]);
    const f = () => tf.matMul(fresh(a), fresh(b));
    row(`batched product [4,${n},${k}]·[4,${k},${m}]`, using(lean, f), using(own, f));
  }
  useLeanWasmKernels();
  const swap = (t: tf.Tensor) => tf.transpose(t, [0, 2, 1]);
  for (const [inputs, outputs] of [
    [64, 256],
    [64, 192],
  ] as const) {
    const a = tf.randomNormal([4, 513, inputs]);
    const dy = tf.randomNormal([4, 513, outputs]);
    row(
      `weight gradient ${inputs} → ${outputs}: (dyᵀ·a)ᵀ against aᵀ·dy`,
      () => swap(tf.matMul(swap(fresh(dy)), fresh(a))),
      () => tf.matMul(swap(fresh(a)), fresh(dy)),
    );
  }
  useLeanWasmKernels();
}
