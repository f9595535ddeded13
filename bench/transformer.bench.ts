import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import {
  datasets,
  MaskedTransformerGenerator,
  type MaskedTransformerOptions,
  protocolSplit,
} from '../src/index.js';
import { column } from '../src/metrics/validate.js';
import { medianSeconds, trainingStepsPerSecond } from './util.js';

/** Seconds of training measured per configuration and backend (after warm-up steps). */
const BUDGET_SECONDS = { cpu: 4, wasm: 4 } as const;
const SAMPLES = 10_000;

const CONFIGS: [string, MaskedTransformerOptions][] = [
  ['default (4 members of 64 × 2 layers, feed-forward 4×)', {}],
  ['one member', { members: 1 }],
  ['original sizes (one of 128 × 4 layers)', { preset: 'original' }],
];

async function trainingThroughput(backend: 'cpu' | 'wasm', options: MaskedTransformerOptions) {
  const { train } = protocolSplit(datasets.coloredPi());
  const model = new MaskedTransformerGenerator(options);
  const { batchSize } = model.getConfig().training;
  const stepsPerSecond = await trainingStepsPerSecond(model, train, { seconds: BUDGET_SECONDS[backend] });
  const sampleSeconds = await medianSeconds(() => model.sample(SAMPLES, { seed: 1 }), 3);
  const points = await model.sample(SAMPLES, { seed: 2, continuous: true });
  const positions = { x: column(points, 0), y: column(points, 1) };
  const givenSeconds = await medianSeconds(() => model.sample(SAMPLES, { seed: 3, given: positions }), 3);
  const logProbSeconds = await medianSeconds(() => model.logProb(points), 3);
  model.dispose();
  return {
    batchSize,
    stepsPerSecond,
    pointsPerSecond: stepsPerSecond * batchSize,
    sampleSeconds,
    givenSeconds,
    logProbSeconds,
  };
}

export default async function bench(): Promise<void> {
  console.log(
    `MaskedTransformer: training throughput (fit on the built-in colour π, engine included), time to draw and to ` +
      `score ${SAMPLES} points, and to colour ${SAMPLES} given positions (median of 3)`,
  );
  console.log(
    '| config | backend | batch | steps/s | points/s | epoch of 4000 s | sample 10k s | sample 10k given x, y s | logProb 10k s |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [name, options] of CONFIGS) {
    for (const backend of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backend);
      await tf.ready();
      const r = await trainingThroughput(backend, options);
      console.log(
        `| ${name} | ${backend} | ${r.batchSize} | ${r.stepsPerSecond.toFixed(1)} | ${r.pointsPerSecond.toFixed(0)} | ` +
          `${(4000 / r.pointsPerSecond).toFixed(2)} | ${r.sampleSeconds.toFixed(2)} | ${r.givenSeconds.toFixed(2)} | ` +
          `${r.logProbSeconds.toFixed(2)} |`,
      );
    }
  }
}
