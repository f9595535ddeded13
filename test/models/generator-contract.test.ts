// What every registered generator promises, checked the same way for each: one row per model (a tiny config),
// on cpu and wasm. A new model adds a row here; what only one model does is tested in its own file.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LATTICE_STEPS } from '../../src/data/lattice.js';
import type { Points } from '../../src/data/points.js';
import { InvalidPointsError } from '../../src/errors.js';
import { isConditional } from '../../src/models/conditional.js';
import type { Generator } from '../../src/models/generator.js';
import { loadGenerator } from '../../src/models/load-generator.js';
import { type GeneratorConfig, generatorFromArtifacts, type ModelSpec } from '../../src/models/model-spec.js';
import { MODEL_TYPES, MODELS } from '../../src/models/registry.js';
import { BACKENDS, useBackend } from '../backends.js';
import { artifactsOf, latticePoints, perturbed } from './fixtures.js';

interface ContractRow {
  /** The row's name in the report. */
  readonly name: string;
  /** The model's spec, as the registry holds it. */
  readonly spec: ModelSpec<GeneratorConfig, Generator>;
  /** Options of a tiny 5-D model (fast on cpu). */
  readonly tiny: Readonly<Record<string, unknown>>;
  /** Gaussian noise on every weight, so that densities are not the nearly flat initial ones. */
  readonly perturb: number;
  /**
   * The model's sizes come from `fit` (the mixture's components): it has no density before `fit`, so the
   * checks that need one fit it on the test data instead of perturbing initial weights, and `fit` takes
   * only `seed` (EM runs to convergence, no epochs or batches).
   */
  readonly fittedBeforeUse?: boolean;
}

const spec = (type: string) => MODELS.find((m) => m.type === type) as unknown as ContractRow['spec'];

const ROWS: readonly ContractRow[] = [
  {
    name: 'realnvp (affine)',
    spec: spec('realnvp'),
    tiny: { couplings: 2, hidden: 8, depth: 1, transform: 'affine', mixing: 'rotation' },
    perturb: 0.1,
  },
  {
    name: 'realnvp (spline)',
    spec: spec('realnvp'),
    tiny: { couplings: 2, hidden: 8, depth: 1, transform: 'spline', splineBound: 3, bins: 4 },
    perturb: 0.1,
  },
  {
    name: 'masked-transformer',
    spec: spec('masked-transformer'),
    tiny: { embedDim: 8, heads: 2, layers: 1, fourierFeatures: 2, mixtureComponents: 2, members: 2 },
    perturb: 0.5,
  },
  {
    name: 'gaussian-mixture',
    spec: spec('gaussian-mixture'),
    tiny: { components: 3, restarts: 1, maxIterations: 20 },
    perturb: 0,
    fittedBeforeUse: true,
  },
];

/** A coarse 2-D lattice, so that the support `[0, 1.1]²` is small enough to integrate over on a grid. */
const STEPS_2D = [0.1, 0.1];
const data = latticePoints(120, 1);

function create(row: ContractRow, extra: Record<string, unknown> = {}): Generator {
  // The quiz lattice given, as 'auto' gives an untrained model none (fit finds it).
  const options = { latticeSteps: DEFAULT_LATTICE_STEPS, ...row.tiny, ...extra };
  return row.spec.create(row.spec.resolveConfig(options, 'options'));
}

/** What `row`'s model is trained with in these checks: one short epoch, or EM for a fitted-size model. */
function fitOptions(row: ContractRow, seed: number): Record<string, unknown> {
  return row.fittedBeforeUse ? { seed } : { epochs: 1, batchSize: 60, seed };
}

/** The first `dim` coordinates of the test data. */
function dataOf(dim: number): Points {
  const out = new Float32Array(data.count * dim);
  for (let i = 0; i < data.count; i++) out.set(data.data.subarray(i * 5, i * 5 + dim), i * dim);
  return { data: out, count: data.count, dim };
}

/** A tiny model of `row` with perturbed weights (fitted, for a model that has no density before `fit`). */
async function perturbedModel(row: ContractRow, extra: Record<string, unknown> = {}): Promise<Generator> {
  const fresh = create(row, extra);
  if (row.fittedBeforeUse) {
    await fresh.fit(dataOf(fresh.dim), fitOptions(row, 2));
    return fresh;
  }
  const model = generatorFromArtifacts(row.spec, await perturbed(fresh, row.perturb), 'test');
  fresh.dispose();
  return model;
}

/** The upper end of the support per coordinate: `1 + step` on a lattice. */
function upper(model: Generator): number[] {
  const steps = (model.getConfig() as GeneratorConfig).latticeSteps;
  return Array.from({ length: model.dim }, (_, j) => 1 + ((Array.isArray(steps) && steps[j]) || 0));
}

describe('the contract rows', () => {
  it('cover every registered model', () => {
    expect(new Set(ROWS.map((r) => r.spec?.type))).toEqual(new Set(MODEL_TYPES));
  });
});

describe.each(BACKENDS)('generator contract on %s', (backend) => {
  useBackend(backend);

  describe.each(ROWS)('$name', (row) => {
    it('leaks no tensor in any method or failed call, and dispose frees all', async () => {
      const before = tf.memory().numTensors;
      const model = create(row, { seed: 1 });
      const afterCreate = tf.memory().numTensors;
      await model.fit(data, fitOptions(row, 2));
      await model.sample(30, { seed: 1 });
      await model.sample(30, { seed: 1, continuous: true });
      await model.sampleWithLogProb(10, { seed: 1 });
      await model.logProb(data);
      await artifactsOf(model);
      if (isConditional(model)) {
        await model.sample(10, { seed: 1, given: { x: 0.5 } });
        await model.sampleWithLogProb(10, { seed: 1, given: { x: 0.5 } });
        await model.conditionalLogProb(data, ['x']);
        await model.conditionalQuantile(5, { given: { x: 0.5 } });
      }
      await expect(model.logProb([[0.5, 0.5, Number.NaN, 0.5, 0.5]])).rejects.toThrow();
      await expect(model.fit([[0.5, 0.5, 0.5, 0.5, 1.5]])).rejects.toThrow();
      await expect(model.sample(-1)).rejects.toThrow();
      expect(tf.memory().numTensors).toBe(afterCreate);
      model.dispose();
      model.dispose(); // a second dispose does nothing
      expect(tf.memory().numTensors).toBe(before);
      await expect(model.sample(1)).rejects.toThrow(/after dispose/);
      await expect(model.logProb(data)).rejects.toThrow(/after dispose/);
    });

    it('is reproducible for a seed: initial weights, training and sampling', async () => {
      const [a, b] = [create(row, { seed: 4 }), create(row, { seed: 4 })];
      if (!row.fittedBeforeUse) expect(await a.logProb(data)).toEqual(await b.logProb(data));
      const fit = fitOptions(row, 5);
      const [ha, hb] = [await a.fit(data, fit), await b.fit(data, fit)];
      expect(ha.epochs.map((e) => e.loss)).toEqual(hb.epochs.map((e) => e.loss));
      expect(await a.logProb(data)).toEqual(await b.logProb(data));
      const s = await a.sample(200, { seed: 7 });
      expect((await a.sample(200, { seed: 7 })).data).toEqual(s.data);
      expect((await b.sample(200, { seed: 7 })).data).toEqual(s.data);
      expect((await a.sample(200, { seed: 8 })).data).not.toEqual(s.data);
      a.dispose();
      b.dispose();
    });

    it('scores -Infinity outside the support and a finite density at the lattice extremes', async () => {
      const model = await perturbedModel(row);
      const hi = upper(model);
      const inside = [0.5, 0.5, 0.5, 0.5, 0.5];
      const off = (j: number, v: number) => inside.map((x, c) => (c === j ? v : x));
      const logp = await model.logProb([
        inside,
        off(0, -0.01),
        off(4, (hi[4] as number) + 0.01),
        [0, 0, 0, 0, 0],
        [1, 1, 1, 1, 1],
      ]);
      expect(Number.isFinite(logp[0])).toBe(true);
      expect(logp[1]).toBe(Number.NEGATIVE_INFINITY);
      expect(logp[2]).toBe(Number.NEGATIVE_INFINITY);
      expect(Number.isFinite(logp[3])).toBe(true);
      expect(Number.isFinite(logp[4])).toBe(true);
      expect(await model.logProb({ data: new Float32Array(0), dim: 5 })).toEqual(new Float32Array(0));
      model.dispose();
    });

    it('rejects bad input, options and counts with typed errors', async () => {
      const model = row.fittedBeforeUse ? await perturbedModel(row) : create(row);
      expect(() => create(row, { noSuchOption: 1 })).toThrow(RangeError);
      await expect(model.logProb([[0.5, 0.5, Number.NaN, 0.5, 0.5]])).rejects.toThrow(InvalidPointsError);
      await expect(model.logProb([[0.5, 0.5]])).rejects.toThrow(InvalidPointsError);
      await expect(model.fit([[0.5, 0.5, 0.5, 0.5, Number.NaN]])).rejects.toThrow(InvalidPointsError);
      for (const count of [-1, 1.5, Number.NaN, 1e8 + 1]) {
        await expect(model.sample(count)).rejects.toThrow(RangeError);
        await expect(model.sampleWithLogProb(count)).rejects.toThrow(RangeError);
        if (isConditional(model)) await expect(model.conditionalQuantile(count)).rejects.toThrow(RangeError);
      }
      await expect(model.sample(1, null as never)).rejects.toThrow(TypeError);
      expect((await model.sample(0)).count).toBe(0);
      model.dispose();
    });

    it('draws inside the support: on the lattice by default, continuous when asked', async () => {
      const model = await perturbedModel(row);
      const hi = upper(model);
      const snapped = await model.sample(400, { seed: 3 });
      snapped.data.forEach((v, k) => {
        const n = k % 5 < 2 ? 300 : 255;
        expect(v).toBe(Math.fround(Math.round(v * n) / n));
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      });
      const continuous = await model.sample(400, { seed: 3, continuous: true });
      continuous.data.forEach((v, k) => {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(Math.fround(hi[k % 5] as number));
        // Snapping is the inverse of dequantization: each draw goes down onto its lattice cell.
        const step = (hi[k % 5] as number) - 1;
        expect(snapped.data[k]).toBeCloseTo(Math.min(Math.floor(v / step) * step, 1), 5);
      });
      const { points, logProb } = await model.sampleWithLogProb(400, { seed: 3 });
      expect(points.data).toEqual(continuous.data);
      expect(await model.logProb(points)).toEqual(logProb);
      model.dispose();
    });

    it('saves and loads bit for bit, and loadGenerator gives back the same class', async () => {
      const model = await perturbedModel(row);
      const loaded = await loadGenerator(tf.io.fromMemory(await artifactsOf(model)));
      expect(loaded.constructor).toBe(model.constructor);
      expect(loaded.type).toBe(row.spec.type);
      expect(loaded.getConfig()).toEqual(model.getConfig());
      const probe = (await model.sample(300, { seed: 9, continuous: true })).data;
      expect(await loaded.logProb({ data: probe, dim: 5 })).toEqual(
        await model.logProb({ data: probe, dim: 5 }),
      );
      expect((await loaded.sample(100, { seed: 2 })).data).toEqual(
        (await model.sample(100, { seed: 2 })).data,
      );
      const again = row.spec.create(row.spec.resolveConfig(model.getConfig(), 'config'));
      expect(again.getConfig()).toEqual(model.getConfig());
      for (const m of [model, loaded, again]) m.dispose();
    });

    it('has a density that integrates to 1 over its support (a 2-D model, on a grid)', async () => {
      const model = await perturbedModel(row, { dim: 2, latticeSteps: STEPS_2D });
      const hi = upper(model);
      const n = 110;
      const cell = [(hi[0] as number) / n, (hi[1] as number) / n];
      const grid = new Float32Array(n * n * 2);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          grid[(i * n + j) * 2] = (i + 0.5) * (cell[0] as number);
          grid[(i * n + j) * 2 + 1] = (j + 0.5) * (cell[1] as number);
        }
      }
      const logp = await model.logProb({ data: grid, dim: 2 });
      const mass = logp.reduce((a, v) => a + Math.exp(v), 0) * (cell[0] as number) * (cell[1] as number);
      expect(Math.max(...logp) - Math.min(...logp)).toBeGreaterThan(0.5); // not flat: the check checks something
      // A model may keep some mass beyond its support (RealNVP's logit margin): its draws there are put on the
      // edge, so their share is the mass the grid cannot see.
      const draws = await model.sample(4000, { seed: 1, continuous: true });
      let edge = 0;
      for (let i = 0; i < draws.count; i++) {
        const row2 = draws.data.subarray(i * 2, i * 2 + 2);
        if (row2.some((v, j) => v === 0 || v === Math.fround(hi[j] as number))) edge += 1;
      }
      expect(Math.abs(mass - (1 - edge / draws.count))).toBeLessThan(0.01);
      model.dispose();
    });
  });
});
