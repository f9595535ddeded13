import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LATTICE_STEPS } from '../../../src/data/lattice.js';
import type { Points } from '../../../src/data/points.js';
import { Rng } from '../../../src/data/rng.js';
import { protocolSplit } from '../../../src/data/split.js';
import { FormatError, InvalidPointsError } from '../../../src/errors.js';
import { parseModelArtifacts } from '../../../src/io/artifacts.js';
import { GaussianMixtureGenerator } from '../../../src/models/gmm/gmm-generator.js';
import { mixtureLogDensity, sampleMixture } from '../../../src/models/gmm/mixture.js';
import { fromValues } from '../../../src/models/gmm/params.js';
import { heldOutNll } from '../../../src/models/held-out-nll.js';
import { loadGenerator } from '../../../src/models/load-generator.js';
import { loadPiQuiz } from '../../../src/node/pi-quiz.js';
import { tensorsCreated } from '../../backends.js';
import { HAS_PI_QUIZ, PI_QUIZ_DIR } from '../../node/shared-dir.js';
import { artifactsOf, latticePoints } from '../fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'pointgen-gmm-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const UPPER = DEFAULT_LATTICE_STEPS.map((q) => 1 + q);
const SMALL = { components: 4, restarts: 1, members: 1 } as const;

/** 5-D lattice points piled against the edges of the unit cube, so that much of a fitted mixture spills over. */
function edgePoints(count: number, seed = 1): Points {
  const rng = new Rng(seed);
  const data = new Float32Array(count * 5);
  for (let i = 0; i < count; i++) {
    const side = rng.uniform() < 0.4 ? 0 : 1;
    for (let j = 0; j < 5; j++) {
      const n = j < 2 ? 300 : 255;
      const v = (side ? 0.9 : 0.05 + 0.1 * j) + 0.08 * rng.normal();
      data[i * 5 + j] = Math.min(Math.max(Math.round(v * n), 0), n) / n;
    }
  }
  return { data, count, dim: 5 };
}

function outsideSupport(points: Points, upper: readonly number[]): number {
  let bad = 0;
  points.data.forEach((v, k) => {
    if (!(v >= 0 && v <= (upper[k % points.dim] as number))) bad += 1;
  });
  return bad;
}

describe('GaussianMixtureGenerator', () => {
  it('fits, samples seeded inside the support, and creates no tensor', async () => {
    const created = tensorsCreated();
    const model = new GaussianMixtureGenerator(SMALL);
    const history = await model.fit(latticePoints(600), { seed: 1 });
    expect(history.epochs).toHaveLength(1);
    expect(history.mixture.components).toBe(4);
    expect(model.components).toBe(4);
    expect(Number.isFinite(history.epochs[0]?.loss)).toBe(true);
    const a = await model.sample(2000, { seed: 3, continuous: true });
    expect((await model.sample(2000, { seed: 3, continuous: true })).data).toEqual(a.data);
    expect(outsideSupport(a, UPPER)).toBe(0);
    const snapped = await model.sample(500, { seed: 3 });
    expect(outsideSupport(snapped, [1, 1, 1, 1, 1])).toBe(0);
    const { points, logProb } = await model.sampleWithLogProb(100, { seed: 5 });
    expect(Array.from(logProb)).toEqual(Array.from(await model.logProb(points)));
    expect((await model.logProb([[0.5, 0.5, 0.5, 0.5, 2]]))[0]).toBe(Number.NEGATIVE_INFINITY);
    expect(tensorsCreated()).toBe(created);
    model.dispose();
    expect(model.isDisposed).toBe(true);
    await expect(model.sample(1)).rejects.toThrow(/after dispose/);
  });

  it('the same fit seed gives the same model; another seed another one', async () => {
    const data = latticePoints(400);
    const fitted = async (seed: number) => {
      const m = new GaussianMixtureGenerator(SMALL);
      await m.fit(data, { seed });
      return m.logProb(data);
    };
    expect(await fitted(2)).toEqual(await fitted(2));
    expect(await fitted(3)).not.toEqual(await fitted(2));
  });

  it('saves and loads bit-identically (folder and loadGenerator), with the config', async () => {
    const data = latticePoints(500);
    const model = new GaussianMixtureGenerator({ ...SMALL, members: 2 });
    await model.fit(data, { seed: 4 });
    expect(model.components).toBe(8);
    const path = join(dir, 'model');
    await model.save(path);
    const loaded = await GaussianMixtureGenerator.load(`file://${path}`);
    const generic = await loadGenerator(path);
    expect(loaded.getConfig()).toEqual(model.getConfig());
    const probe = (await model.sample(300, { seed: 9, continuous: true })).data;
    const points = { data: probe, dim: 5 };
    expect(await loaded.logProb(points)).toEqual(await model.logProb(points));
    expect(await generic.logProb(points)).toEqual(await model.logProb(points));
    expect((await loaded.sample(300, { seed: 9 })).data).toEqual((await model.sample(300, { seed: 9 })).data);
    const few = { data: probe.subarray(0, 200), dim: 5 };
    expect(await loaded.conditionalLogProb(few, ['x', 'y'])).toEqual(
      await model.conditionalLogProb(few, ['x', 'y']),
    );
  });

  it('rejects malformed files before building a model', async () => {
    const model = new GaussianMixtureGenerator(SMALL);
    await model.fit(latticePoints(300), { seed: 1 });
    const parsed = parseModelArtifacts(await artifactsOf(model), 'test');
    const edit = (name: string, change: (v: Float32Array) => void) => ({
      ...parsed,
      weights: parsed.weights.map((w) => {
        if (w.name !== name) return w;
        const values = new Float32Array(w.values);
        change(values);
        return { ...w, values };
      }),
    });
    expect(() => GaussianMixtureGenerator.fromArtifacts(edit('weights', (v) => v.fill(-1)))).toThrow(
      FormatError,
    );
    expect(() => GaussianMixtureGenerator.fromArtifacts(edit('cholesky', (v) => (v[1] = 0.5)))).toThrow(
      /lower triangular/,
    );
    expect(() => GaussianMixtureGenerator.fromArtifacts(edit('cholesky', (v) => (v[0] = 0)))).toThrow(
      /diagonal/,
    );
    expect(() => GaussianMixtureGenerator.fromArtifacts({ ...parsed, state: { components: 5 } })).toThrow(
      FormatError,
    );
    expect(() => GaussianMixtureGenerator.fromArtifacts({ ...parsed, config: { restarts: 0 } })).toThrow(
      FormatError,
    );
  });

  it('says what is wrong with bad input', async () => {
    expect(() => new GaussianMixtureGenerator({ components: 0 })).toThrow(RangeError);
    expect(() => new GaussianMixtureGenerator({ comps: 3 } as never)).toThrow(/unknown/);
    const model = new GaussianMixtureGenerator(SMALL);
    await expect(model.sample(3)).rejects.toThrow(/before fit/);
    await expect(model.fit(latticePoints(50), { epochs: 3 })).rejects.toThrow(/options.epochs/);
    await expect(model.fit([[0.1, 0.2, Number.NaN, 0, 0]])).rejects.toThrow(InvalidPointsError);
    await model.fit(latticePoints(200), { seed: 1 });
    await expect(model.sample(-1)).rejects.toThrow(RangeError);
    await expect(model.sample(2, { given: { x: 2 } })).rejects.toThrow(InvalidPointsError);
    await expect(model.sample(2, { given: { x: [0.1] } })).rejects.toThrow(/expected 2 values/);
  });

  it('draws the rest given positions, or given colours, exactly as given', async () => {
    const model = new GaussianMixtureGenerator(SMALL);
    await model.fit(latticePoints(600), { seed: 2 });
    const xs = Array.from({ length: 200 }, (_, i) => 0.2 + (0.6 * i) / 200);
    const coloured = await model.sample(200, { given: { x: xs, y: 0.5 }, seed: 1 });
    const placed = await model.sample(200, { given: { r: 0.2, g: 0.5, b: 0.8 }, seed: 1, continuous: true });
    expect(
      (await model.sample(200, { given: { r: 0.2, g: 0.5, b: 0.8 }, seed: 1, continuous: true })).data,
    ).toEqual(placed.data);
    let mismatches = 0;
    for (let i = 0; i < 200; i++) {
      if (
        coloured.data[i * 5] !== Math.fround(xs[i] as number) ||
        coloured.data[i * 5 + 1] !== Math.fround(0.5)
      )
        mismatches++;
      if (placed.data[i * 5 + 2] !== Math.fround(0.2) || placed.data[i * 5 + 4] !== Math.fround(0.8))
        mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(outsideSupport(coloured, [1, 1, 1, 1, 1])).toBe(0);
    expect(outsideSupport(placed, UPPER)).toBe(0);
    // The blobs of latticePoints: red 0.2 goes with x near 0.3, red 0.8 with x near 0.7.
    const meanX = (p: Points) =>
      Array.from({ length: p.count }, (_, i) => p.data[i * 5] as number).reduce((a, b) => a + b) / p.count;
    const other = await model.sample(200, { given: { r: 0.8, g: 0.5, b: 0.2 }, seed: 1 });
    expect(meanX(placed)).toBeLessThan(0.4);
    expect(meanX(other)).toBeGreaterThan(0.6);
  });

  it('chooses components on a validation split with "auto" and reports the search', async () => {
    const model = new GaussianMixtureGenerator({ components: 'auto', members: 1 });
    const history = await model.fit(latticePoints(400), { seed: 1 });
    const search = history.mixture.search ?? [];
    expect(search.length).toBeGreaterThan(1);
    const best = search.reduce((a, b) => (b.validationNll < a.validationNll ? b : a));
    expect(history.mixture.components).toBe(best.components);
    expect(model.components).toBeLessThanOrEqual(best.components);
  });
});

describe('the density integrates to 1 over the support', () => {
  it('in 2-D, by quadrature on a fine grid, with much of the mixture beyond the edges', async () => {
    const rng = new Rng(3);
    const rows = Array.from({ length: 600 }, () => {
      const corner = rng.uniform() < 0.5;
      return [Math.abs((corner ? 0 : 0.8) + 0.15 * rng.normal()) % 1, Math.abs(0.5 + 0.3 * rng.normal()) % 1];
    });
    const model = new GaussianMixtureGenerator({ dim: 2, components: 3, restarts: 1 });
    await model.fit(rows, { seed: 1 });
    const n = 400;
    const grid = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) grid.push([(i + 0.5) / n, (j + 0.5) / n]);
    const lp = await model.logProb(grid);
    const integral = lp.reduce((s, v) => s + Math.exp(v), 0) / (n * n);
    expect(integral).toBeCloseTo(1, 2);
    const parsed = parseModelArtifacts(await artifactsOf(model), 'test');
    const mixture = fromValues(
      {
        weights: parsed.weights[0]?.values as Float32Array,
        means: parsed.weights[1]?.values as Float32Array,
        cholesky: parsed.weights[2]?.values as Float32Array,
      },
      2,
    );
    const untruncated = mixtureLogDensity(mixture, Float64Array.from(grid.flat()), n * n);
    // The same grid under the untruncated mixture: well below 1, so the normaliser did the work.
    expect(untruncated.reduce((s, v) => s + Math.exp(v), 0) / (n * n)).toBeLessThan(0.9);
  });

  it('in 5-D, by importance sampling from a wider mixture', async () => {
    const model = new GaussianMixtureGenerator({ components: 6, restarts: 1 });
    await model.fit(edgePoints(1500), { seed: 1 });
    const parsed = parseModelArtifacts(await artifactsOf(model), 'test');
    const [w, m, l] = parsed.weights.map((x) => x.values) as [Float32Array, Float32Array, Float32Array];
    const wide = fromValues({ weights: w, means: m, cholesky: l.map((v) => 1.5 * v) }, 5);
    const n = 200000;
    const x = sampleMixture(wide, n, new Rng(7));
    const q = mixtureLogDensity(wide, x, n);
    const p = await model.logProb({ data: Float32Array.from(x), dim: 5 });
    let sum = 0;
    let sum2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const ratio =
        (p[i] as number) === Number.NEGATIVE_INFINITY ? 0 : Math.exp((p[i] as number) - (q[i] as number));
      if (ratio === 0) outside++;
      sum += ratio;
      sum2 += ratio * ratio;
    }
    const mean = sum / n;
    const se = Math.sqrt((sum2 / n - mean * mean) / n);
    expect(outside / n).toBeGreaterThan(0.1);
    expect(Math.abs(mean - 1)).toBeLessThan(Math.max(4 * se, 0.005));
  });
});

describe.runIf(HAS_PI_QUIZ)('on the quiz data (holdout protocol)', () => {
  it('the default fit, saved and loaded, scores a held-out NLL of −7.45 or better', async () => {
    const { train, test } = protocolSplit(await loadPiQuiz(PI_QUIZ_DIR));
    const model = new GaussianMixtureGenerator();
    await model.fit(train, { seed: 0 });
    const path = join(dir, 'quiz');
    await model.save(path);
    const loaded = await loadGenerator(path);
    const nll = await heldOutNll(loaded, test, { draws: 10, seed: 0 });
    expect(nll).toBeLessThanOrEqual(-7.45);
    expect(outsideSupport(await loaded.sample(4000, { seed: 1, continuous: true }), UPPER)).toBe(0);
  }, 60000);
});
