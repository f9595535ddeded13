import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LATTICE_STEPS } from '../../../src/data/lattice.js';
import { FormatError, InvalidPointsError } from '../../../src/errors.js';
import { parseModelArtifacts } from '../../../src/io/artifacts.js';
import { heldOutNll } from '../../../src/models/held-out-nll.js';
import { loadGenerator } from '../../../src/models/load-generator.js';
import type { MaskedTransformerOptions } from '../../../src/models/transformer/config.js';
import { memberWeightShapes } from '../../../src/models/transformer/members.js';
import { binnedQuantile } from '../../../src/models/transformer/quantile.js';
import { MaskedTransformerGenerator } from '../../../src/models/transformer/transformer-generator.js';
import { BACKENDS, useBackend } from '../../backends.js';
import { artifactsOf, latticePoints, perturbed, TINY_TRANSFORMER } from '../fixtures.js';

const TINY = TINY_TRANSFORMER;
const dir = mkdtempSync(join(tmpdir(), 'pointgen-transformer-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A tiny model whose weights are all perturbed away from the (nearly uniform) initial ones. */
async function randomModel(options: MaskedTransformerOptions, seed = 3): Promise<MaskedTransformerGenerator> {
  const fresh = new MaskedTransformerGenerator({ ...TINY, ...options });
  const model = MaskedTransformerGenerator.fromArtifacts(await perturbed(fresh, 0.5, seed));
  fresh.dispose();
  return model;
}

/** Every bin centre of a 2-D model with bins `counts` of `widths`, row-major. */
function binCentres(counts: [number, number], widths: [number, number]): Float32Array {
  const grid = new Float32Array(counts[0] * counts[1] * 2);
  for (let i = 0; i < counts[0]; i++) {
    for (let j = 0; j < counts[1]; j++) {
      grid[(i * counts[1] + j) * 2] = (i + 0.5) * widths[0];
      grid[(i * counts[1] + j) * 2 + 1] = (j + 0.5) * widths[1];
    }
  }
  return grid;
}

describe.each(BACKENDS)('MaskedTransformerGenerator on %s', (backend) => {
  useBackend(backend);

  it('trains through the engine: held-out NLL falls; conditional calls leave no tensors', async () => {
    const model = new MaskedTransformerGenerator({ ...TINY, seed: 1 });
    const afterCreate = tf.memory().numTensors;
    const test = latticePoints(200, 2);
    const initial = await heldOutNll(model, test, { draws: 1 });
    const history = await model.fit(latticePoints(600, 1), {
      epochs: 4,
      batchSize: 100,
      validation: 0.2,
      seed: 3,
    });
    expect(history.bestValNll).toBeLessThan(history.initialValNll - 1);
    expect(await heldOutNll(model, test, { draws: 1 })).toBeLessThan(initial - 1);
    await model.sample(20, { seed: 1, temperature: 0.7, given: { x: 0.5 } });
    await model.conditionalLogProb(test, ['x', 'y']);
    expect(tf.memory().numTensors).toBe(afterCreate);
    model.dispose();
  });

  it.each([1, 3])(
    'has an exact density with %i member(s): it sums to 1 over the bins, and so does each conditional',
    async (members) => {
      const widths: [number, number] = [1 / 10, 1 / 8];
      const model = await randomModel({ dim: 2, latticeSteps: widths, members });
      const counts: [number, number] = [11, 9]; // bins up to 1 + step
      const grid = binCentres(counts, widths);
      const logp = await model.logProb({ data: grid, dim: 2 });
      const cell = widths[0] * widths[1];
      expect(logp.reduce((a, v) => a + Math.exp(v) * cell, 0)).toBeCloseTo(1, 5);
      const spread = Math.max(...logp) - Math.min(...logp);
      expect(spread).toBeGreaterThan(1); // far from uniform: the check has something to check
      // p(y | x) sums to 1 over y for every x, and p(x) = p(x, y) / p(y | x) sums to 1 over x.
      const conditional = await model.conditionalLogProb({ data: grid, dim: 2 }, [0]);
      let marginal = 0;
      for (let i = 0; i < counts[0]; i++) {
        let sum = 0;
        for (let j = 0; j < counts[1]; j++)
          sum += Math.exp(conditional[i * counts[1] + j] as number) * widths[1];
        expect(sum).toBeCloseTo(1, 5);
        const k = i * counts[1];
        marginal += Math.exp((logp[k] as number) - (conditional[k] as number)) * widths[0];
      }
      expect(marginal).toBeCloseTo(1, 5);
      expect(await model.conditionalLogProb({ data: grid, dim: 2 }, [])).toEqual(logp);
      model.dispose();
    },
  );

  it.each([1, 3])(
    'samples from its own density with %i member(s), for a whole batch and with a prefix given',
    async (members) => {
      const model = await randomModel({ dim: 2, latticeSteps: null, resolution: 6, members }, 5);
      // P(x bin i, y bin j): p(x) is flat inside an x bin but p(y | x) moves with x, so integrate over x finely.
      const fine = 40;
      const grid = new Float32Array(6 * fine * 6 * 2);
      for (let a = 0; a < 6 * fine; a++) {
        for (let j = 0; j < 6; j++) {
          grid[(a * 6 + j) * 2] = (a + 0.5) / (6 * fine);
          grid[(a * 6 + j) * 2 + 1] = (j + 0.5) / 6;
        }
      }
      const logp = await model.logProb({ data: grid, dim: 2 });
      const p = new Float64Array(36);
      logp.forEach((v, k) => {
        const a = Math.floor(k / 6);
        const kp = Math.floor(a / fine) * 6 + (k % 6);
        p[kp] = (p[kp] as number) + Math.exp(v) / (36 * fine);
      });
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      const n = 12000;
      const draws = await model.sample(n, { seed: 9 });
      const counts = new Float64Array(36);
      for (let i = 0; i < n; i++) {
        const bin =
          Math.floor((draws.data[2 * i] as number) * 6) * 6 +
          Math.floor((draws.data[2 * i + 1] as number) * 6);
        counts[bin] = (counts[bin] as number) + 1;
      }
      p.forEach((pk, k) => {
        expect(Math.abs((counts[k] as number) / n - pk)).toBeLessThan(
          4 * Math.sqrt((pk * (1 - pk)) / n) + 1e-3,
        );
      });
      // Given x = 2.5/6, y follows p(y | x = 2.5/6).
      const x = 2.5 / 6;
      const column = await model.logProb({
        data: Float32Array.from([0, 1, 2, 3, 4, 5].flatMap((j) => [x, (j + 0.5) / 6])),
        dim: 2,
      });
      const conditional = Array.from(column, (v) => Math.exp(v));
      const total = conditional.reduce((a, b) => a + b, 0);
      const given = await model.sample(n, { seed: 10, given: { 0: x } });
      const yCounts = new Float64Array(6);
      for (let i = 0; i < n; i++) {
        expect(given.data[2 * i]).toBe(Math.fround(x));
        const kyCounts = Math.floor((given.data[2 * i + 1] as number) * 6);
        yCounts[kyCounts] = (yCounts[kyCounts] as number) + 1;
      }
      conditional.forEach((c, j) => {
        const q = c / total;
        expect(Math.abs((yCounts[j] as number) / n - q)).toBeLessThan(
          4 * Math.sqrt((q * (1 - q)) / n) + 1e-3,
        );
      });
      model.dispose();
    },
  );

  it.each([1, 3])(
    'gives the exact quantiles of the next coordinate given a prefix, with %i member(s), leaving no tensors',
    async (members) => {
      const model = await randomModel({ dim: 2, latticeSteps: null, resolution: 6, members }, 5);
      const tensors = tf.memory().numTensors;
      const xs = [0.5 / 6, 2.5 / 6, 5.9 / 6];
      for (const quantile of [0.1, 0.5, 0.9]) {
        const { coordinate, values } = await model.conditionalQuantile(3, { given: { 0: xs }, quantile });
        expect(coordinate).toBe(1);
        for (const [i, x] of xs.entries()) {
          // p(x, y) over the y bins is proportional to the mixture's p(y | x).
          const joint = await model.logProb({
            data: Float32Array.from([0, 1, 2, 3, 4, 5].flatMap((j) => [x, (j + 0.5) / 6])),
            dim: 2,
          });
          expect(values[i]).toBeCloseTo(binnedQuantile(Array.from(joint, Math.exp), 1 / 6, quantile), 5);
        }
      }
      expect(tf.memory().numTensors).toBe(tensors);
      model.dispose();
    },
  );

  it('keeps given coordinates exactly and loads with its weights and nothing else', async () => {
    const model = await randomModel({ members: 2 }, 7);
    const xs = Array.from({ length: 400 }, (_, i) => Math.round(i * 0.7) / 300);
    const coloured = await model.sample(400, { seed: 1, given: { y: 0.5, x: xs } });
    for (let i = 0; i < 400; i++) {
      expect(coloured.data[i * 5]).toBe(Math.fround(xs[i] as number));
      expect(coloured.data[i * 5 + 1]).toBe(Math.fround(0.5));
    }
    const path = join(dir, `model-${backend}`);
    const tensors = tf.memory().numTensors;
    await model.save(path);
    const loaded = await loadGenerator(path);
    expect(tf.memory().numTensors - tensors).toBe(memberWeightShapes(model.getConfig()).length);
    expect((await loaded.sample(300, { seed: 4, given: { x: 0.5 } })).data).toEqual(
      (await model.sample(300, { seed: 4, given: { x: 0.5 } })).data,
    );
    loaded.dispose();
    model.dispose();
  });
});

describe('MaskedTransformerGenerator arguments', () => {
  useBackend('cpu');

  it('rejects bad options, sample options and conditioning with errors naming them', async () => {
    expect(() => new MaskedTransformerGenerator({ heads: 3 })).toThrow(/options\.heads/);
    expect(() => new MaskedTransformerGenerator({ order: [0, 1, 2, 3, 3] })).toThrow(/options\.order/);
    expect(() => new MaskedTransformerGenerator({ head: 'gaussian' as never })).toThrow(/options\.head/);
    expect(() => new MaskedTransformerGenerator({ layer: 2 } as never)).toThrow(/options\.layer: unknown/);
    expect(() => new MaskedTransformerGenerator({ training: { batchSize: 0 } })).toThrow(
      /training\.batchSize/,
    );
    // An untrained model snaps onto the lattice it is given (with 'auto' it has none until fit finds one).
    const model = new MaskedTransformerGenerator({ ...TINY, latticeSteps: DEFAULT_LATTICE_STEPS });
    await expect(model.sample(2, { temperature: 0 })).rejects.toThrow(/temperature/);
    await expect(model.sample(2, { given: { y: 0.5 } })).rejects.toThrow(
      /not the first 1 of the generation order/,
    );
    await expect(model.sample(2, { given: { q: 0.5 } })).rejects.toThrow(/unknown coordinate "q"/);
    await expect(model.sample(2, { given: { x: [0.5] } })).rejects.toThrow(/expected 2 values/);
    await expect(model.sample(2, { given: { x: [0.5, Number.NaN] } })).rejects.toThrow(InvalidPointsError);
    await expect(model.sample(2, { given: { x: 1.5 } })).rejects.toThrow(/outside \[0, /);
    await expect(model.conditionalLogProb([[0.5, 0.5, 0.5, 0.5, 0.5]], ['r'])).rejects.toThrow(RangeError);
    await expect(model.conditionalQuantile(2, { quantile: 1.5 })).rejects.toThrow(/options\.quantile/);
    await expect(model.conditionalQuantile(1, null as never)).rejects.toThrow(TypeError);
    await expect(
      model.conditionalQuantile(1, { given: { x: 0.5, y: 0.5, r: 0.5, g: 0.5, b: 0.5 } }),
    ).rejects.toThrow(/every coordinate is given/);
    const blue = await model.conditionalQuantile(4, { given: { x: 0.5, y: [0.1, 0.2, 0.3, 0.4] } });
    expect(blue.coordinate).toBe(4);
    blue.values.forEach((v) => {
      expect(v).toBe(Math.fround(Math.round(v * 255) / 255));
    });
    model.dispose();
  });

  it('generates in any order it is given, conditioning on that order’s prefix', async () => {
    const model = new MaskedTransformerGenerator({ ...TINY, order: [2, 3, 4, 0, 1] });
    const shapes = await model.sample(50, { seed: 1, given: { r: 0.2, g: 0.4, b: 0.9 } });
    for (let i = 0; i < 50; i++)
      expect(Array.from(shapes.data.subarray(i * 5 + 2, i * 5 + 5))).toEqual(
        [0.2, 0.4, 0.9].map(Math.fround),
      );
    await expect(model.sample(2, { given: { x: 0.5 } })).rejects.toThrow(/generation order \[2,3,4,0,1\]/);
    model.dispose();
  });

  it('rejects a model file whose weights do not fit its config, before making any tensor', async () => {
    const model = new MaskedTransformerGenerator(TINY);
    const parsed = parseModelArtifacts(await artifactsOf(model), 'test');
    const before = tf.memory().numTensors;
    const broken = { ...parsed, weights: parsed.weights.filter((w) => w.name !== 'block0/fc1/w') };
    expect(() => MaskedTransformerGenerator.fromArtifacts(broken)).toThrow(/block0\/fc1\/w is missing/);
    const badConfig = { ...parsed, config: { ...(parsed.config as object), heads: 5 } };
    expect(() => MaskedTransformerGenerator.fromArtifacts(badConfig)).toThrow(FormatError);
    expect(() => MaskedTransformerGenerator.fromArtifacts({ ...parsed, type: 'realnvp' })).toThrow(
      /expected "masked-transformer"/,
    );
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('builds the original sizes as a preset', () => {
    const model = new MaskedTransformerGenerator({ preset: 'original' });
    expect(model.getConfig()).toMatchObject({ embedDim: 128, heads: 4, layers: 4 });
    model.dispose();
  });
});
