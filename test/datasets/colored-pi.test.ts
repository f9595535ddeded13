import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasets, type Points, protocolSplit, Rng } from '../../src/index.js';
import { HAS_PI_QUIZ, PI_QUIZ_DIR } from '../node/shared-dir.js';

const { coloredPi } = datasets;

/** Bit-for-bit equality of two float arrays (much faster than a deep `toEqual` on 25 000 values). */
function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/** Per-column mean and standard deviation of a point set (or of rows). */
function moments(rows: readonly (readonly number[])[] | Points): { mean: number[]; std: number[] } {
  const list = 'data' in rows ? toArrays(rows) : rows;
  const dim = list[0]?.length ?? 0;
  const mean = Array.from(
    { length: dim },
    (_, j) => list.reduce((s, r) => s + (r[j] as number), 0) / list.length,
  );
  const std = mean.map((m, j) =>
    Math.sqrt(list.reduce((s, r) => s + ((r[j] as number) - m) ** 2, 0) / list.length),
  );
  return { mean, std };
}

function toArrays(points: Points): number[][] {
  return Array.from({ length: points.count }, (_, i) =>
    Array.from(points.data.subarray(i * points.dim, (i + 1) * points.dim)),
  );
}

/** The rows whose pixel `(x·300, y·300)` falls in the given half-open pixel box. */
function inBox(points: Points, rows: [number, number], cols: [number, number]): number[][] {
  return toArrays(points).filter(([x, y]) => {
    const r = Math.round((x as number) * 300);
    const c = Math.round((y as number) * 300);
    return r >= rows[0] && r < rows[1] && c >= cols[0] && c < cols[1];
  });
}

describe('datasets.coloredPi', () => {
  const pi = coloredPi();

  it('gives 5000 five-dimensional points by default, and exactly `count` when asked', () => {
    expect(pi.count).toBe(5000);
    expect(pi.dim).toBe(5);
    expect(pi.data).toBeInstanceOf(Float32Array);
    expect(pi.data.length).toBe(25_000);
    for (const count of [1, 7, 1234, 12_345]) {
      const p = coloredPi({ count, seed: 1 });
      expect(p.count).toBe(count);
      expect(p.data.length).toBe(count * 5);
    }
  });

  it('puts positions on the 1/300 lattice and colours on the 1/255 lattice, all in [0, 1]', () => {
    const p = coloredPi({ count: 12_345, seed: 2 });
    const off: number[] = [];
    for (let i = 0; i < p.data.length; i++) {
      const v = p.data[i] as number;
      const steps = i % 5 < 2 ? 300 : 255;
      const k = Math.round(v * steps);
      const top = i % 5 < 2 ? 299 : 255;
      if (!(k >= 0 && k <= top && v === Math.fround(k / steps))) off.push(i);
    }
    expect(off).toEqual([]);
  });

  it('draws distinct pixels, as the quiz data does', () => {
    const keys = new Set(toArrays(pi).map(([x, y]) => `${x},${y}`));
    expect(keys.size).toBe(pi.count);
  });

  it('is bit-identical for the same seed, with 0 as the default seed, and differs across seeds', () => {
    expect(sameBits(coloredPi().data, pi.data)).toBe(true);
    expect(sameBits(coloredPi({ seed: 0 }).data, pi.data)).toBe(true);
    expect(
      sameBits(coloredPi({ count: 300, seed: 'abc' }).data, coloredPi({ count: 300, seed: 'abc' }).data),
    ).toBe(true);
    expect(
      sameBits(coloredPi({ count: 300, seed: new Rng(5) }).data, coloredPi({ count: 300, seed: 5 }).data),
    ).toBe(true);
    expect(sameBits(coloredPi({ count: 300, seed: 1 }).data, coloredPi({ count: 300, seed: 2 }).data)).toBe(
      false,
    );
    expect(sameBits(coloredPi({ count: 1000, seed: 1 }).data, pi.data.subarray(0, 5000))).toBe(false);
  });

  it('rejects a count that is not a positive integer, naming it', () => {
    for (const count of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10' as unknown as number]) {
      expect(() => coloredPi({ count })).toThrow(RangeError);
      expect(() => coloredPi({ count })).toThrow(/count/);
    }
  });

  it('draws a π: a full bar on top, two legs, and nothing between the legs or around the glyph', () => {
    // Between the legs, under the bar.
    expect(inBox(pi, [120, 210], [125, 150])).toHaveLength(0);
    // The corners of the picture.
    expect(inBox(pi, [0, 15], [0, 300])).toHaveLength(0);
    expect(inBox(pi, [150, 300], [265, 300])).toHaveLength(0);
    expect(inBox(pi, [0, 40], [0, 200])).toHaveLength(0);
    // The bar, and each leg's shaft, are well filled.
    expect(inBox(pi, [55, 90], [70, 230]).length).toBeGreaterThan(800);
    expect(inBox(pi, [130, 180], [93, 115]).length).toBeGreaterThan(100);
    expect(inBox(pi, [130, 180], [162, 186]).length).toBeGreaterThan(100);
  });

  it('shades as the quiz image: pale bar, cyan tip, magenta-violet left foot, deep-violet right foot', () => {
    const bar = moments(inBox(pi, [50, 95], [50, 150])).mean;
    const tip = moments(inBox(pi, [20, 60], [235, 260])).mean;
    const leftFoot = moments(inBox(pi, [240, 280], [50, 110])).mean;
    const rightFoot = moments(inBox(pi, [240, 280], [190, 240])).mean;
    const [, , r, g, b] = [0, 1, 2, 3, 4];
    expect(Math.min(bar[r] as number, bar[g] as number, bar[b] as number)).toBeGreaterThan(0.65);
    expect(tip[g] as number).toBeGreaterThan((tip[r] as number) + 0.1);
    expect(leftFoot[b] as number).toBeGreaterThan((leftFoot[g] as number) + 0.15);
    expect(leftFoot[r] as number).toBeGreaterThan((rightFoot[r] as number) + 0.1);
    expect(rightFoot[b] as number).toBeGreaterThan((rightFoot[r] as number) + 0.15);
    expect(Math.max(rightFoot[r] as number, rightFoot[g] as number)).toBeLessThan(0.4);
  });

  it('has per-point colour jitter, not a flat field', () => {
    // Neighbouring pixels of one small patch still differ in colour.
    const patch = inBox(pi, [60, 80], [100, 120]);
    const { std } = moments(patch);
    for (const s of std.slice(2)) expect(s).toBeGreaterThan(0.02);
  });

  it('comes in random row order, so the protocol split is a fair one', () => {
    const { train, test } = protocolSplit(pi);
    const a = moments(train);
    const b = moments(test);
    for (let j = 0; j < 5; j++) {
      expect(Math.abs((a.mean[j] as number) - (b.mean[j] as number))).toBeLessThan(0.025);
      expect(Math.abs((a.std[j] as number) - (b.std[j] as number))).toBeLessThan(0.025);
    }
  });

  it('is quick', () => {
    coloredPi({ seed: 1 });
    const t0 = performance.now();
    coloredPi({ seed: 2 });
    // A few milliseconds on a laptop; the bound leaves room for a loaded CI machine.
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it.skipIf(!HAS_PI_QUIZ)('matches the quiz points in the mean and spread of every coordinate', () => {
    const reference = readFileSync(join(PI_QUIZ_DIR, 'points-reference.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map(Number));
    const ours = moments(pi);
    const theirs = moments(reference);
    for (let j = 0; j < 5; j++) {
      expect(Math.abs((ours.mean[j] as number) - (theirs.mean[j] as number))).toBeLessThan(0.02);
      expect(Math.abs((ours.std[j] as number) - (theirs.std[j] as number))).toBeLessThan(0.02);
    }
  });
});
