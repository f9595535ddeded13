import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { evalCommand } from '../../src/cli/eval.js';
import { fitCommand } from '../../src/cli/fit.js';
import { reproduceCommand } from '../../src/cli/reproduce-command.js';
import { sampleCommand } from '../../src/cli/sample.js';

describe('argument parsing', () => {
  it('parses fit with every option', () => {
    const args = fitCommand.parse([
      '--type=masked-transformer',
      '--data',
      'pts.csv',
      '--out',
      'm',
      '--epochs',
      '3',
      '--preset',
      'original',
      '--seed',
      '7',
      '--validation',
      '0.1',
      '--backend',
      'cpu',
    ]);
    expect(args).toEqual({
      type: 'masked-transformer',
      data: 'pts.csv',
      out: 'm',
      epochs: 3,
      preset: 'original',
      seed: 7,
      validation: 0.1,
      backend: 'cpu',
      lattice: 'auto',
      warnings: [],
    });
  });

  it('keeps the old spelling fit --model NAME working, with a warning', () => {
    const args = fitCommand.parse(['--model', 'realnvp', '--data', 'd.csv', '--out', 'o']);
    expect(args).toMatchObject({
      type: 'realnvp',
      warnings: [expect.stringMatching(/^--model realnvp is now --type realnvp/)],
    });
    expect(() =>
      fitCommand.parse(['--model', 'realnvp', '--type', 'realnvp', '--data', 'd', '--out', 'o']),
    ).toThrow('--model and --type name the same thing');
    expect(reproduceCommand.parse(['--model', 'realnvp'])).toMatchObject({
      models: ['realnvp'],
      warnings: [expect.any(String)],
    });
  });

  it('parses --lattice: auto, none, one step for all or one per coordinate', () => {
    const parse = (lattice: string) =>
      (
        fitCommand.parse(['--type', 'realnvp', '--data', 'd.csv', '--out', 'o', '--lattice', lattice]) as {
          lattice: unknown;
        }
      ).lattice;
    expect(parse('auto')).toBe('auto');
    expect(parse('none')).toBeNull();
    expect(parse('1/427')).toEqual(new Array(5).fill(1 / 427));
    expect(parse('1/300,1/300, 1/255,1/255,0.5')).toEqual([1 / 300, 1 / 300, 1 / 255, 1 / 255, 0.5]);
    for (const bad of ['1/0', '0', '1,2', 'x', '1//3']) {
      expect(() => parse(bad)).toThrow(/--lattice: expected auto, none, or 1 or 5 positive steps/);
    }
  });

  it('still takes the old type name transformer, with a warning', () => {
    expect(fitCommand.parse(['--type', 'transformer', '--data', 'd.csv', '--out', 'o'])).toMatchObject({
      type: 'masked-transformer',
      warnings: ['--type transformer is now --type masked-transformer (the name saved files use)'],
    });
    expect(reproduceCommand.parse(['--type=transformer'])).toMatchObject({
      models: ['masked-transformer'],
      warnings: ['--type transformer is now --type masked-transformer (the name saved files use)'],
    });
  });

  it('returns help for -h and --help, whatever else is given', () => {
    expect(fitCommand.parse(['-h'])).toBe('help');
    expect(sampleCommand.parse(['--help', '--model', 'x'])).toBe('help');
  });

  it.each([
    [['--type', 'realnvp', '--data', 'd.csv'], '--out is required'],
    [['--data', 'd.csv', '--out', 'o'], '--type is required'],
    [
      ['--type', 'gan', '--data', 'd.csv', '--out', 'o'],
      "--type: expected one of realnvp, masked-transformer, gaussian-mixture, got 'gan'",
    ],
    [
      ['--type', 'realnvp', '--data', 'd.csv', '--out', 'o', '--epochs', '1.5'],
      '--epochs: expected an integer ≥ 1',
    ],
    [
      ['--type', 'realnvp', '--data', 'd.csv', '--out', 'o', '--epochs', '0'],
      '--epochs: expected an integer ≥ 1',
    ],
    [
      ['--type', 'realnvp', '--data', 'd.csv', '--out', 'o', '--validation', '1'],
      '--validation: expected a number in [0, 1)',
    ],
    [['--type', 'realnvp', '--frobnicate'], "unknown option --frobnicate for 'fit'"],
    [['--type', 'realnvp', 'extra'], "unexpected argument 'extra'"],
    [['--type'], '--type'],
  ])('fit %j is a usage error: %s', (argv, message) => {
    expect(() => fitCommand.parse(argv)).toThrow(UsageError);
    expect(() => fitCommand.parse(argv)).toThrow(message);
  });

  it('sample takes -n and checks the output extension before anything runs', () => {
    expect(sampleCommand.parse(['--model', 'm', '-n', '10', '--out', 'a.npy'])).toMatchObject({
      count: 10,
      seed: 0,
    });
    expect(() => sampleCommand.parse(['--model', 'm', '-n', '10', '--out', 'a.txt'])).toThrow(
      "--out: expected a .csv, .npy or .json file, got 'a.txt'",
    );
    expect(() => sampleCommand.parse(['--model', 'm', '--out', 'a.csv'])).toThrow('--count is required');
  });

  it('eval has a boolean --json and optional --train', () => {
    expect(evalCommand.parse(['--real', 'r.csv', '--generated', 'g.csv', '--json'])).toEqual({
      real: 'r.csv',
      generated: 'g.csv',
      json: true,
      seed: 0,
    });
  });

  it('reproduce defaults to every model', () => {
    expect(reproduceCommand.parse([])).toMatchObject({
      models: ['realnvp', 'masked-transformer', 'gaussian-mixture'],
      out: 'out',
      seed: 0,
    });
    expect(reproduceCommand.parse(['--type', 'realnvp'])).toMatchObject({ models: ['realnvp'] });
    expect(() => reproduceCommand.parse(['--type', 'both'])).toThrow(
      'realnvp, masked-transformer, gaussian-mixture, all',
    );
    expect(reproduceCommand.parse(['--validation', '0.1', '--patience', '10'])).toMatchObject({
      validation: 0.1,
      patience: 10,
    });
    expect(reproduceCommand.parse([])).not.toHaveProperty('validation');
    expect(() => reproduceCommand.parse(['--validation', '1'])).toThrow('--validation');
    expect(() => reproduceCommand.parse(['--patience', '10'])).toThrow('add --validation');
    expect(reproduceCommand.parse(['--sample-seeds', '20'])).toMatchObject({ sampleSeeds: 20 });
    expect(() => reproduceCommand.parse(['--sample-seeds', '0'])).toThrow('--sample-seeds');
  });
});
