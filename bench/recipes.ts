// `npx tsx bench/recipes.ts [--data DIR] [name ...]`: candidate training recipes side by side, each scored on a
// validation split carved from the training points (20% of the protocol's train split, seeded), never on the
// test split: validation NLL (nats/point, dequantized, 4 draws) beside fit CPU and wall seconds, on wasm.
// Data: the quiz data from DIR (default ../shared/data/pi-quiz, as seen from the main checkout) when present, else the built-in colour π;
// a DIR given and absent is an error.
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import {
  datasets,
  type FitOptions,
  type Generator,
  heldOutNll,
  MaskedTransformerGenerator,
  type MaskedTransformerOptions,
  protocolSplit,
  RealNVPGenerator,
  type RealNVPOptions,
  randomSplit,
} from '../src/index.js';
import { loadPiQuiz } from '../src/node/index.js';

interface Recipe {
  readonly make: () => Generator;
  readonly fit?: FitOptions;
}

const transformer = (options: MaskedTransformerOptions, fit?: FitOptions): Recipe => ({
  make: () => new MaskedTransformerGenerator(options),
  ...(fit ? { fit } : {}),
});
const realnvp = (options: RealNVPOptions, fit?: FitOptions): Recipe => ({
  make: () => new RealNVPGenerator(options),
  ...(fit ? { fit } : {}),
});

const RECIPES: Record<string, Recipe> = {
  'transformer-default': transformer({}),
  'transformer-400-steps': transformer({}, { steps: 400, learningRate: 4e-3, warmupSteps: 50 }),
  'transformer-2-members-700': transformer({ members: 2 }, { steps: 700 }),
  'transformer-ff2-600': transformer({ mlpRatio: 2 }, { steps: 600 }),
  'transformer 3 members, 700 steps': transformer({ members: 3 }, { steps: 700 }),
  'transformer 500 steps, lr 4e-3': transformer({}, { steps: 500, learningRate: 4e-3, warmupSteps: 50 }),
  'transformer 600 steps, lr 4e-3': transformer({}, { steps: 600, learningRate: 4e-3, warmupSteps: 50 }),
  'transformer ff 2×, 3 members, 700 steps': transformer({ members: 3, mlpRatio: 2 }, { steps: 700 }),
  'transformer ff 2×, 600 steps, lr 4e-3': transformer(
    { mlpRatio: 2 },
    { steps: 600, learningRate: 4e-3, warmupSteps: 50 },
  ),
  'transformer ff 2×, 3 members, 600 steps, lr 4e-3': transformer(
    { members: 3, mlpRatio: 2 },
    { steps: 600, learningRate: 4e-3, warmupSteps: 50 },
  ),
  'transformer-batch256-400': transformer(
    {},
    { steps: 400, batchSize: 256, learningRate: 4e-3, warmupSteps: 50 },
  ),
  'realnvp-default': realnvp({}),
  'realnvp-400-steps': realnvp({}, { steps: 400, learningRate: 4e-3 }),
  'realnvp-batch512-400': realnvp({}, { steps: 400, batchSize: 512, learningRate: 4e-3 }),
  'realnvp former default: 1120 steps': realnvp({}, { steps: 1120 }),
  'realnvp 700 steps, lr 4e-3': realnvp({}, { steps: 700, learningRate: 4e-3 }),
  'realnvp 500 steps, lr 4e-3': realnvp({}, { steps: 500, learningRate: 4e-3 }),
  'realnvp batch 512, 560 steps, lr 4e-3': realnvp({}, { steps: 560, batchSize: 512, learningRate: 4e-3 }),
  'realnvp hidden 64, 1120 steps': realnvp({ hidden: 64 }, { steps: 1120 }),
  'realnvp hidden 64, 800 steps, lr 4e-3': realnvp({ hidden: 64 }, { steps: 800, learningRate: 4e-3 }),
  'realnvp hidden 96, 800 steps, lr 4e-3': realnvp({ hidden: 96 }, { steps: 800, learningRate: 4e-3 }),
  'realnvp depth 1, 1120 steps': realnvp({ depth: 1 }, { steps: 1120 }),
  'realnvp 600 steps, lr 4e-3': realnvp({}, { steps: 600, learningRate: 4e-3 }),
  'realnvp 800 steps, lr 4e-3': realnvp({}, { steps: 800, learningRate: 4e-3 }),
  'realnvp 700 steps, lr 5e-3': realnvp({}, { steps: 700, learningRate: 5e-3 }),
  'realnvp hidden 64, 700 steps, lr 4e-3': realnvp({ hidden: 64 }, { steps: 700, learningRate: 4e-3 }),
  'realnvp hidden 64, 500 steps, lr 4e-3': realnvp({ hidden: 64 }, { steps: 500, learningRate: 4e-3 }),
  'realnvp hidden 64, 500 steps, lr 5e-3': realnvp({ hidden: 64 }, { steps: 500, learningRate: 5e-3 }),
  'realnvp hidden 96, 500 steps, lr 4e-3': realnvp({ hidden: 96 }, { steps: 500, learningRate: 4e-3 }),
  'realnvp 6 couplings, 800 steps, lr 4e-3': realnvp({ couplings: 6 }, { steps: 800, learningRate: 4e-3 }),
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
    'of the protocol train split (the test split is never read)',
);
console.log('| recipe | steps | fit CPU s | fit wall s | validation NLL |');
console.log('| --- | --- | --- | --- | --- |');
for (const name of names.length > 0 ? names : Object.keys(RECIPES)) {
  const recipe = RECIPES[name];
  if (!recipe) throw new RangeError(`unknown recipe ${name} (known: ${Object.keys(RECIPES).join(', ')})`);
  const model = recipe.make();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const history = await model.fit(fitPoints, { seed: 1, ...recipe.fit });
  const used = process.cpuUsage(cpu);
  const nll = await heldOutNll(model, validation, { draws: 4, seed: 0 });
  model.dispose();
  console.log(
    `| ${name} | ${history.steps} | ${((used.user + used.system) / 1e6).toFixed(1)} | ` +
      `${((performance.now() - wall) / 1e3).toFixed(1)} | ${nll.toFixed(3)} |`,
  );
}
