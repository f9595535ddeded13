// `npx tsx bench/recipes.ts [--data DIR] [--folds K] [--same-epochs] [name ...]`: candidate training recipes side by
// side, each scored on validation splits carved from the training points (20% of the protocol's train split,
// seeds 7, 8, …, one per fold; the test split is never read): validation NLL (nats/point, dequantized, 4 draws)
// per fold and their mean, beside fit CPU and wall seconds (summed over folds), on wasm. A recipe that names its
// `steps` is not capped by epochs, so it runs on 80% of the points the steps it runs on the whole train split;
// with `--same-epochs` its steps and warm-up are scaled by 4/5 instead, so that it makes as many passes over
// its points as the final fit on the whole train split does (the flows overfit by passes, not by steps).
// Data: the quiz data from DIR (default ../shared/data/pi-quiz, as seen from the main checkout) when present,
// else the built-in colour π; a DIR given and absent is an error.
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
  'transformer default, 1050 steps': transformer({}, { steps: 1050 }),
  'transformer 3 members, 1050 steps': transformer({ members: 3 }, { steps: 1050 }),
  'transformer 2 members, 1050 steps': transformer({ members: 2 }, { steps: 1050 }),
  'transformer ff 2×, 1050 steps': transformer({ mlpRatio: 2 }, { steps: 1050 }),
  'transformer 700 steps, lr 4e-3': transformer({}, { steps: 700, learningRate: 4e-3, warmupSteps: 70 }),
  'transformer 3 members, 700 steps, lr 4e-3': transformer(
    { members: 3 },
    { steps: 700, learningRate: 4e-3, warmupSteps: 70 },
  ),
  'transformer ff 2×, 700 steps, lr 4e-3': transformer(
    { mlpRatio: 2 },
    { steps: 700, learningRate: 4e-3, warmupSteps: 70 },
  ),
  'transformer 500 steps, lr 5e-3': transformer({}, { steps: 500, learningRate: 5e-3, warmupSteps: 50 }),
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
  'realnvp batch 512, 350 steps, lr 6e-3': realnvp(
    {},
    { steps: 350, batchSize: 512, learningRate: 6e-3, warmupSteps: 10 },
  ),
  'realnvp batch 512, 400 steps, lr 5e-3': realnvp(
    {},
    { steps: 400, batchSize: 512, learningRate: 5e-3, warmupSteps: 10 },
  ),
  'realnvp batch 1024, 250 steps, lr 8e-3': realnvp(
    {},
    { steps: 250, batchSize: 1024, learningRate: 8e-3, warmupSteps: 10 },
  ),
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
  'realnvp 6 couplings, 700 steps, lr 4e-3': realnvp({ couplings: 6 }, { steps: 700, learningRate: 4e-3 }),
  'realnvp hidden 96, 700 steps, lr 4e-3': realnvp({ hidden: 96 }, { steps: 700, learningRate: 4e-3 }),
};

const args = process.argv.slice(2);
const flagValue = (flag: string): string | undefined => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const dir = flagValue('--data') ?? '../shared/data/pi-quiz';
if (flagValue('--data') !== undefined && !existsSync(dir)) throw new Error(`--data ${dir}: no such folder`);
const folds = Number(flagValue('--folds') ?? 1);
if (!Number.isInteger(folds) || folds < 1) throw new RangeError(`--folds must be a positive integer`);
const sameEpochs = args.includes('--same-epochs');
const names = args.filter(
  (a, i) => !a.startsWith('-') && args[i - 1] !== '--data' && args[i - 1] !== '--folds',
);

await tf.setBackend('wasm');
const quiz = existsSync(dir);
const points = quiz ? await loadPiQuiz(dir) : datasets.coloredPi();
const { train } = protocolSplit(points);
const splits = Array.from({ length: folds }, (_, k) =>
  randomSplit(train, { testFraction: 0.2, seed: 7 + k }),
);
const first = splits[0] as (typeof splits)[number];
console.log(
  `${quiz ? `quiz data ${dir}` : 'built-in colour π'}: fit on ${first.train.count}, validate on ` +
    `${first.test.count} of the protocol train split, ${folds} fold(s) (the test split is never read)` +
    (sameEpochs ? `; steps scaled by ${first.train.count}/${train.count}` : ''),
);
/** The recipe's steps and warm-up at `--same-epochs`: scaled by the share of the train split a fold fits on. */
function scaled(model: Generator, fit: FitOptions | undefined): FitOptions {
  if (!sameEpochs) return {};
  const { training } = model.getConfig() as { training: { steps?: number; warmupSteps: number } };
  const share = first.train.count / train.count;
  const steps = fit?.steps ?? training.steps;
  if (steps === undefined) throw new RangeError('--same-epochs needs recipes with a step budget');
  return {
    steps: Math.round(steps * share),
    warmupSteps: Math.round((fit?.warmupSteps ?? training.warmupSteps) * share),
  };
}
const foldColumns = splits.map((_, k) => ` fold ${k + 1} |`).join('');
console.log(`| recipe | steps | fit CPU s | fit wall s |${foldColumns} validation NLL |`);
console.log(`| --- | --- | --- | --- |${' --- |'.repeat(folds)} --- |`);
for (const name of names.length > 0 ? names : Object.keys(RECIPES)) {
  const recipe = RECIPES[name];
  if (!recipe) throw new RangeError(`unknown recipe ${name} (known: ${Object.keys(RECIPES).join(', ')})`);
  const nlls: number[] = [];
  let steps = 0;
  let cpuSeconds = 0;
  let wallSeconds = 0;
  for (const split of splits) {
    const model = recipe.make();
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const history = await model.fit(split.train, { seed: 1, ...recipe.fit, ...scaled(model, recipe.fit) });
    const used = process.cpuUsage(cpu);
    cpuSeconds += (used.user + used.system) / 1e6;
    wallSeconds += (performance.now() - wall) / 1e3;
    steps = history.steps;
    nlls.push(await heldOutNll(model, split.test, { draws: 4, seed: 0 }));
    model.dispose();
  }
  const mean = nlls.reduce((a, b) => a + b, 0) / nlls.length;
  console.log(
    `| ${name} | ${steps} | ${cpuSeconds.toFixed(1)} | ${wallSeconds.toFixed(1)} |` +
      `${nlls.map((v) => ` ${v.toFixed(3)} |`).join('')} ${mean.toFixed(3)} |`,
  );
}
