import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/data/rng.js';
import {
  c2st,
  evaluate,
  evaluateSeedStyle,
  formatReport,
  klDivergence,
  memorization,
  mmd,
  slicedWasserstein,
  wasserstein1d,
} from '../../src/metrics/index.js';

const PI_CSV = resolve(__dirname, '../../../shared/data/pi-quiz/points-reference.csv');

/** A 5-D blob with structure in x/y and colours tied to position. */
function blob(count: number, rng: Rng, shift = 0): number[][] {
  return Array.from({ length: count }, () => {
    const x = Math.min(1, Math.max(0, 0.5 + 0.15 * rng.normal() + shift));
    const y = Math.min(1, Math.max(0, 0.5 + 0.15 * rng.normal()));
    return [x, y, x, 1 - y, 0.5 + 0.1 * rng.uniform()];
  });
}

const columnOf = (rows: number[][], j: number) => rows.map((r) => r[j] as number);

describe('evaluate', () => {
  const rng = new Rng(21);
  const train = blob(400, rng);
  const test = blob(100, rng);
  const generated = blob(300, rng, 0.2);
  const report = evaluate(generated, { train, test, seed: 5 });

  it('reports every protocol metric as value, floor and ratio, each equal to the standalone function', () => {
    expect(report.kind).toBe('holdout');
    expect(report.columns).toEqual(['x', 'y', 'r', 'g', 'b']);
    expect(report.counts).toEqual({ generated: 300, train: 400, test: 100, floorTrain: 300 });
    expect(report.mmd.value).toBeCloseTo(mmd(generated, test), 14);
    expect(report.mmd.ratio).toBeCloseTo(report.mmd.value / report.mmd.floor, 12);
    expect(Object.keys(report.w1)).toEqual(report.columns);
    expect(Object.keys(report.kl)).toEqual(['x', 'y']);
    report.columns.forEach((name, j) => {
      expect(report.w1[name]?.value).toBeCloseTo(
        wasserstein1d(columnOf(generated, j), columnOf(test, j)),
        14,
      );
    });
    expect(report.kl.y?.value).toBeCloseTo(klDivergence(columnOf(test, 1), columnOf(generated, 1)), 12);
    expect(report.c2st.value).toBeGreaterThanOrEqual(0);
    expect(report.c2st.value).toBeLessThanOrEqual(1);
    expect(report.slicedWasserstein.value).toBeGreaterThan(0);
    expect(report.memorization).toEqual(memorization(generated, { train, test }));
  });

  it('uses a seeded subsample of train of the generated size for the floors, and the same directions', () => {
    const again = evaluate(generated, { train, test, seed: 5 });
    expect(again).toEqual(report);
    expect(evaluate(generated, { train, test, seed: 6 }).mmd.floor).not.toBe(report.mmd.floor);
    // With equal sizes nothing is subsampled, so the floor is the plain train-vs-test metric.
    const same = evaluate(train, { train, test });
    expect(same.counts.floorTrain).toBe(400);
    expect(same.mmd.floor).toBeCloseTo(mmd(train, test), 14);
    expect(same.mmd.ratio).toBeCloseTo(1, 12);
    expect(same.slicedWasserstein.ratio).toBe(1);
    expect(same.c2st.ratio).toBe(1);
    expect(same.memorization.exactCopies).toBe(1);
  });

  it('is plain JSON data, and a shifted generator scores worse than its floor', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.mmd.ratio).toBeGreaterThan(1);
    expect(report.w1.x?.ratio).toBeGreaterThan(1);
  });

  it('formats as a table with a row per metric', () => {
    const text = formatReport(report);
    for (const label of [
      'MMD²',
      'W1 x',
      'W1 b',
      'KL x',
      'KL y',
      'C2ST',
      'sliced W1',
      'DCR ratio',
      'exact copies',
    ]) {
      expect(text).toContain(label);
    }
    const mmdRow = text.split('\n').find((line) => line.startsWith('MMD²')) as string;
    expect(mmdRow.trim().split(/\s+/).at(-1)).toBe((report.mmd.ratio as number).toFixed(3));
  });

  it('names other dimensions d0, d1, …', () => {
    const r = evaluate(
      train.map((p) => p.slice(0, 3)),
      { train: train.map((p) => p.slice(0, 3)), test: test.map((p) => p.slice(0, 3)) },
    );
    expect(r.columns).toEqual(['d0', 'd1', 'd2']);
  });
});

describe('evaluateSeedStyle', () => {
  it('computes the original README figures against the training set', () => {
    const rng = new Rng(2);
    const all = blob(500, rng);
    const generated = blob(500, rng);
    const report = evaluateSeedStyle(generated, all);
    expect(report.mmd).toBeCloseTo(mmd(all, generated), 14);
    expect(report.kl.x).toBeCloseTo(klDivergence(columnOf(all, 0), columnOf(generated, 0)), 12);
    expect(Object.keys(report.w1)).toEqual(['x', 'y', 'r', 'g', 'b']);
    expect(report.w1.g).toBeCloseTo(wasserstein1d(columnOf(all, 3), columnOf(generated, 3)), 14);
    const text = formatReport(report);
    expect(text).toContain('seed-style');
    expect(text).toContain('W1 b');
  });
});

describe.skipIf(!existsSync(PI_CSV))('on the pi-quiz data (the protocol split)', () => {
  it('a perfect sampler (fresh real points) has ratios near 1; a copier is caught', () => {
    const rows = readFileSync(PI_CSV, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map(Number));
    const train = rows.filter((_, i) => i % 5 !== 4);
    const test = rows.filter((_, i) => i % 5 === 4);
    // Half of train as "generated" and the other half as train: real data that the model never saw.
    const honest = evaluate(
      train.filter((_, i) => i % 2 === 0),
      { train: train.filter((_, i) => i % 2 === 1), test },
    );
    // MMD at these sizes is noisy: random halves of train give ratios from about 0.6 to 1.5.
    expect(honest.mmd.ratio).toBeGreaterThan(0.4);
    expect(honest.mmd.ratio).toBeLessThan(2.5);
    expect(honest.memorization.dcrRatio).toBeGreaterThan(0.8);
    expect(honest.memorization.dcrRatio).toBeLessThan(1.25);
    const copier = evaluate(train.slice(0, 2000), { train, test });
    expect(copier.memorization.exactCopies).toBe(1);
    expect(copier.memorization.dcrRatio).toBe(0);
    expect(c2st(train.slice(0, 1000), test)).toBeLessThan(0.6);
    expect(slicedWasserstein(train, test)).toBeLessThan(0.02);
  });
});

if (!existsSync(PI_CSV)) console.log(`skipping the pi-quiz evaluation: ${PI_CSV} is absent`);
