import { describe, expect, it } from 'vitest';
import { spread } from '../../src/cli/sample-seeds.js';
import { holdoutTable, type RunSummary } from '../../src/cli/tables.js';
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
    const [header, ...rows] = holdoutTable([run]);
    const ours = rows.at(-1) ?? [];
    const cell = (name: string) => ours[header?.indexOf(name) ?? -1];
    expect(cell('MMD ratio')).toBe('1.10 (0.90–1.30)');
    expect(cell('C2ST acc')).toBe('0.510 (0.500–0.520)');
    expect(cell('DCR ratio')).toBe('1.05 (1.04–1.06)');
  });
});
