// `npm run bench -- host-copies`: for both default recipes on wasm, what one training step copies between the
// backend and JavaScript (values read back, arrays written in: calls and megabytes, counted on the backend)
// and the full (mark-compact) collections it runs. Every copy is garbage, and on wasm the collector ran a
// full collection for about every transformer step of copies (docs/recipes.md, "Host values in place").
import { constants, PerformanceObserver } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { datasets, protocolSplit } from '../src/index.js';
import { MODELS } from './training.bench.js';

const COUNTED_STEPS = 20;
const UNCOUNTED_STEPS = 5;

/** Counts, while `counting()` says so, the backend's read-backs and writes of values and the full collections. */
function instrument(counting: () => boolean) {
  const totals = { reads: 0, readBytes: 0, writes: 0, writeBytes: 0, fullCollections: 0 };
  const backend = tf.backend() as unknown as {
    readSync(dataId: tf.DataId): tf.TypedArray;
    write(values: tf.TypedArray | null, shape: number[], dtype: tf.DataType): tf.DataId;
  };
  const read = backend.readSync.bind(backend);
  const write = backend.write.bind(backend);
  backend.readSync = (dataId) => {
    const values = read(dataId);
    if (counting()) {
      totals.reads += 1;
      totals.readBytes += values.byteLength;
    }
    return values;
  };
  backend.write = (values, shape, dtype) => {
    if (values && counting()) {
      totals.writes += 1;
      totals.writeBytes += values.byteLength;
    }
    return write(values, shape, dtype);
  };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR && counting()) totals.fullCollections += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const restore = () => {
    backend.readSync = read;
    backend.write = write;
    observer.disconnect();
  };
  return { totals, restore };
}

export default async function bench(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
  const { train } = protocolSplit(datasets.coloredPi());
  console.log(
    `Copies between wasm and JavaScript per training step of the default recipes (mean of ${COUNTED_STEPS} steps after ` +
      `${UNCOUNTED_STEPS}), and full collections per step`,
  );
  console.log('| model | reads / step | MB read | writes / step | MB written | full collections / step |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, make] of MODELS) {
    let steps = 0;
    const { totals, restore } = instrument(() => steps >= UNCOUNTED_STEPS);
    const model = make();
    try {
      await model.fit(train, {
        steps: UNCOUNTED_STEPS + COUNTED_STEPS,
        validation: 0,
        seed: 1,
        callbacks: {
          onBatchEnd: () => {
            steps += 1;
          },
        },
      });
      // Collections are reported after the fact: let the last ones arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      restore();
      model.dispose();
    }
    const per = (x: number, digits: number) => (x / COUNTED_STEPS).toFixed(digits);
    console.log(
      `| ${name} | ${per(totals.reads, 1)} | ${per(totals.readBytes / 1e6, 2)} | ${per(totals.writes, 1)} | ` +
        `${per(totals.writeBytes / 1e6, 2)} | ${per(totals.fullCollections, 2)} |`,
    );
  }
}
