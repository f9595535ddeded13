import { describe, expect, it } from 'vitest';
import { InvalidPointsError, isPoints, selectRows, toPoints, toRows } from '../../src/index.js';

function codeOf(fn: () => unknown): { code: string; row: number | undefined; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidPointsError) return { code: e.code, row: e.row, message: e.message };
    throw e;
  }
  throw new Error('expected an InvalidPointsError');
}

describe('toPoints', () => {
  it('accepts rows, flat data with a dimension, Points and tensor-likes', () => {
    const rows = [
      [0.1, 0.2, 0.3, 0.4, 0.5],
      [0.6, 0.7, 0.8, 0.9, 1],
    ];
    const fromRows = toPoints(rows);
    expect(fromRows.count).toBe(2);
    expect(fromRows.dim).toBe(5);
    expect(Array.from(fromRows.data)).toEqual(Array.from(new Float32Array(rows.flat())));

    const flat = toPoints({ data: new Float64Array(rows.flat()), dim: 5 });
    expect(flat.data).toEqual(fromRows.data);

    expect(toPoints(fromRows)).toBe(fromRows);

    const tensor = { rank: 2, shape: [2, 5], dataSync: () => new Float32Array(rows.flat()) };
    expect(toPoints(tensor).data).toEqual(fromRows.data);
  });

  it('names the problem and the first bad row', () => {
    expect(codeOf(() => toPoints([]))).toMatchObject({ code: 'empty' });
    expect(codeOf(() => toPoints([[0, 0]], { dim: 5 }))).toMatchObject({ code: 'dimension' });
    expect(codeOf(() => toPoints([[0, 0], [0]]))).toMatchObject({ code: 'ragged', row: 1 });
    expect(codeOf(() => toPoints([[0], [0], [Number.NaN]]))).toMatchObject({ code: 'non-finite', row: 2 });
    expect(codeOf(() => toPoints([[Number.POSITIVE_INFINITY]]))).toMatchObject({
      code: 'non-finite',
      row: 0,
    });
    expect(codeOf(() => toPoints([[0.5], [1.5]], { unitRange: true }))).toMatchObject({
      code: 'out-of-range',
      row: 1,
    });
    // Out of [0, 1], the error says how to fit other units and names the image convention that exceeds 1.
    expect(() => toPoints([[0.5], [1.5]], { unitRange: true })).toThrow(
      /row 1 holds 1.5 in column 0, outside \[0, 1\]; a Scaler \(Scaler.fit\).*x = row \/ width.*convention: 'aspect'/,
    );
    expect(codeOf(() => toPoints([[0, '1' as unknown as number]]))).toMatchObject({ code: 'type', row: 0 });
    expect(codeOf(() => toPoints({ data: new Float32Array(7), dim: 5 }))).toMatchObject({ code: 'ragged' });
    expect(codeOf(() => toPoints({ data: new Float32Array(10), dim: 5, count: 3 }))).toMatchObject({
      code: 'dimension',
    });
    expect(codeOf(() => toPoints({ rank: 3, shape: [1, 1, 5], dataSync: () => [] }))).toMatchObject({
      code: 'dimension',
    });
    expect(codeOf(() => toPoints(42 as never))).toMatchObject({ code: 'type' });
  });

  it('puts the argument name in the message', () => {
    expect(codeOf(() => toPoints([], { argument: 'train' })).message).toMatch(/^train: /);
  });

  it('accepts an empty set only when asked', () => {
    expect(toPoints([], { allowEmpty: true }).count).toBe(0);
  });

  it('is an InvalidPointsError that is also a TypeError', () => {
    expect(() => toPoints([])).toThrow(TypeError);
  });
});

describe('row helpers', () => {
  const pts = toPoints([
    [0, 1],
    [2, 3],
    [4, 5],
  ]);

  it('isPoints checks the shape of the data', () => {
    expect(isPoints(pts)).toBe(true);
    expect(isPoints({ data: new Float32Array(3), count: 2, dim: 2 })).toBe(false);
    expect(isPoints({ data: [0, 1], count: 1, dim: 2 })).toBe(false);
    expect(isPoints(null)).toBe(false);
  });

  it('selectRows picks rows in the order given and rejects bad indices', () => {
    expect(toRows(selectRows(pts, [2, 0]))).toEqual([
      [4, 5],
      [0, 1],
    ]);
    expect(() => selectRows(pts, [3])).toThrow(RangeError);
    expect(() => selectRows(pts, [0.5])).toThrow(/indices\[0\]/);
  });
});
