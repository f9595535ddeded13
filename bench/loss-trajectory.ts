// `npx tsx bench/loss-trajectory.ts [transformer|realnvp] [--steps N] [--data DIR]`: the training loss of each
// of the first N steps (default 80) of a default fit, seed 0, on the protocol train split, on wasm, one line
// per step. Run it at two commits and diff the outputs: a change meant to keep behaviour must give identical
// lines; float rounding shows as differences near 1e-7 that training amplifies over the steps.
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import {
  datasets,
  type Generator,
  MaskedTransformerGenerator,
  protocolSplit,
  RealNVPGenerator,
} from '../src/index.js';
import { loadPiQuiz } from '../src/node/index.js';

const MODELS: Record<string, () => Generator> = {
  transformer: () => new MaskedTransformerGenerator(),
  realnvp: () => new RealNVPGenerator(),
};

const args = process.argv.slice(2);
const option = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const name = args.find((a, i) => !a.startsWith('-') && !args[i - 1]?.startsWith('--')) ?? 'transformer';
const make = MODELS[name];
if (!make) throw new RangeError(`unknown model ${name} (known: ${Object.keys(MODELS).join(', ')})`);
const steps = Number(option('--steps') ?? 80);
const dir = option('--data') ?? '../shared/data/pi-quiz';
if (option('--data') !== undefined && !existsSync(dir)) throw new Error(`--data ${dir}: no such folder`);

await tf.setBackend('wasm');
const { train } = protocolSplit(existsSync(dir) ? await loadPiQuiz(dir) : datasets.coloredPi());
const model = make();
await model.fit(train, {
  steps,
  seed: 0,
  callbacks: { onBatchEnd: ({ steps: done, loss }) => console.log(`${done} ${loss}`) },
});
model.dispose();
