import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { historyFromJson } from '../../src/cli/plots.js';

describe('historyFromJson', () => {
  const epochs = [{ epoch: 1, loss: -2, valNll: null, seconds: 1, learningRate: 1e-3 }];

  it('reads history.json of fit and report.json of reproduce; null validation NLL is NaN', () => {
    const expected = { epochs: [{ epoch: 1, loss: -2, valNll: Number.NaN }] };
    expect(historyFromJson({ epochs, bestEpoch: 1 }, 'h.json')).toEqual(expected);
    expect(historyFromJson({ model: 'realnvp', epochs: 1, history: epochs }, 'report.json')).toEqual(
      expected,
    );
    expect(historyFromJson(epochs, 'a.json')).toEqual(expected);
  });

  it('rejects anything else, naming the file', () => {
    expect(() => historyFromJson({ epochs: 3 }, 'x.json')).toThrow(UsageError);
    expect(() => historyFromJson([{ epoch: '1' }], 'x.json')).toThrow('x.json: expected a training history');
  });
});
