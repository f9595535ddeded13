// `npm run bench -- training`: for both default recipes on wasm, the kernels one training step launches
// (counted, so the same on any machine), the FLOPs of its matrix products, CPU milliseconds per step, the
// achieved GFLOP/s, and beside it the rate of wasm's plain 2-D matMul measured in the same run.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import {
  datasets,
  type Generator,
  MaskedTransformerGenerator,
  type Points,
  protocolSplit,
  RealNVPGenerator,
} from '../src/index.js';

const TIMED_STEPS = 16;
const UNTIMED_STEPS = 3;

/** The default recipes, by the name the tables print. */
export const MODELS: [string, () => Generator][] = [
  ['transformer default', () => new MaskedTransformerGenerator()],
  ['RealNVP default', () => new RealNVPGenerator()],
];

/** FLOPs of one matrix-product launch from its shapes: 2·k per output entry, k read off the left operand. */
function productFlops(kernel: { name: string; inputShapes: number[][]; outputShapes: number[][] }): number {
  if (kernel.name !== 'BatchMatMul' && kernel.name !== '_FusedMatMul') return 0;
  const a = kernel.inputShapes[0] as number[];
  const out = kernel.outputShapes[0] as number[];
  const rows = out[out.length - 2] as number;
  const k = ((a[a.length - 1] as number) * (a[a.length - 2] as number)) / rows;
  return 2 * k * out.reduce((x, y) => x * y, 1);
}

/** Kernels and product FLOPs of the steps of one fit: steps 3 and 4 of a run (after set-up), from a profile. */
async function perStep(make: () => Generator, points: Points) {
  const count = async (steps: number) => {
    const model = make();
    const info = await tf.profile(async () => {
      await model.fit(points, { steps, validation: 0, seed: 1 });
    });
    model.dispose();
    return {
      kernels: info.kernels.length,
      flops: info.kernels.reduce((sum, k) => sum + productFlops(k), 0),
    };
  };
  const [two, four] = [await count(2), await count(4)];
  return { kernels: (four.kernels - two.kernels) / 2, flops: (four.flops - two.flops) / 2 };
}

/**
 * CPU and wall seconds per training step (the backend computes on this thread), the mean of `timed` steps after
 * `untimed` warm-up steps.
 */
export async function secondsPerStep(
  make: () => Generator,
  points: Points,
  { untimed = UNTIMED_STEPS, timed = TIMED_STEPS } = {},
) {
  const model = make();
  let start: NodeJS.CpuUsage | null = null;
  let wallStart = 0;
  let used = 0;
  let wall = 0;
  let steps = 0;
  await model.fit(points, {
    steps: untimed + timed,
    validation: 0,
    seed: 1,
    callbacks: {
      onBatchEnd: () => {
        steps += 1;
        if (steps === untimed) {
          start = process.cpuUsage();
          wallStart = performance.now();
        } else if (steps === untimed + timed && start) {
          const d = process.cpuUsage(start);
          used = (d.user + d.system) / 1e6;
          wall = (performance.now() - wallStart) / 1e3;
        }
      },
    },
  });
  model.dispose();
  return { cpu: used / timed, wall: wall / timed };
}

/** GFLOP/s of a plain 2-D matMul [512×256]·[256×256] (median CPU time of 9), the backend's best case. */
function matMulRate(): number {
  const a = tf.randomNormal([512, 256]);
  const b = tf.randomNormal([256, 256]);
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = process.cpuUsage();
    tf.tidy(() => tf.matMul(a, b)).dispose();
    const d = process.cpuUsage(start);
    if (i > 0) times.push((d.user + d.system) / 1e6);
  }
  tf.dispose([a, b]);
  const median = times.sort((x, y) => x - y)[times.length >> 1] as number;
  return (2 * 512 * 256 * 256) / median / 1e9;
}

export default async function bench(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
  const { train } = protocolSplit(datasets.coloredPi());
  const before = matMulRate();
  console.log(
    'Training steps of the default recipes on wasm (fit on the built-in colour π, the engine included): kernels ' +
      'per step (counted), matrix-product FLOPs per step, CPU ms per step (mean of 16 after 3 untimed) beside wall ms, ' +
      'achieved GFLOP/s, and that as a share of a plain 2-D matMul in the same run',
  );
  console.log(
    '| model | kernels / step | GFLOP / step | CPU ms / step | wall ms / step | GFLOP/s (CPU) | of matMul rate |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const rows: string[] = [];
  for (const [name, make] of MODELS) {
    const { kernels, flops } = await perStep(make, train);
    const { cpu, wall } = await secondsPerStep(make, train);
    const rate = flops / cpu / 1e9;
    rows.push(
      `${name}|${kernels}|${(flops / 1e9).toFixed(3)}|${(cpu * 1e3).toFixed(1)}|${(wall * 1e3).toFixed(1)}|${rate.toFixed(2)}`,
    );
  }
  const after = matMulRate();
  const reference = (before + after) / 2;
  for (const row of rows) {
    const [name, kernels, gflop, cpu, wall, rate] = row.split('|');
    const share = ((Number(rate) / reference) * 100).toFixed(0);
    console.log(`| ${name} | ${kernels} | ${gflop} | ${cpu} | ${wall} | ${rate} | ${share} % |`);
  }
  console.log(
    `wasm matMul [512×256]·[256×256]: ${before.toFixed(1)} GFLOP/s before, ${after.toFixed(1)} after (CPU time)`,
  );
}
