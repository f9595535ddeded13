import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { datasets, protocolSplit, RealNVPGenerator, type RealNVPOptions } from '../src/index.js';
import { trainingStepsPerSecond } from './util.js';

/** Seconds of training measured per configuration and backend (after warm-up steps). */
const BUDGET_SECONDS = { cpu: 4, wasm: 4 } as const;

const CONFIGS: [string, RealNVPOptions][] = [
  ['original recipe (6 affine × 256, batch 64)', { preset: 'original' }],
  ['default (8 spline × 128, batch 256)', {}],
  ['default with affine couplings', { transform: 'affine' }],
];

/**
 * Multiply-accumulates per point of one forward pass through the coupling networks' dense layers, read from the
 * model's own weight shapes. A training step costs about three times that (forward, and two products backward),
 * i.e. 6 FLOPs per MAC.
 */
async function denseMacsPerPoint(model: RealNVPGenerator): Promise<number> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return (saved?.weightSpecs ?? [])
    .filter((s) => s.name.endsWith('/kernel'))
    .reduce((sum, s) => sum + (s.shape[0] as number) * (s.shape[1] as number), 0);
}

async function measure(backend: 'cpu' | 'wasm', options: RealNVPOptions) {
  await tf.setBackend(backend);
  await tf.ready();
  const { train } = protocolSplit(datasets.coloredPi());
  const model = new RealNVPGenerator(options);
  const { batchSize } = model.getConfig().training;
  const macs = await denseMacsPerPoint(model);
  const stepsPerSecond = await trainingStepsPerSecond(model, train, { seconds: BUDGET_SECONDS[backend] });
  model.dispose();
  return {
    stepsPerSecond,
    pointsPerSecond: stepsPerSecond * batchSize,
    gflops: (6 * macs * batchSize * stepsPerSecond) / 1e9,
    batchSize,
  };
}

export default async function bench(): Promise<void> {
  console.log(
    'RealNVP training throughput (fit on the built-in colour π, the engine included; dense-layer FLOPs)',
  );
  console.log('| config | backend | batch | steps/s | points/s | GFLOP/s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, options] of CONFIGS) {
    for (const backend of ['cpu', 'wasm'] as const) {
      const r = await measure(backend, options);
      console.log(
        `| ${name} | ${backend} | ${r.batchSize} | ${r.stepsPerSecond.toFixed(1)} | ` +
          `${r.pointsPerSecond.toFixed(0)} | ${r.gflops.toFixed(2)} |`,
      );
    }
  }
}
