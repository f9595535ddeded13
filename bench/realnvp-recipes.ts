// `npx tsx bench/realnvp-recipes.ts [--data DIR] [name ...]`: RealNVP recipes side by side, each fitted on 80%
// of the protocol's train split and scored on the other 20% (seeded), never on the test split: validation NLL
// (nats/point, dequantized, 4 draws) beside the fit's CPU and wall seconds, on wasm. Data: the quiz data from
// DIR (default ../shared/data/pi-quiz from the working directory) when present, else the built-in colour π;
// a DIR given and absent is an error.
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import {
  datasets,
  type FitOptions,
  heldOutNll,
  protocolSplit,
  RealNVPGenerator,
  type RealNVPOptions,
  randomSplit,
} from '../src/index.js';
import { loadPiQuiz } from '../src/node/index.js';

/** A model's options and the fit options that differ from its recipe; every row states its steps. */
const RECIPES: Record<string, [RealNVPOptions, FitOptions]> = {
  'former default: 1120 steps': [{}, { steps: 1120 }],
  '700 steps, lr 4e-3': [{}, { steps: 700, learningRate: 4e-3 }],
  '500 steps, lr 4e-3': [{}, { steps: 500, learningRate: 4e-3 }],
  'batch 512, 560 steps, lr 4e-3': [{}, { steps: 560, batchSize: 512, learningRate: 4e-3 }],
  'hidden 64, 1120 steps': [{ hidden: 64 }, { steps: 1120 }],
  'hidden 64, 800 steps, lr 4e-3': [{ hidden: 64 }, { steps: 800, learningRate: 4e-3 }],
  'hidden 96, 800 steps, lr 4e-3': [{ hidden: 96 }, { steps: 800, learningRate: 4e-3 }],
  'depth 1, 1120 steps': [{ depth: 1 }, { steps: 1120 }],
  '6 couplings, 800 steps, lr 4e-3': [{ couplings: 6 }, { steps: 800, learningRate: 4e-3 }],
};

const args = process.argv.slice(2);
const dataAt = args.indexOf('--data');
const dir = dataAt >= 0 ? (args[dataAt + 1] as string) : '../shared/data/pi-quiz';
if (dataAt >= 0 && !existsSync(dir)) throw new Error(`--data ${dir}: no such folder`);
const names = args.filter((a, i) => !a.startsWith('-') && (dataAt < 0 || i !== dataAt + 1));

await tf.setBackend('wasm');
const quiz = existsSync(dir);
const points = quiz ? await loadPiQuiz(dir) : datasets.coloredPi();
const { train } = protocolSplit(points);
const { train: fitPoints, test: validation } = randomSplit(train, { testFraction: 0.2, seed: 7 });
console.log(
  `${quiz ? `quiz data ${dir}` : 'built-in colour π'}: fit on ${fitPoints.count}, validate on ${validation.count} ` +
    'of the protocol train split (the test split is never read); fit seed 1, wasm',
);
console.log('| recipe | steps | fit CPU s | fit wall s | validation NLL |');
console.log('| --- | --- | --- | --- | --- |');
for (const name of names.length > 0 ? names : Object.keys(RECIPES)) {
  const recipe = RECIPES[name];
  if (!recipe) throw new RangeError(`unknown recipe "${name}" (known: ${Object.keys(RECIPES).join(', ')})`);
  const model = new RealNVPGenerator(recipe[0]);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const history = await model.fit(fitPoints, { seed: 1, ...recipe[1] });
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - wall) / 1e3;
  const nll = await heldOutNll(model, validation, { draws: 4, seed: 0 });
  model.dispose();
  console.log(
    `| ${name} | ${history.steps} | ${((used.user + used.system) / 1e6).toFixed(1)} | ` +
      `${seconds.toFixed(1)} | ${nll.toFixed(3)} |`,
  );
}
