import { describe, expect, it } from 'vitest';
import { HOLDOUT_ANCHORS } from '../../src/cli/anchors.js';
import { holdoutTable, markdownTable, type RunSummary, seedStyleTable } from '../../src/cli/tables.js';
import { evaluate, evaluateSeedStyle } from '../../src/metrics/index.js';

const wave = (n: number, shift: number) =>
  Array.from({ length: n }, (_, i) => [(i * 0.618) % 1, 0.5 + 0.3 * Math.sin(i + shift), 0.2, 0.4, 0.6]);
const run: RunSummary = {
  model: 'masked-transformer',
  label: 'transformer',
  fitSeconds: 12.34,
  fitCpuSeconds: 10,
  testNll: -7.5,
  evaluation: evaluate(wave(200, 0.1), { train: wave(200, 0), test: wave(50, 0.05) }),
  seedStyle: evaluateSeedStyle(wave(200, 0.1), wave(250, 0)),
};

describe('comparison tables', () => {
  it("(a) puts the original README's figures above ours, model by model", () => {
    const rows = seedStyleTable([run]);
    expect(rows.map((r) => r[0])).toEqual([
      'model',
      'MaskedTransformer, original README',
      'transformer, pointgen',
    ]);
    expect(rows[1]).toEqual([
      'MaskedTransformer, original README',
      '0.0019',
      '0.0858',
      '0.0534',
      '0.0086',
      '0.0032',
      '0.0061',
      '0.0045',
      '0.0117',
    ]);
    expect(rows[2]?.[1]).toBe(run.seedStyle.mmd.toFixed(4));
  });

  it('(b) lists the reference models of PROTOCOL.md, then ours with every ratio', () => {
    const rows = holdoutTable([run]);
    expect(rows).toHaveLength(1 + HOLDOUT_ANCHORS.length + 1);
    expect(rows[1]?.slice(0, 4)).toEqual([
      'original RealNVP recipe (PyTorch, 50 epochs)',
      '47.0',
      '-7.19',
      '1.93',
    ]);
    const ours = rows.at(-1) as string[];
    expect(ours.slice(0, 3)).toEqual(['transformer, pointgen', '12.3 (10.0)', '-7.500']);
    expect(ours[3]).toBe((run.evaluation.mmd.ratio as number).toFixed(2));
    expect(ours.every((cell) => cell !== '' && !cell.includes('NaN'))).toBe(true);
  });

  it('renders GitHub markdown', () => {
    expect(
      markdownTable([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
});
