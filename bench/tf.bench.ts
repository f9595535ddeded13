// `npm run bench -- tf`: matMul with and without transpose flags, and one Adam training step of an MLP
// 5→256→256→10 with the naive dense (tf.add(tf.matMul(x, w), b)) against pointgen's dense, on cpu and wasm.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// Registers tfjs's own gradients, the baseline a user of @tensorflow/tfjs gets.
import '@tensorflow/tfjs-layers';
import { dense } from '../src/tf/dense.js';
import { gradConfigs } from '../src/tf/grad/index.js';

/**
 * Median CPU seconds (user + system, this process) per call after one warm-up call. The tfjs cpu and wasm
 * backends run on this thread, and CPU time is far less inflated than wall time when other processes
 * share the cores.
 */
function medianCpuSeconds(fn: () => unknown, repeats = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1e6);
  }
  return times.sort((a, b) => a - b)[repeats >> 1] ?? Number.NaN;
}

const BACKENDS = ['cpu', 'wasm'];
const SIZES = [5, 256, 256, 10];

function gflops(flops: number, seconds: number): string {
  return (flops / seconds / 1e9).toFixed(2).padStart(6);
}

/** Runs `fn` with pointgen's gradient configs in the registry in place of tfjs's, then puts tfjs's back. */
function withPointgenGradients<T>(fn: () => T): T {
  const previous = gradConfigs.map((c) => tf.getGradient(c.kernelName));
  for (const c of gradConfigs) {
    if (tf.getGradient(c.kernelName)) tf.unregisterGradient(c.kernelName);
    tf.registerGradient(c);
  }
  try {
    return fn();
  } finally {
    for (const c of gradConfigs) tf.unregisterGradient(c.kernelName);
    for (const p of previous) if (p) tf.registerGradient(p);
  }
}

function matMulVariants(): void {
  const [m, k, n] = [512, 256, 256];
  const a = tf.randomNormal([m, k]);
  const b = tf.randomNormal([k, n]);
  const aT = tf.randomNormal([k, m]);
  const bT = tf.randomNormal([n, k]);
  const variants: [string, () => tf.Tensor][] = [
    ['matMul(a, b)', () => tf.matMul(a, b)],
    ['matMul(aT, b, transposeA)', () => tf.matMul(aT, b, true, false)],
    ['matMul(a, bT, transposeB)', () => tf.matMul(a, bT, false, true)],
    ['matMul(transpose(aT), b)', () => tf.matMul(tf.transpose(aT), b)],
    ['matMul(a, transpose(bT))', () => tf.matMul(a, tf.transpose(bT))],
  ];
  console.log(`\nmatMul [${m}×${k}]·[${k}×${n}], GFLOP/s (median CPU time of 5)`);
  for (const [name, f] of variants) {
    const t = medianCpuSeconds(() => tf.tidy(f).dataSync());
    console.log(`  ${name.padEnd(28)} ${gflops(2 * m * k * n, t)}`);
  }
  tf.dispose([a, b, aT, bT]);
}

type Dense = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, relu: boolean) => tf.Tensor2D;

const naive: Dense = (x, w, b, relu) => {
  const y = tf.add(tf.matMul(x, w), b) as tf.Tensor2D;
  return relu ? tf.relu(y) : y;
};
const pointgen: Dense = (x, w, b, relu) => dense(x, w, b, relu ? 'relu' : 'linear');
const pointgenReluOutside: Dense = (x, w, b, relu) => (relu ? tf.relu(dense(x, w, b)) : dense(x, w, b));

/** One Adam step (forward, backward, update) of the MLP on a batch of `n`, and a way to free its tensors. */
function trainer(layer: Dense, n: number): { step: () => void; dispose: () => void } {
  const x = tf.randomNormal([n, SIZES[0] ?? 0]) as tf.Tensor2D;
  const target = tf.randomNormal([n, SIZES[3] ?? 0]);
  const params = SIZES.slice(1).map((out, i) => ({
    w: tf.variable(
      tf.tidy(() => tf.mul(tf.randomNormal([SIZES[i] ?? 0, out]), 0.1)),
    ) as tf.Variable<tf.Rank.R2>,
    b: tf.variable(tf.tidy(() => tf.zeros([out]))) as tf.Variable<tf.Rank.R1>,
  }));
  const optimizer = tf.train.adam(1e-3);
  const loss = () => {
    const out = params.reduce((h, p, i) => layer(h, p.w, p.b, i < params.length - 1), x);
    return tf.mean(tf.squaredDifference(out, target)) as tf.Scalar;
  };
  return {
    step: () => tf.dispose(optimizer.minimize(loss, true) ?? []),
    dispose: () => {
      tf.dispose([x, target, ...params.flatMap((p) => [p.w, p.b])]);
      optimizer.dispose();
    },
  };
}

/** Median CPU seconds per call of each function, sampled in turn so that drifting load hits all alike. */
function interleavedMedians(fns: (() => unknown)[], samples = 15): number[] {
  const times: number[][] = fns.map(() => []);
  for (const f of fns) f();
  for (let s = 0; s < samples; s++) {
    for (const [i, f] of fns.entries()) {
      times[i]?.push(medianCpuSeconds(f, 1));
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[t.length >> 1] ?? Number.NaN);
}

function mlp(): void {
  console.log(
    '\nAdam step, MLP 5→256→256→10 (relu): CPU ms, GFLOP/s (flops ≈ 3 × forward), speed-up over the first row',
  );
  for (const n of [64, 512]) {
    const forward = SIZES.slice(1).reduce((f, out, i) => f + 2 * n * (SIZES[i] ?? 0) * out, 0);
    const naiveTfjs = trainer(naive, n);
    const naivePointgen = trainer(naive, n);
    const ours = trainer(pointgen, n);
    const oursReluOutside = trainer(pointgenReluOutside, n);
    const [tTfjs = 0, tPointgenGrads = 0, tOurs = 0, tReluOutside = 0] = interleavedMedians([
      naiveTfjs.step,
      () => withPointgenGradients(naivePointgen.step),
      ours.step,
      oursReluOutside.step,
    ]);
    const rows: [string, number][] = [
      ['naive dense, tfjs gradients', tTfjs],
      ['naive dense, pointgen gradients', tPointgenGrads],
      ["pointgen dense(x, w, b, 'relu')", tOurs],
      ['pointgen tf.relu(dense(x, w, b))', tReluOutside],
    ];
    for (const [name, t] of rows) {
      console.log(
        `  batch ${String(n).padStart(3)} ${name.padEnd(32)} ${(t * 1e3).toFixed(2).padStart(8)} ms ${gflops(3 * forward, t)} GFLOP/s  ×${(tTfjs / t).toFixed(2)}`,
      );
    }
    for (const t of [naiveTfjs, naivePointgen, ours, oursReluOutside]) t.dispose();
  }
}

export default async function bench(): Promise<void> {
  for (const backend of BACKENDS) {
    await tf.setBackend(backend);
    console.log(`\n### backend ${tf.getBackend()}`);
    matMulVariants();
    mlp();
  }
}
