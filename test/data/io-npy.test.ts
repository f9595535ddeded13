import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNpy, npyToPoints, parseNpy } from '../../src/data/npy.js';
import type { Points } from '../../src/data/points.js';
import { FormatError } from '../../src/errors.js';
import { HAS_PI_QUIZ, PI_QUIZ_DIR } from '../node/shared-dir.js';

type Writer = (view: DataView, offset: number, value: number, littleEndian: boolean) => void;

const WRITERS: Record<string, { size: number; write: Writer; values: number[] }> = {
  b1: { size: 1, write: (v, o, x) => v.setUint8(o, x), values: [0, 1, 1, 0] },
  i1: { size: 1, write: (v, o, x) => v.setInt8(o, x), values: [-128, -1, 0, 127] },
  u1: { size: 1, write: (v, o, x) => v.setUint8(o, x), values: [0, 1, 200, 255] },
  i2: { size: 2, write: (v, o, x, le) => v.setInt16(o, x, le), values: [-32768, -2, 300, 32767] },
  u2: { size: 2, write: (v, o, x, le) => v.setUint16(o, x, le), values: [0, 1, 258, 65535] },
  i4: { size: 4, write: (v, o, x, le) => v.setInt32(o, x, le), values: [-(2 ** 31), -5, 70000, 2 ** 31 - 1] },
  u4: { size: 4, write: (v, o, x, le) => v.setUint32(o, x, le), values: [0, 7, 65536 * 3 + 1, 2 ** 32 - 1] },
  i8: {
    size: 8,
    write: (v, o, x, le) => v.setBigInt64(o, BigInt(x), le),
    values: [-Number.MAX_SAFE_INTEGER, -1, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER],
  },
  u8: {
    size: 8,
    write: (v, o, x, le) => v.setBigUint64(o, BigInt(x), le),
    values: [0, 1, 2 ** 33 + 5, Number.MAX_SAFE_INTEGER],
  },
  f4: {
    size: 4,
    write: (v, o, x, le) => v.setFloat32(o, x, le),
    values: [-1.5, 0.1, 3.4e38, -0].map(Math.fround),
  },
  f8: { size: 8, write: (v, o, x, le) => v.setFloat64(o, x, le), values: [-1e300, 0.1, 246 / 300, 5e-324] },
};

/** A `.npy` file built by hand: a header dict, padded like numpy pads it, then `data`. */
function npyBytes(
  dict: string,
  data: Uint8Array,
  version = 1,
  { pad = true, headerBytes }: { pad?: boolean; headerBytes?: Uint8Array } = {},
): Uint8Array {
  const lengthSize = version === 1 ? 2 : 4;
  let header = headerBytes ?? new TextEncoder().encode(dict);
  if (pad) {
    const total = 8 + lengthSize + header.length + 1;
    const padded = new Uint8Array(header.length + ((64 - (total % 64)) % 64) + 1).fill(0x20);
    padded.set(header);
    padded[padded.length - 1] = 0x0a;
    header = padded;
  }
  const out = new Uint8Array(8 + lengthSize + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(header, 8 + lengthSize);
  out.set(data, 8 + lengthSize + header.length);
  return out;
}

function typedBytes(code: string, values: number[], littleEndian: boolean): Uint8Array {
  const w = WRITERS[code];
  if (!w) throw new Error(code);
  const bytes = new Uint8Array(values.length * w.size);
  const view = new DataView(bytes.buffer);
  values.forEach((x, i) => {
    w.write(view, i * w.size, x, littleEndian);
  });
  return bytes;
}

function dictFor(descr: string, shape: string, fortran = 'False'): string {
  return `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;
}

describe('parseNpy', () => {
  for (const [code, { size, values }] of Object.entries(WRITERS)) {
    const orders = size === 1 ? ['|', '<'] : ['<', '>'];
    for (const order of orders) {
      for (const version of [1, 2, 3]) {
        it(`reads ${order}${code}, format ${version}.0`, () => {
          const littleEndian = order !== '>';
          const bytes = npyBytes(
            dictFor(`${order}${code}`, '(2, 2)'),
            typedBytes(code, values, littleEndian),
            version,
          );
          const array = parseNpy(bytes);
          expect(array.shape).toEqual([2, 2]);
          expect(array.dtype).toBe(`${order}${code}`);
          expect(Array.from(array.data)).toEqual(values);
        });
      }
    }
  }

  it('tells big-endian from little-endian data', () => {
    const data = typedBytes('i4', [1, 256], true);
    expect(Array.from(parseNpy(npyBytes(dictFor('<i4', '(2,)'), data)).data)).toEqual([1, 256]);
    expect(Array.from(parseNpy(npyBytes(dictFor('>i4', '(2,)'), data)).data)).toEqual([2 ** 24, 2 ** 16]);
  });

  it('reads shapes (), (n,), (a, b, c) and (0, 5), and a header with double quotes and no padding', () => {
    const f8 = (xs: number[]) => typedBytes('f8', xs, true);
    expect(parseNpy(npyBytes(dictFor('<f8', '()'), f8([2.5]))).shape).toEqual([]);
    expect(parseNpy(npyBytes(dictFor('<f8', '()'), f8([2.5]))).data[0]).toBe(2.5);
    expect(parseNpy(npyBytes(dictFor('<f8', '(3,)'), f8([1, 2, 3]))).shape).toEqual([3]);
    const cube = parseNpy(npyBytes(dictFor('<f8', '(1, 2, 3)'), f8([0, 1, 2, 3, 4, 5])));
    expect(cube.shape).toEqual([1, 2, 3]);
    expect(Array.from(cube.data)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(parseNpy(npyBytes(dictFor('<f8', '(0, 5)'), f8([]))).shape).toEqual([0, 5]);
    const dq = '{"descr": "<f8", "fortran_order": False, "shape": (1,)}';
    expect(parseNpy(npyBytes(dq, f8([7]), 1, { pad: false })).data[0]).toBe(7);
  });

  it('reads a non-ASCII UTF-8 header of format 3.0', () => {
    const dict = `{'descr': '<u1', 'fortran_order': False, 'shape': (1,), 'note': 'π'}`;
    expect(parseNpy(npyBytes(dict, new Uint8Array([9]), 3)).data[0]).toBe(9);
  });

  it('reads a view into a larger buffer', () => {
    const inner = npyBytes(dictFor('<i2', '(2,)'), typedBytes('i2', [-3, 4], true));
    const outer = new Uint8Array(inner.length + 3);
    outer.set(inner, 1);
    expect(Array.from(parseNpy(outer.subarray(1, 1 + inner.length)).data)).toEqual([-3, 4]);
  });

  it('accepts fortran_order True for one dimension, where it is the same layout', () => {
    const bytes = npyBytes(dictFor('<u1', '(3,)', 'True'), new Uint8Array([1, 2, 3]));
    expect(Array.from(parseNpy(bytes).data)).toEqual([1, 2, 3]);
  });

  const bad: Array<[string, () => Uint8Array, RegExp]> = [
    ['a bad magic string', () => new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x58, 1, 0, 0, 0]), /magic/],
    ['too few bytes for the magic', () => new Uint8Array([0x93, 0x4e]), /magic/],
    [
      'a file that ends after the magic',
      () => new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1]),
      /truncated header/,
    ],
    ['format version 4.0', () => npyBytes(dictFor('<f8', '(0,)'), new Uint8Array(0), 4), /version 4\.0/],
    [
      'a truncated header',
      () => npyBytes(dictFor('<f8', '(1,)'), new Uint8Array(8)).subarray(0, 40),
      /truncated header/,
    ],
    [
      'truncated data',
      () => npyBytes(dictFor('<f8', '(2,)'), new Uint8Array(12)),
      /needs 16 .*12 \(truncated\)/,
    ],
    [
      'trailing bytes',
      () => npyBytes(dictFor('<u1', '(2,)'), new Uint8Array(3)),
      /needs 2 data bytes, the file has 3/,
    ],
    ['Fortran order', () => npyBytes(dictFor('<f8', '(2, 2)', 'True'), new Uint8Array(32)), /Fortran/],
    ['an object array', () => npyBytes(dictFor('|O', '(1,)'), new Uint8Array(8)), /object arrays/],
    [
      'a structured dtype',
      () => npyBytes(`{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }`, new Uint8Array(8)),
      /structured/,
    ],
    ['float16', () => npyBytes(dictFor('<f2', '(1,)'), new Uint8Array(2)), /unsupported dtype '<f2'/],
    ['a complex dtype', () => npyBytes(dictFor('<c16', '(1,)'), new Uint8Array(16)), /unsupported dtype/],
    ['a string dtype', () => npyBytes(dictFor('<U3', '(1,)'), new Uint8Array(12)), /unsupported dtype/],
    [
      "'|' on a multi-byte type",
      () => npyBytes(dictFor('|f8', '(1,)'), new Uint8Array(8)),
      /unsupported dtype/,
    ],
    [
      'a prototype key as dtype',
      () => npyBytes(dictFor('<constructor', '(1,)'), new Uint8Array(8)),
      /unsupported/,
    ],
    [
      'a header without shape',
      () => npyBytes(`{'descr': '<f8', 'fortran_order': False}`, new Uint8Array(0)),
      /malformed header/,
    ],
    ['a negative dimension', () => npyBytes(dictFor('<f8', '(-1,)'), new Uint8Array(0)), /bad dimension/],
    [
      'invalid UTF-8 in a 3.0 header',
      () => npyBytes('', new Uint8Array(0), 3, { headerBytes: new Uint8Array([0x7b, 0xff, 0x7d]) }),
      /UTF-8/,
    ],
    [
      'an int64 beyond MAX_SAFE_INTEGER',
      () => {
        const data = new Uint8Array(16);
        new DataView(data.buffer).setBigInt64(8, 2n ** 53n, true);
        return npyBytes(dictFor('<i8', '(2,)'), data);
      },
      /element 1 of <i8: 9007199254740992 is beyond/,
    ],
    [
      'a uint64 beyond MAX_SAFE_INTEGER',
      () => {
        const data = new Uint8Array(8);
        new DataView(data.buffer).setBigUint64(0, 2n ** 64n - 1n, false);
        return npyBytes(dictFor('>u8', '(1,)'), data);
      },
      /beyond Number.MAX_SAFE_INTEGER/,
    ],
  ];
  for (const [what, make, message] of bad) {
    it(`rejects ${what} with a FormatError`, () => {
      const bytes = make();
      expect(() => parseNpy(bytes)).toThrow(FormatError);
      expect(() => parseNpy(bytes)).toThrow(message);
    });
  }

  it('rejects a non-Uint8Array argument with a TypeError', () => {
    expect(() => parseNpy('abc' as unknown as Uint8Array)).toThrow(TypeError);
  });

  it.skipIf(!HAS_PI_QUIZ)('reads pi_xs.npy of ../shared/data/pi-quiz: 5000 int64 indices in [0, 300)', () => {
    const xs = parseNpy(readFileSync(join(PI_QUIZ_DIR, 'pi_xs.npy')));
    expect(xs.dtype).toBe('<i8');
    expect(xs.shape).toEqual([5000]);
    expect(xs.data.every((v) => Number.isInteger(v) && v >= 0 && v < 300)).toBe(true);
    expect(Array.from(xs.data.subarray(0, 4))).toEqual([246, 263, 69, 242]);
  });
});

describe('formatNpy', () => {
  it('writes format 1.0, <f4, shape (count, dim), data 64-byte aligned', () => {
    const bytes = formatNpy({ data: new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]), dim: 3 });
    const header = new TextDecoder().decode(bytes.subarray(10, 10 + (bytes[8] as number)));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} +\n$/);
    expect((10 + header.length) % 64).toBe(0);
    expect(bytes.length).toBe(10 + header.length + 6 * 4);
  });

  it("writes '<f8' on request, and rejects other dtypes", () => {
    const array = parseNpy(formatNpy([[0.1, 0.2]], { dtype: 'f8' }));
    expect(array.dtype).toBe('<f8');
    expect(array.data[0]).toBe(Math.fround(0.1));
    expect(() => formatNpy([[1]], { dtype: 'i4' as 'f4' })).toThrow(RangeError);
  });

  const pointsArb = fc.integer({ min: 1, max: 7 }).chain((dim) =>
    fc
      .array(fc.float({ noNaN: true, noDefaultInfinity: true }), { maxLength: 40 })
      .map((xs) => xs.slice(0, xs.length - (xs.length % dim)))
      .map((xs): Points => ({ data: Float32Array.from(xs), count: xs.length / dim, dim })),
  );

  it('round-trips any point set bit for bit through parseNpy and npyToPoints (f4 and f8)', () => {
    fc.assert(
      fc.property(pointsArb, fc.constantFrom('f4' as const, 'f8' as const), (points, dtype) => {
        const back = npyToPoints(parseNpy(formatNpy(points, { dtype })));
        expect(back.count).toBe(points.count);
        expect(back.dim).toBe(points.dim);
        expect(new Uint8Array(back.data.buffer)).toEqual(new Uint8Array(points.data.buffer));
      }),
    );
  });
});

describe('npyToPoints', () => {
  it('rejects arrays that are not (count, dim)', () => {
    const oneD = { shape: [3], dtype: '<f8', data: new Float64Array(3) };
    expect(() => npyToPoints(oneD)).toThrow(/shape \(count, dim\).*got \(3\)/);
    expect(() => npyToPoints({ ...oneD, shape: [3, 0], data: new Float64Array(0) })).toThrow(FormatError);
  });

  it('rejects float64 values beyond the float32 range instead of storing Infinity', () => {
    expect(() => npyToPoints({ shape: [1, 2], dtype: '<f8', data: new Float64Array([0, 1e300]) })).toThrow(
      /non-finite|Infinity/,
    );
  });
});
