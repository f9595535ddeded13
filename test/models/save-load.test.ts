import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormatError } from '../../src/errors.js';
import { loadGenerator } from '../../src/models/load-generator.js';
import { RealNVPGenerator } from '../../src/models/realnvp/realnvp-generator.js';
import { BACKENDS, tensorsCreated, useBackend } from '../backends.js';
import { artifactsOf, latticePoints } from './fixtures.js';

const TINY = { couplings: 3, hidden: 8, depth: 1, transform: 'affine', mixing: 'rotation' } as const;
const dir = mkdtempSync(join(tmpdir(), 'pointgen-realnvp-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each(BACKENDS)('save and load on %s', (backend) => {
  useBackend(backend);

  it.each(['affine', 'spline'] as const)(
    'round-trips (%s) through a folder of model.json and weights.bin, ActNorm state kept',
    async (transform) => {
      const data = latticePoints(300);
      const model = new RealNVPGenerator({ ...TINY, seed: 5, transform });
      await model.fit(data, { epochs: 2, batchSize: 100, seed: 1 });
      const path = join(dir, `model-${backend}-${transform}`);
      await model.save(path);
      expect(readdirSync(path).sort()).toEqual(['model.json', 'weights.bin']);
      const loaded = await RealNVPGenerator.load(`file://${path}`);
      expect(await loaded.logProb(data)).toEqual(await model.logProb(data));
      // A loaded model goes on training without re-initialising ActNorm (which would move its weights).
      const logpBefore = await loaded.logProb(data);
      await loaded.fit(data, { epochs: 1, learningRate: 1e-12, warmupSteps: 0, seed: 1 });
      const logpAfter = await loaded.logProb(data);
      logpAfter.forEach((v, i) => {
        expect(v).toBeCloseTo(logpBefore[i] as number, 3);
      });
      loaded.dispose();
      model.dispose();
    },
  );
});

describe('model files that are rejected before any tensor is made', () => {
  let good: tf.io.ModelArtifacts;

  useBackend('cpu');
  beforeAll(async () => {
    const model = new RealNVPGenerator({ ...TINY, seed: 5 });
    good = await artifactsOf(model);
    model.dispose();
  });

  type Topology = { format: string; formatVersion: number; type: string; config: Record<string, unknown> };
  // Changed weights without a checksum (a file saved before it existed) reach the deeper checks.
  const unchecked = (a: tf.io.ModelArtifacts, values: Float32Array): tf.io.ModelArtifacts => ({
    ...a,
    modelTopology: { ...(a.modelTopology as Topology), weightsCrc32: undefined },
    weightData: values.buffer as ArrayBuffer,
  });
  const variants: [string, (a: tf.io.ModelArtifacts) => tf.io.ModelArtifacts, RegExp][] = [
    ['no topology', (a) => ({ ...a, modelTopology: undefined }), /no model topology/],
    ['a foreign topology', (a) => ({ ...a, modelTopology: { class_name: 'Sequential' } }), /format/],
    [
      'a missing config',
      (a) => ({ ...a, modelTopology: { ...(a.modelTopology as Topology), config: undefined } }),
      /config/,
    ],
    [
      'a config without couplings',
      (a) => {
        const top = a.modelTopology as Topology;
        const { couplings: _, ...config } = top.config;
        return { ...a, modelTopology: { ...top, config } };
      },
      /config\.couplings is missing/,
    ],
    [
      'a config with a bad value',
      (a) => {
        const top = a.modelTopology as Topology;
        return { ...a, modelTopology: { ...top, config: { ...top.config, hidden: -4 } } };
      },
      /config\.hidden/,
    ],
    [
      'a config that does not match the weights',
      (a) => {
        const top = a.modelTopology as Topology;
        return { ...a, modelTopology: { ...top, config: { ...top.config, hidden: 9 } } };
      },
      /shape/,
    ],
    [
      'a newer format version',
      (a) => ({ ...a, modelTopology: { ...(a.modelTopology as Topology), formatVersion: 99 } }),
      /newer/,
    ],
    [
      'a wrong weight shape',
      (a) => ({
        ...a,
        weightSpecs: a.weightSpecs?.map((s) =>
          s.name === 'coupling0/dense0/kernel' ? { ...s, shape: [...s.shape].reverse() } : s,
        ),
      }),
      /shape/,
    ],
    [
      'a missing weight',
      (a) => ({ ...a, weightSpecs: a.weightSpecs?.slice(0, -1) }),
      /holds .* bytes|missing/,
    ],
    [
      'truncated weight data',
      (a) => ({ ...a, weightData: (a.weightData as ArrayBuffer).slice(0, 40) }),
      /bytes/,
    ],
    [
      'a NaN weight',
      (a) => {
        const values = new Float32Array((a.weightData as ArrayBuffer).slice(0));
        values[values.length - 3] = Number.NaN;
        return unchecked(a, values);
      },
      /NaN/,
    ],
    [
      'a mixing matrix that is not orthogonal',
      (a) => {
        const values = new Float32Array((a.weightData as ArrayBuffer).slice(0));
        let offset = 0;
        for (const spec of a.weightSpecs ?? []) {
          if (spec.name === 'coupling1/mixing') break;
          offset += spec.shape.reduce((x, y) => x * y, 1);
        }
        values[offset] = (values[offset] as number) + 0.1;
        return unchecked(a, values);
      },
      /coupling1\/mixing is not orthogonal/,
    ],
    [
      'one flipped exponent bit in the weights',
      (a) => {
        const bytes = new Uint8Array((a.weightData as ArrayBuffer).slice(0));
        bytes[11] = (bytes[11] as number) ^ 0x40;
        return { ...a, weightData: bytes.buffer };
      },
      /CRC-32 is [0-9a-f]{8}, model\.json says [0-9a-f]{8}/,
    ],
    [
      'a malformed checksum',
      (a) => ({ ...a, modelTopology: { ...(a.modelTopology as Topology), weightsCrc32: 42 } }),
      /weightsCrc32 must be 8 hex digits/,
    ],
    [
      'an unknown type',
      (a) => ({ ...a, modelTopology: { ...(a.modelTopology as Topology), type: 'gan' } }),
      /type/,
    ],
  ];

  it.each(variants)('rejects %s', async (_, corrupt, message) => {
    const created = tensorsCreated();
    const source = tf.io.fromMemory(corrupt(good));
    const error = await RealNVPGenerator.load(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toMatch(message);
    expect(tensorsCreated()).toBe(created);
  });

  it('loadGenerator names an unknown model type', async () => {
    const top = good.modelTopology as Topology;
    const error = await loadGenerator(
      tf.io.fromMemory({ ...good, modelTopology: { ...top, type: 'gan' } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toMatch(/unknown model type "gan"/);
  });

  it('reports a missing file and a malformed model.json clearly', async () => {
    await expect(RealNVPGenerator.load(join(dir, 'nothing-here'))).rejects.toThrow(/ENOENT/);
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'broken'), { recursive: true });
    writeFileSync(join(dir, 'broken', 'model.json'), '{ not json');
    await expect(RealNVPGenerator.load(join(dir, 'broken'))).rejects.toThrow(FormatError);
  });
});
