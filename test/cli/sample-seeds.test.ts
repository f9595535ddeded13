import { describe, expect, it } from 'vitest';
import { evaluateOverSeeds, resampleTraining, spread } from '../../src/cli/sample-seeds.js';
import { holdoutTable, type RunSummary } from '../../src/cli/tables.js';
import { toPoints } from '../../src/data/points.js';
import { evaluate, evaluateSeedStyle } from '../../src/metrics/index.js';

describe('metrics over sample seeds', () => {
  it('spread gives the median and range of the finite values', () => {
    expect(spread([3, 1, 2])).toMatchObject({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 3, 2])).toMatchObject({ median: 2.5, min: 1, max: 4 });
    expect(spread([2, Number.NaN, 1])).toMatchObject({ median: 1.5, min: 1, max: 2 });
    expect(spread([Number.NaN]).median).toBeNaN();
  });

  it('the holdout table shows the median and range when a run scored several seeds', () => {
    const wave = (n: number, shift: number) =>
      Array.from({ length: n }, (_, i) => [(i * 0.618) % 1, 0.5 + 0.3 * Math.sin(i + shift), 0.2, 0.4, 0.6]);
    const evaluation = evaluate(wave(200, 0.1), { train: wave(200, 0), test: wave(50, 0.05) });
    const run: RunSummary = {
      model: 'realnvp',
      label: 'realnvp',
      fitSeconds: 1,
      fitCpuSeconds: 1,
      testNll: -7,
      evaluation,
      overSeeds: {
        seeds: [2, 3, 4],
        mmdRatio: spread([1.3, 0.9, 1.1]),
        c2st: spread([0.51, 0.5, 0.52]),
        dcrRatio: spread([1.05, 1.04, 1.06]),
        exactCopies: spread([0, 0, 0]),
      },
      seedStyle: evaluateSeedStyle(wave(200, 0.1), wave(250, 0)),
    };
    const [header, ...rows] = holdoutTable([run], { quizData: false });
    const ours = rows.at(-1) ?? [];
    const cell = (name: string) => ours[header?.indexOf(name) ?? -1];
    expect(cell('MMD ratio')).toBe('1.10 (0.90–1.30)');
    expect(cell('C2ST acc')).toBe('0.510 (0.500–0.520)');
    expect(cell('DCR ratio')).toBe('1.05 (1.04–1.06)');
  });

  it('scores a copy of the training set as the yardstick row: every point a training point', async () => {
    const wave = (n: number, shift: number) =>
      toPoints(
        Array.from({ length: n }, (_, i) => [
          (i * 0.618) % 1,
          0.5 + 0.3 * Math.sin(i + shift),
          0.2,
          0.4,
          0.6,
        ]),
      );
    const train = wave(120, 0);
    const test = wave(40, 0.05);
    const copy = resampleTraining(train, 300, 7);
    expect(copy.count).toBe(300);
    expect(resampleTraining(train, 300, 7).data).toEqual(copy.data);
    const rows = new Set(Array.from({ length: 120 }, (_, i) => train.data.subarray(i * 5, i * 5 + 5).join()));
    for (let i = 0; i < 300; i++) expect(rows.has(copy.data.subarray(i * 5, i * 5 + 5).join())).toBe(true);
    const scored = await evaluateOverSeeds(
      (count, seed) => resampleTraining(train, count, seed),
      train,
      test,
      [2, 3],
      0,
    );
    expect(scored.summary.seeds).toEqual([2, 3]);
    expect(scored.summary.exactCopies.median).toBe(1);
    const [header, ...table] = holdoutTable([], { quizData: false, copy: scored });
    const row = table.at(-1) ?? [];
    expect(row[0]).toBe('training points resampled (a copy)');
    expect(row[header?.indexOf('copies') ?? -1]).toBe('100.00 %');
  });
});
