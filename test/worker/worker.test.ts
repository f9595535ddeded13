// The worker protocol end to end over a MessageChannel (the same postMessage/structured-clone path as a Web
// Worker, in one thread): epochs and previews stream back, a stop still returns a usable model, errors keep
// their name. The browser test (scripts/test-browser.mjs) runs it in a real module worker.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasets, loadGenerator, type RealNVPConfig, RealNVPGenerator } from '../../src/index.js';
import { type MessageTarget, serveTraining, trainInWorker } from '../../src/worker/index.js';

let channel: MessageChannel;
let page: MessageTarget;

beforeAll(async () => {
  await tf.setBackend('cpu');
  channel = new MessageChannel();
  serveTraining<Partial<RealNVPConfig>>(
    { create: (config) => new RealNVPGenerator({ couplings: 2, hidden: 16, depth: 1, ...config }) },
    channel.port1 as unknown as MessageTarget,
  );
  page = channel.port2 as unknown as MessageTarget;
  channel.port2.start();
});

afterAll(() => {
  channel.port1.close();
  channel.port2.close();
});

const data = datasets.coloredPi({ count: 300, seed: 1 });

describe('trainInWorker / serveTraining', () => {
  it('streams every epoch with previews, then returns the history and weights that load and sample', async () => {
    const seen: { epoch: number; preview: number | undefined }[] = [];
    const result = await trainInWorker(
      page,
      {
        model: { seed: 3 },
        data,
        fit: { epochs: 3, batchSize: 100, seed: 1 },
        preview: { count: 50, every: 2 },
      },
      { onEpoch: (record, preview) => seen.push({ epoch: record.epoch, preview: preview?.count }) },
    );
    expect(seen).toEqual([
      { epoch: 1, preview: undefined },
      { epoch: 2, preview: 50 },
      { epoch: 3, preview: undefined },
    ]);
    expect(result.type).toBe('realnvp');
    expect(result.history.epochs).toHaveLength(3);
    expect(result.history.stoppedBy).toBe('epochs');
    const model = await loadGenerator(tf.io.fromMemory(result.artifacts));
    const points = await model.sample(20, { seed: 1 });
    expect(points.count).toBe(20);
    expect(points.data.every(Number.isFinite)).toBe(true);
    model.dispose();
  });

  it('stops when the signal aborts, and still returns the model trained so far', async () => {
    const controller = new AbortController();
    const result = await trainInWorker(
      page,
      { model: {}, data, fit: { epochs: 200, batchSize: 100 } },
      { signal: controller.signal, onEpoch: (record) => record.epoch === 2 && controller.abort() },
    );
    expect(result.history.stoppedBy).toBe('aborted');
    expect(result.history.epochs.length).toBeLessThan(200);
    expect(result.artifacts.weightData).toBeInstanceOf(ArrayBuffer);
  });

  it("rejects with the worker's error, name and message kept", async () => {
    const failed = trainInWorker(page, { model: { couplings: -1 }, data, fit: { epochs: 1 } });
    await expect(failed).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringMatching(/couplings/),
    });
  });
});
