// npm run example:quickstart: train a RealNVP flow on the built-in colour π, sample it, score the samples.
//
// In your own project the two imports below read `from 'pointgen'` and `from 'pointgen/metrics'`. This example
// imports the sources instead, so that it runs in a fresh clone after `npm ci`, without `npm run build`.
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { datasets, protocolSplit, RealNVPGenerator } from '../src/index.js';
import { type EvaluationReport, evaluate, formatReport } from '../src/metrics/index.js';

/**
 * The quickstart: 10 epochs take well under a minute on the wasm backend; leave `epochs` out of `fit` for the
 * full recipe (700 steps). `samples` is how many points are drawn and scored.
 */
export async function main({ epochs = 10, samples = 4000 } = {}): Promise<EvaluationReport> {
  await tf.setBackend('wasm');
  const { train, test } = protocolSplit(datasets.coloredPi()); // 4000 training, 1000 test points
  const model = new RealNVPGenerator();
  await model.fit(train, {
    epochs,
    seed: 1,
    callbacks: { onEpochEnd: (e) => console.log(`epoch ${e.epoch}: loss ${e.loss.toFixed(3)}`) },
  });
  const generated = await model.sample(samples, { seed: 1 });
  const report = evaluate(generated, { train, test });
  console.log(formatReport(report));
  model.dispose();
  return report;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
