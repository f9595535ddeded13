// One timed RealNVP fit on the wasm backend, as the demo loads it (its backends module, built with its Vite
// config): on the page (main.js) or in a module worker (fit.worker.js), as the demo trains.
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { datasets, RealNVPGenerator } from 'pointgen';
import { setUpBackends } from '../../examples/browser/src/backends';

/**
 * Fits `new RealNVPGenerator({ seed })` to `count` points of the π for `steps` steps. `threads` 0 keeps tfjs's
 * own thread count; it can only be set before the backend starts, so each run is a fresh page or worker.
 * `reportCores` makes `navigator.hardwareConcurrency` say so before tfjs reads it (tfjs takes at most half).
 * Returns the wall seconds per step after the first `warmup` steps (which include the kernels' first runs).
 */
export async function fitOnce({ threads, steps, count, seed, warmup, reportCores }) {
  if (reportCores) {
    Object.defineProperty(Object.getPrototypeOf(navigator), 'hardwareConcurrency', {
      get: () => reportCores,
    });
  }
  setUpBackends();
  if (threads > 0) setThreadsCount(threads);
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
  await tf.ready();
  const points = datasets.coloredPi({ count, seed });
  const model = new RealNVPGenerator({ seed });
  const ends = [];
  const start = performance.now();
  await model.fit(points, { steps, callbacks: { onBatchEnd: () => ends.push(performance.now()) } });
  const seconds = (performance.now() - start) / 1000;
  model.dispose();
  if (ends.length !== steps) throw new Error(`expected ${steps} steps, the fit took ${ends.length}`);
  return {
    isolated: self.crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
    threads: getThreadsCount(),
    seconds,
    secondsPerStep: (ends[steps - 1] - ends[warmup - 1]) / (steps - warmup) / 1000,
  };
}
