// `npx tsx bench/compare-trees.ts BEFORE AFTER [--model realnvp|transformer] [--steps 80] [--rounds 6]`: CPU
// per training step of one default recipe from two checkouts of pointgen (e.g. a `git worktree` of the commit
// before, with this checkout's node_modules linked in), in one process, the fits taking turns (ABBA...), so
// that a noisy machine slows both alike. Built-in colour π, wasm; the first 5 steps of each fit are not timed.
// Prints each side's p25 and median and their ratios (after ÷ before). A checkout older than f541ed0 lacks the
// mark that lets two copies share the lean wasm kernels: link this checkout's src/tf/wasm-kernels.ts into it,
// or its products recurse without end.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import type * as Pointgen from '../src/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] as string) : fallback;
};
const trees = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (trees.length !== 2) throw new Error('compare-trees: give two checkouts, BEFORE and AFTER');
const model = option('--model', 'realnvp');
const steps = Number(option('--steps', '80'));
const rounds = Number(option('--rounds', '6'));
const UNTIMED = 5;

await tf.setBackend('wasm');
await tf.ready();
const libs: (typeof Pointgen)[] = await Promise.all(
  trees.map((tree) => import(pathToFileURL(resolve(tree, 'src/index.ts')).href)),
);
const { train } = (libs[0] as typeof Pointgen).protocolSplit(
  (libs[0] as typeof Pointgen).datasets.coloredPi(),
);
const times: number[][] = trees.map(() => []);

for (let round = 0; round < rounds; round++) {
  for (const side of round % 2 === 0 ? [0, 1] : [1, 0]) {
    const lib = libs[side] as typeof Pointgen;
    const generator = model === 'realnvp' ? new lib.RealNVPGenerator() : new lib.MaskedTransformerGenerator();
    let mark = process.cpuUsage();
    let step = 0;
    await generator.fit(train, {
      steps,
      validation: 0,
      seed: 1,
      callbacks: {
        onBatchEnd: () => {
          const used = process.cpuUsage(mark);
          if (++step > UNTIMED) times[side]?.push((used.user + used.system) / 1e3);
          mark = process.cpuUsage();
        },
      },
    });
    generator.dispose();
  }
}

const quantile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(p * (values.length - 1))] as number;
console.log(
  `${model} default, CPU ms per training step (${rounds} fits of ${steps} steps per side, turn about)`,
);
console.log('| checkout | p25 | median |');
console.log('| --- | --- | --- |');
trees.forEach((tree, i) => {
  const t = times[i] as number[];
  console.log(`| ${tree} | ${quantile(t, 0.25).toFixed(1)} | ${quantile(t, 0.5).toFixed(1)} |`);
});
const [before, after] = times as [number[], number[]];
console.log(
  `after ÷ before: p25 ${(quantile(after, 0.25) / quantile(before, 0.25)).toFixed(3)}, ` +
    `median ${(quantile(after, 0.5) / quantile(before, 0.5)).toFixed(3)}`,
);
