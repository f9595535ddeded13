import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv } from '../../src/data/csv.js';
import { formatJson, parseJson } from '../../src/data/json.js';
import type { Points } from '../../src/data/points.js';
import { FormatError, InvalidPointsError } from '../../src/errors.js';

/** Point sets of any float32 values (including -0, subnormals and the extremes), of 1 to 7 columns. */
const pointsArb = fc.integer({ min: 1, max: 7 }).chain((dim) =>
  fc
    .array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: dim, maxLength: 60 })
    .map((xs) => xs.slice(0, xs.length - (xs.length % dim)))
    .map((xs): Points => ({ data: Float32Array.from(xs), count: xs.length / dim, dim })),
);

function expectSameBits(actual: Points, expected: Points): void {
  expect(actual.dim).toBe(expected.dim);
  expect(actual.count).toBe(expected.count);
  expect(new Uint32Array(actual.data.buffer, actual.data.byteOffset, actual.data.length)).toEqual(
    new Uint32Array(expected.data.buffer, expected.data.byteOffset, expected.data.length),
  );
}

const five: Points = { data: Float32Array.from([0.1, 0.2, 1, 0, 246 / 300]), count: 1, dim: 5 };

describe('formatCsv', () => {
  it('writes an x,y,r,g,b header and the shortest text of each float32 value', () => {
    expect(formatCsv(five)).toBe('x,y,r,g,b\n0.1,0.2,1,0,0.82\n');
  });

  it('names the columns c0..cN for other dimensions, and keeps -0, tiny and huge values', () => {
    const points = { data: Float32Array.from([-0, 1e-45, 3.4028234663852886e38]), dim: 3 };
    expect(formatCsv(points)).toBe('c0,c1,c2\n-0,1e-45,3.4028235e+38\n');
  });

  it('writes only the header for an empty set, which parseCsv reads back as empty', () => {
    const empty = { data: new Float32Array(0), count: 0, dim: 5 };
    expect(formatCsv(empty)).toBe('x,y,r,g,b\n');
    expect(parseCsv(formatCsv(empty))).toEqual(empty);
  });

  it('rejects non-finite values instead of writing NaN', () => {
    expect(() => formatCsv({ data: Float32Array.from([0, Number.NaN]), dim: 2 })).toThrow(InvalidPointsError);
  });
});

describe('parseCsv', () => {
  it('round-trips any point set bit for bit', () => {
    fc.assert(fc.property(pointsArb, (points) => expectSameBits(parseCsv(formatCsv(points)), points)));
  });

  it('reads text without a header, with \\r\\n line ends, blank lines, spaces and a byte-order mark', () => {
    const points = parseCsv('\uFEFF0.5, 0.25 ,1,0,0\r\n\r\n1e-1,.5,+1,0,0\r\n');
    expect(points.count).toBe(2);
    expect(Array.from(points.data)).toEqual([0.5, 0.25, 1, 0, 0, Math.fround(0.1), 0.5, 1, 0, 0]);
  });

  it('rounds each value once to float32', () => {
    expect(parseCsv('0.81999999999999995').data[0]).toBe(Math.fround(0.81999999999999995));
  });

  it('maps headed columns by name, in any order and case, and reads headerless columns by position', () => {
    const expected = [0.5, 0.25, 1, 0, 0.75];
    expect(Array.from(parseCsv('x,y,r,g,b\n0.5,0.25,1,0,0.75', { dim: 5 }).data)).toEqual(expected);
    expect(Array.from(parseCsv('R,G,B,X,Y\n1,0,0.75,0.5,0.25\n', { dim: 5 }).data)).toEqual(expected);
    expect(Array.from(parseCsv('"b", "y" ,x,g,r\n0.75,0.25,0.5,0,1\n').data)).toEqual(expected);
    expect(Array.from(parseCsv('0.5,0.25,1,0,0.75\n').data)).toEqual(expected);
    expect(Array.from(parseCsv('y,x\n2,1\n').data)).toEqual([1, 2]);
    expect(Array.from(parseCsv('c1,c0\n2,1\n').data)).toEqual([1, 2]);
  });

  it('reads ; and tab delimited files', () => {
    const expected = [0.5, 0.25, 1, 0, 0.75];
    expect(Array.from(parseCsv('r;g;b;x;y\r\n1;0;0.75;0.5;0.25\r\n').data)).toEqual(expected);
    expect(Array.from(parseCsv('x\ty\tr\tg\tb\n0.5\t0.25\t1\t0\t0.75\n').data)).toEqual(expected);
    expect(Array.from(parseCsv('0.5;0.25;1;0;0.75\n').data)).toEqual(expected);
  });

  it('rejects a header naming other columns, a column twice, and a first row of nans', () => {
    expect(() => parseCsv('"a",b\n1,2\n')).toThrow(/header names the columns a, b; expected x, y or c0…c1/);
    expect(() => parseCsv('x,y,r,g,id\n1,2,3,4,5\n')).toThrow(FormatError);
    expect(() => parseCsv('x,x\n1,2\n')).toThrow(/header names the columns x, x/);
    expect(() => parseCsv('nan,nan,nan,nan,nan\n1,2,3,4,5\n')).toThrow(
      /line 1, column 1: 'nan' is not a number \(points need finite values\)/,
    );
    expect(() => parseCsv('x,y,r,g,b\nNaN,inf,0,0,0\n')).toThrow(/line 2, column 1: 'NaN' is not a number/);
  });

  it('hints at the delimiter when a field holds another one', () => {
    expect(() => parseCsv('x;y\n0,5;0,25\n')).toThrow(
      /'0,5' is not a number \(the delimiter, from line 1, is ';'; decimal commas are not read\)/,
    );
  });

  const bad: Array<[string, string, RegExp, number?]> = [
    ['a word in a data row', 'x,y\n1,2\n3,abc\n', /line 3, column 2: 'abc' is not a number/],
    ['an empty field', '1,,2\n', /line 1, column 2: '' is not a number/],
    ['hexadecimal', '1,0x10\n', /'0x10' is not a number/],
    ['Infinity', '1,2\n1,Infinity\n', /line 2, column 2: 'Infinity' is not a number/],
    ['NaN', '1,2\nNaN,2\n', /line 2, column 1: 'NaN' is not a number/],
    [
      'a value beyond the float32 range',
      '1,2\n1,1e39\n',
      /line 2, column 2: 1e39 is beyond the float32 range/,
    ],
    ['a short row', 'x,y,r\n1,2,3\n\n4,5\n', /line 4: the row has 2 columns, expected 3/],
    [
      'a long row after a headerless first row',
      '1,2\r\n1,2,3\r\n',
      /line 2: the row has 3 columns, expected 2/,
    ],
    ['a header of the wrong width for dim', 'x,y\n1,2\n', /line 1: the header has 2 columns, expected 5/, 5],
    ['a row of the wrong width for dim', '1,2\n', /line 1: the row has 2 columns, expected 5/, 5],
    ['empty text', '', /no lines/],
    ['blank text', '\n \r\n', /no lines/],
  ];
  for (const [what, text, message, dim] of bad) {
    it(`rejects ${what} with a FormatError naming the line`, () => {
      const parse = () => parseCsv(text, dim === undefined ? {} : { dim });
      expect(parse).toThrow(FormatError);
      expect(parse).toThrow(message);
    });
  }

  it('rejects a bad dim option and a non-string', () => {
    expect(() => parseCsv('1', { dim: 0 })).toThrow(RangeError);
    expect(() => parseCsv(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('formatJson', () => {
  it('writes an array of rows, one per line, with the shortest float32 text', () => {
    expect(formatJson(five)).toBe('[\n  [0.1,0.2,1,0,0.82]\n]\n');
    expect(formatJson({ data: Float32Array.from([-0, 1e-45]), dim: 1 })).toBe('[\n  [-0],\n  [1e-45]\n]\n');
  });

  it('writes [] for an empty set, which parseJson reads back given dim', () => {
    const empty = { data: new Float32Array(0), count: 0, dim: 5 };
    expect(formatJson(empty)).toBe('[]\n');
    expect(parseJson('[]', { dim: 5 })).toEqual(empty);
    expect(() => parseJson('[]')).toThrow(/options.dim/);
  });
});

describe('parseJson', () => {
  it('round-trips any point set bit for bit', () => {
    fc.assert(fc.property(pointsArb, (points) => expectSameBits(parseJson(formatJson(points)), points)));
  });

  it('reads rows or a { data, dim } object', () => {
    expect(parseJson('[[1, 2], [3, 4]]')).toEqual({
      data: Float32Array.from([1, 2, 3, 4]),
      count: 2,
      dim: 2,
    });
    expect(parseJson('{"data": [1, 2, 3, 4], "dim": 2}').count).toBe(2);
  });

  it('rejects text that is not JSON with a FormatError', () => {
    expect(() => parseJson('[[1, 2],')).toThrow(FormatError);
  });

  it('rejects ragged rows, strings and a wrong dimension with an InvalidPointsError for "json"', () => {
    expect(() => parseJson('[[1, 2], [3]]')).toThrow(/json: row 1 has 1 values/);
    expect(() => parseJson('[[1, "2"]]')).toThrow(InvalidPointsError);
    expect(() => parseJson('[[1, 2]]', { dim: 5 })).toThrow(/expected 5 coordinates/);
    expect(() => parseJson('{"rows": []}')).toThrow(InvalidPointsError);
  });
});
