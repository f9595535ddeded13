import { describe, expect, it } from 'vitest';
import { HOLDOUT_ANCHORS } from '../../src/cli/anchors.js';
import { withBaseline } from '../../src/cli/models.js';
import { comparison, holdoutTable, markdownTable, seedStyleTable } from '../../src/cli/tables.js';
import { coloredPi } from '../../src/datasets/colored-pi.js';
import { mixtureRun, QUIZ_ONLY, transformerRun as run } from './runs.js';

describe('comparison tables', () => {
  it("(a) puts the original README's figures above ours, model by model, on the quiz data", () => {
    const rows = seedStyleTable([run], { quizData: true });
    expect(rows.map((r) => r[0])).toEqual([
      'model',
      'reference, quiz data, measured in PyTorch: MaskedTransformer, original README',
      'transformer, pointgen',
    ]);
    expect(rows[1]?.slice(1)).toEqual([
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

  it('(b) lists the reference models of docs/protocol.md on the quiz data, then ours with every ratio', () => {
    const rows = holdoutTable([run], { quizData: true });
    expect(rows).toHaveLength(1 + HOLDOUT_ANCHORS.length + 1);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual([
      'reference, quiz data, measured in PyTorch: original RealNVP recipe (50 epochs)',
      'reference, quiz data, measured in scikit-learn: GaussianMixture-30',
      'reference, quiz data, measured in scikit-learn: KernelDensity (CV bandwidth)',
    ]);
    expect(rows[1]?.slice(1, 4)).toEqual(['47.0', '-7.19', '1.93']);
    const ours = rows.at(-1) as string[];
    expect(ours.slice(0, 3)).toEqual(['transformer, pointgen', '12.3 (10.0)', '-7.500']);
    expect(ours[3]).toBe((run.evaluation.mmd.ratio as number).toFixed(2));
    expect(ours.every((cell) => cell !== '' && !cell.includes('NaN'))).toBe(true);
  });

  it('shows no reference row, measured on the quiz data, beside runs on other data: only the runs', () => {
    const seedStyle = seedStyleTable([run, mixtureRun], { quizData: false });
    const holdout = holdoutTable([run, mixtureRun], { quizData: false });
    for (const rows of [seedStyle, holdout]) {
      expect(rows.slice(1).map((r) => r[0])).toEqual(['transformer, pointgen', 'gaussian-mixture, pointgen']);
      const text = markdownTable(rows);
      for (const word of QUIZ_ONLY) expect(text).not.toContain(word);
    }
  });

  it("prints a run's tables on the built-in points with the mixture's row and no reference row", () => {
    for (const points of [coloredPi(), coloredPi({ count: 400 })]) {
      const { quizData, text } = comparison(points, [run, mixtureRun]);
      expect(quizData).toBe(false);
      expect(text.match(/\n\| gaussian-mixture, pointgen \|/g)).toHaveLength(2);
      expect(text).toContain(
        'no reference rows: they were measured on the quiz data, and these points are not it',
      );
      for (const word of QUIZ_ONLY) expect(text).not.toContain(word);
    }
  });

  it('always trains the mixture in a reproduce run, once', () => {
    expect(withBaseline(['realnvp'])).toEqual(['realnvp', 'gaussian-mixture']);
    expect(withBaseline([])).toEqual(['gaussian-mixture']);
    expect(withBaseline(['gaussian-mixture', 'realnvp'])).toEqual(['gaussian-mixture', 'realnvp']);
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
