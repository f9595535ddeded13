// npm run reproduce -- --model realnvp|transformer [--data DIR] [--out DIR] [--preset original] [--backend wasm|cpu]
//                      [--epochs N] [--seed S]
//
// Trains one generator on the protocol's train split (../shared/docs/PROTOCOL.md) of the quiz data (--data) or of
// the built-in colour π, then writes OUT/<model>/samples.csv (5000 fresh samples), OUT/<model>/model/ (the saved
// model) and OUT/<model>/report.json, and prints a table.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import {
  datasets,
  type EpochRecord,
  type Generator,
  heldOutNll,
  MaskedTransformerGenerator,
  type MaskedTransformerPreset,
  type Points,
  protocolSplit,
  RealNVPGenerator,
  type RealNVPPreset,
} from '../src/index.js';
import { evaluate, formatReport } from '../src/metrics/index.js';
import { loadPiQuiz, writePoints } from '../src/node/index.js';
import { colourise } from './colourise.js';

/** The NLL of the original PyTorch recipe: reaching it is "seed quality". */
const SEED_QUALITY_NLL = -7.19;

/** How each model is built; a new model adds one line. */
const MODELS: Record<string, (preset: string | undefined) => Generator> = {
  realnvp: (preset) => new RealNVPGenerator(preset ? { preset: preset as RealNVPPreset } : {}),
  transformer: (preset) =>
    new MaskedTransformerGenerator(preset ? { preset: preset as MaskedTransformerPreset } : {}),
};

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'realnvp' },
    data: { type: 'string' },
    out: { type: 'string', default: 'out' },
    preset: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    epochs: { type: 'string' },
    seed: { type: 'string', default: '0' },
  },
});

const make = MODELS[values.model as string];
if (!make) {
  console.error(`--model: expected one of ${Object.keys(MODELS).join(', ')}, got ${values.model}`);
  process.exit(2);
}
await tf.setBackend(values.backend as string);
await tf.ready();
const seed = Number(values.seed);

const all: Points = values.data ? await loadPiQuiz(values.data) : datasets.coloredPi();
const { train, test } = protocolSplit(all);
const model = make(values.preset);
const outDir = join(values.out as string, values.model as string);

const curve: { epoch: number; seconds: number; cpuSeconds: number; testNll: number }[] = [];
let secondsToSeedQuality: number | null = null;
let cpuSecondsToSeedQuality: number | null = null;
// Wall-clock seconds depend on whatever else the machine runs; this process's CPU seconds (callbacks excluded)
// much less so: on an otherwise idle machine the two agree (the backends compute on one thread).
const cpuStart = process.cpuUsage();
let callbackCpu = 0;
const cpuSeconds = () => {
  const used = process.cpuUsage(cpuStart);
  return (used.user + used.system) / 1e6 - callbackCpu;
};
console.log(
  `${values.model}${values.preset ? ` (${values.preset})` : ''} on ${values.data ?? 'the built-in colour π'}: ` +
    `${train.count} train / ${test.count} test points, backend ${tf.getBackend()}`,
);
const history = await model.fit(train, {
  seed,
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  callbacks: {
    // Scoring the test split each epoch only times the curve; `seconds` excludes it, and nothing is trained on it.
    onEpochEnd: async (r: EpochRecord) => {
      const cpu = cpuSeconds();
      const entered = process.cpuUsage();
      const testNll = await heldOutNll(model, test, { draws: 2, seed: 1 });
      curve.push({ epoch: r.epoch, seconds: r.seconds, cpuSeconds: cpu, testNll });
      if (secondsToSeedQuality === null && testNll <= SEED_QUALITY_NLL) {
        secondsToSeedQuality = r.seconds;
        cpuSecondsToSeedQuality = cpu;
      }
      if (r.epoch % 10 === 0 || r.epoch === 1) {
        console.log(
          `  epoch ${r.epoch}: ${r.seconds.toFixed(1)} s, loss ${r.loss.toFixed(3)}, ` +
            `val ${r.valNll.toFixed(3)}, test ${testNll.toFixed(3)}`,
        );
      }
      const spent = process.cpuUsage(entered);
      callbackCpu += (spent.user + spent.system) / 1e6;
    },
  },
});
const fitCpuSeconds = cpuSeconds();
const testNll = await heldOutNll(model, test, { draws: 10, seed: 0 });
const samples = await model.sample(5000, { seed: seed + 1 });
const evaluated = await model.sample(train.count, { seed: seed + 2 });
const evaluation = evaluate(evaluated, { train, test, seed });
// A conditional sampler also colours the test positions, beside a 5-nearest-neighbour baseline.
const colours =
  model instanceof MaskedTransformerGenerator ? await colourise(model, train, test, seed + 3) : null;

await mkdir(outDir, { recursive: true });
await writePoints(join(outDir, 'samples.csv'), samples);
await model.save(join(outDir, 'model'));
const report = {
  model: values.model,
  preset: values.preset ?? 'default',
  data: values.data ?? 'datasets.coloredPi()',
  backend: tf.getBackend(),
  testNll,
  fitSeconds: history.seconds,
  fitCpuSeconds,
  secondsToSeedQuality,
  cpuSecondsToSeedQuality,
  seedQualityNll: SEED_QUALITY_NLL,
  epochs: history.epochs.length,
  bestEpoch: history.bestEpoch,
  stoppedBy: history.stoppedBy,
  config: model.getConfig(),
  curve,
  evaluation,
  ...(colours ? { colourise: colours } : {}),
};
await writeFile(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

const fmt = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '–' : v.toFixed(digits);
console.log(`\n${formatReport(evaluation)}\n`);
console.log(
  '| model | fit s (CPU s) | to −7.19 s (CPU s) | test NLL | MMD ratio | W1 x / y ratio | C2ST | DCR ratio |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
console.log(
  `| ${values.model}${values.preset ? ` (${values.preset})` : ''} | ` +
    `${fmt(history.seconds, 1)} (${fmt(fitCpuSeconds, 1)}) | ` +
    `${fmt(secondsToSeedQuality, 1)} (${fmt(cpuSecondsToSeedQuality, 1)}) | ` +
    `${fmt(testNll, 3)} | ${fmt(evaluation.mmd.ratio)} | ` +
    `${fmt(evaluation.w1.x?.ratio)} / ${fmt(evaluation.w1.y?.ratio)} | ${fmt(evaluation.c2st.value, 3)} | ` +
    `${fmt(evaluation.memorization.dcrRatio)} |`,
);
if (colours) {
  const mae = (v: number[]) => v.map((e) => e.toFixed(4)).join(' / ');
  console.log(
    `\ncolourising the ${test.count} test positions, mean |error| r / g / b: one draw ${mae(colours.sampleMae)}, ` +
      `median of ${colours.draws} draws ${mae(colours.medianMae)}, their mean ${mae(colours.meanMae)}, ` +
      `5-NN baseline (mean colour) ${mae(colours.knnMae)}`,
  );
}
console.log(
  `\nwrote ${join(outDir, 'samples.csv')}, ${join(outDir, 'model')}/, ${join(outDir, 'report.json')}`,
);
model.dispose();
